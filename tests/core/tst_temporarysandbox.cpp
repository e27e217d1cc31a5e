// TemporarySandbox (Sandbox.withTemp) against a real orkestr-local: the sandbox it creates is
// terminated when the work finishes, when the object is destroyed while ready, and when it is
// destroyed or finished while the create is still under way; a failed create leaves nothing.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "core/temporarysandbox.h"
#include "eventwait.h"
#include "testserver.h"

using namespace Orkestr;
using namespace Qt::StringLiterals;

class TestTemporarySandbox : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Client m_client;

    static CreateSandboxParams params()
    {
        CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        return params;
    }

    // Every sandbox the server lists, with its status.
    QMap<QString, Sandbox::Status> allSandboxes()
    {
        // The results are taken when the job finishes: it deletes itself afterwards, and this runs
        // inside waitUntil's event loop too, where that deletion may come before the wait returns.
        auto *job = m_client.call<ListSandboxesJob>();
        bool done = false;
        QMap<QString, Sandbox::Status> all {{u"<list failed>"_s, Sandbox::Status::Unknown}};
        connect(job, &Job::finished, this, [&](Job *finished) {
            done = true;
            if (finished->error().isError())
                return;
            all.clear();
            for (const auto &sandbox : static_cast<ListSandboxesJob *>(finished)->sandboxes())
                all.insert(sandbox.id, sandbox.status);
        });
        if (!OrkestrTest::waitUntil([&] { return done; }, 20000))
            job->abort(); // finishes it now, so the lambda above never runs after this returns
        return all;
    }

    // The sandboxes the server lists as running or starting.
    QStringList liveSandboxes()
    {
        QStringList ids;
        const auto all = allSandboxes();
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (it.value() == Sandbox::Status::Running || it.value() == Sandbox::Status::Starting)
                ids.append(it.key());
        }
        return ids;
    }

    // Waits for the one sandbox that appeared since `before` and returns its status.
    Sandbox::Status newcomerStatus(const QMap<QString, Sandbox::Status> &before)
    {
        QMap<QString, Sandbox::Status> now;
        if (!OrkestrTest::waitUntil([&] { return (now = allSandboxes()).size() == before.size() + 1; },
                                    30000))
            return Sandbox::Status::Unknown;
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            if (!before.contains(it.key()))
                return it.value();
        }
        return Sandbox::Status::Unknown;
    }

    Sandbox::Status statusOf(const QString &id)
    {
        auto *job = m_client.call<GetSandboxJob>(id);
        bool done = false;
        Sandbox::Status status = Sandbox::Status::Unknown;
        connect(job, &Job::finished, this, [&](Job *finished) {
            done = true;
            status = static_cast<GetSandboxJob *>(finished)->sandbox().status;
        });
        if (!OrkestrTest::waitUntil([&] { return done; }, 20000))
            job->abort();
        return status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
    }

    void finishTerminates()
    {
        TemporarySandbox temp(&m_client, params());
        QSignalSpy ready(&temp, &TemporarySandbox::ready);
        QSignalSpy terminated(&temp, &TemporarySandbox::terminated);
        temp.start();
        QVERIFY(ready.wait(30000));
        QCOMPARE(temp.state(), TemporarySandbox::State::Ready);
        const QString id = temp.sandbox().id;
        QVERIFY(!id.isEmpty());
        // Work with it.
        auto *exec = m_client.call<ExecJob>(id, u"echo 2+2=$((2+2))"_s);
        QSignalSpy execFinished(exec, &Job::finished);
        QVERIFY(execFinished.wait(20000));
        QCOMPARE(exec->result().stdoutText, u"2+2=4\n"_s);
        temp.finish();
        QVERIFY(terminated.wait(20000));
        QCOMPARE(temp.state(), TemporarySandbox::State::Terminated);
        QCOMPARE(temp.sandbox().status, Sandbox::Status::Terminated);
        QCOMPARE(statusOf(id), Sandbox::Status::Terminated);
    }

    void destructionTerminates()
    {
        QString id;
        {
            TemporarySandbox temp(&m_client, params());
            QSignalSpy ready(&temp, &TemporarySandbox::ready);
            temp.start();
            QVERIFY(ready.wait(30000));
            id = temp.sandbox().id;
            // The work ends early (an error, a return): the object goes, and the sandbox with it.
        }
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), Sandbox::Status::Terminated, 20000);
    }

    void destructionWhileCreatingTerminatesOnceCreated()
    {
        const auto before = allSandboxes();
        {
            TemporarySandbox temp(&m_client, params());
            temp.start();
            QCOMPARE(temp.state(), TemporarySandbox::State::Creating);
        }
        // The create goes on and succeeds; what it made is terminated right after.
        QTRY_COMPARE_WITH_TIMEOUT(newcomerStatus(before), Sandbox::Status::Terminated, 30000);
    }

    void finishWhileCreating()
    {
        const QStringList before = liveSandboxes();
        TemporarySandbox temp(&m_client, params());
        QSignalSpy ready(&temp, &TemporarySandbox::ready);
        QSignalSpy terminated(&temp, &TemporarySandbox::terminated);
        temp.start();
        temp.finish();
        QVERIFY(terminated.wait(30000));
        QCOMPARE(ready.size(), 0); // never offered for work
        QCOMPARE(statusOf(temp.sandbox().id), Sandbox::Status::Terminated);
        QCOMPARE(liveSandboxes(), before);
    }

    void failedCreateLeavesNothing()
    {
        const QStringList before = liveSandboxes();
        CreateSandboxParams bad = params();
        bad.templateName = u"no-such-template"_s;
        TemporarySandbox temp(&m_client, bad);
        QSignalSpy failed(&temp, &TemporarySandbox::failed);
        temp.start();
        QVERIFY(failed.wait(20000));
        QCOMPARE(temp.state(), TemporarySandbox::State::Failed);
        QCOMPARE(temp.error().type(), u"invalid_request"_s);
        QCOMPARE(temp.error().field(), u"template"_s);
        QCOMPARE(liveSandboxes(), before);
    }
};

QTEST_GUILESS_MAIN(TestTemporarySandbox)
#include "tst_temporarysandbox.moc"
