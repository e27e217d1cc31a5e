// ProcessesStore, ProcessTreeModel and ProcessSignaller: the model's structure under
// QAbstractItemModelTester while lists change in place (synthetic lists: moves, cycles,
// duplicates), and against a real orkestr-local the tree of a shell and its children, a kill
// through the signaller that the next refresh removes, no requests while inactive, and a read-only
// session that sends nothing.

#include "../core/metricstesting.h"
#include "core/client.h"
#include "core/processjobs.h"
#include "session/processesstore.h"
#include "session/processsignaller.h"
#include "session/processtreemodel.h"
#include "session/session.h"
#include "sessiontesting.h"
#include "testprompter.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace MetricsTesting;
using Orkestr::ProcessInfo;
using OrkestrSession::ProcessesStore;
using OrkestrSession::ProcessSignaller;
using OrkestrSession::ProcessTreeModel;

namespace {
ProcessInfo process(qint64 pid, qint64 ppid, const QString &command, double cpu = 0)
{
    ProcessInfo info;
    info.pid = pid;
    info.ppid = ppid;
    info.command = command;
    info.state = u"S"_s;
    info.cpuPercent = cpu;
    info.memoryBytes = 4096 * pid;
    return info;
}

qint64 pidAt(const QModelIndex &index)
{
    return index.data(ProcessTreeModel::PidRole).toLongLong();
}

// Counts the answered requests whose path ends with `suffix`, by method.
struct Requests
{
    int gets = 0;
    int posts = 0;
    QMetaObject::Connection connection;

    Requests(Orkestr::Client *client, const QString &suffix)
    {
        connection = QObject::connect(client, &Orkestr::Client::requestLogged,
                                      [this, suffix](const Orkestr::RequestLogEntry &entry) {
                                          if (entry.httpStatus == 0 || !entry.path.contains(suffix))
                                              return;
                                          (entry.method == "POST" ? posts : gets)++;
                                      });
    }
    ~Requests() { QObject::disconnect(connection); }
};
} // namespace

class TestProcessesStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_sandbox = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!m_sandbox.isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_sandbox.isEmpty())
            SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(m_sandbox));
    }

    void modelUpdatesInPlace()
    {
        ProcessTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setProcesses({process(10, 0, u"bash"_s), process(11, 10, u"python main.py"_s),
                            process(12, 11, u"worker"_s), process(20, 0, u"sleep 300"_s)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.processCount(), 4);
        const QModelIndex bash = model.indexOfPid(10);
        const QModelIndex python = model.indexOfPid(11);
        QCOMPARE(python.parent(), bash);
        QCOMPARE(model.indexOfPid(12).parent(), python);
        QCOMPARE(model.rowCount(bash), 1);
        QCOMPARE(model.rowCount(model.indexOfPid(20)), 0);
        QCOMPARE(model.index(python.row(), 0, bash), python);

        // A refresh with new figures changes data only; persistent indexes stay.
        const QPersistentModelIndex keptPython(python);
        const QPersistentModelIndex keptSleep(model.indexOfPid(20));
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setProcesses({process(10, 0, u"bash"_s), process(11, 10, u"python main.py"_s, 55.5),
                            process(12, 11, u"worker"_s), process(20, 0, u"sleep 300"_s)});
        QCOMPARE(dataChanged.size(), 1);
        QCOMPARE(pidAt(dataChanged.first().at(0).value<QModelIndex>()), 11);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QVERIFY(keptPython.isValid());
        QCOMPARE(model.processAt(keptPython)->cpuPercent, 55.5);
        QCOMPARE(keptPython.sibling(keptPython.row(), ProcessTreeModel::CpuColumn)
                     .data(ProcessTreeModel::SortRole)
                     .toDouble(),
                 55.5);

        // The worker ends, a new child starts under bash: one removal, one insertion.
        model.setProcesses({process(10, 0, u"bash"_s), process(11, 10, u"python main.py"_s, 55.5),
                            process(13, 10, u"grep"_s), process(20, 0, u"sleep 300"_s)});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(!model.indexOfPid(12).isValid());
        QCOMPARE(model.indexOfPid(13).parent(), model.indexOfPid(10));
        QVERIFY(keptPython.isValid() && keptSleep.isValid());
        QCOMPARE(pidAt(keptSleep), 20);

        // bash ends: python and grep become top-level (ppid 1); sleep keeps its row's identity.
        model.setProcesses({process(11, 1, u"python main.py"_s), process(13, 1, u"grep"_s),
                            process(20, 0, u"sleep 300"_s), process(21, 20, u"child"_s)});
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(!model.indexOfPid(10).isValid());
        QVERIFY(!model.indexOfPid(11).parent().isValid());
        QCOMPARE(model.indexOfPid(21).parent(), model.indexOfPid(20));
        QVERIFY(keptSleep.isValid());
        QCOMPARE(pidAt(keptSleep), 20);

        // A new parent with new children, in any order of the list, arrives as one subtree.
        model.setProcesses({process(32, 30, u"b"_s), process(11, 1, u"python main.py"_s),
                            process(13, 1, u"grep"_s), process(20, 0, u"sleep 300"_s),
                            process(21, 20, u"child"_s), process(30, 0, u"a"_s), process(31, 30, u"c"_s),
                            process(33, 32, u"d"_s)});
        QCOMPARE(model.rowCount(model.indexOfPid(30)), 2);
        QCOMPARE(model.indexOfPid(33).parent(), model.indexOfPid(32));

        // A cycle of ppids and a repeated pid do not break the tree.
        model.setProcesses({process(40, 41, u"x"_s), process(41, 40, u"y"_s), process(42, 42, u"self"_s),
                            process(43, 0, u"first"_s), process(43, 0, u"again"_s)});
        QCOMPARE(model.processCount(), 4);
        QCOMPARE(model.processAt(model.indexOfPid(43))->command, u"first"_s);
        QVERIFY(!model.indexOfPid(42).parent().isValid());
        const bool cycleCut
            = !model.indexOfPid(40).parent().isValid() || !model.indexOfPid(41).parent().isValid();
        QVERIFY(cycleCut);

        model.setProcesses({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 0);
    }

    void modelColumns()
    {
        ProcessTreeModel model;
        ProcessInfo info = process(7, 0, u"python main.py --port 8000"_s, 12.5);
        info.state = u"R"_s;
        info.memoryBytes = 31457280;
        info.execId = u"exe_01"_s;
        info.startedAt = QDateTime::currentDateTimeUtc();
        model.setProcesses({info});
        const QModelIndex row = model.indexOfPid(7);
        auto cell = [&](int column, int role = Qt::DisplayRole) {
            return row.siblingAtColumn(column).data(role);
        };
        QCOMPARE(model.columnCount(), int(ProcessTreeModel::ColumnCount));
        QCOMPARE(cell(ProcessTreeModel::PidColumn).toLongLong(), 7);
        QCOMPARE(cell(ProcessTreeModel::CommandColumn).toString(), info.command);
        QCOMPARE(cell(ProcessTreeModel::StateColumn).toString(), ProcessTreeModel::stateName(u"R"_s));
        QVERIFY(cell(ProcessTreeModel::CpuColumn).toString().contains(u"12"_s));
        QCOMPARE(cell(ProcessTreeModel::MemoryColumn, ProcessTreeModel::SortRole).toLongLong(), 31457280);
        QVERIFY(!cell(ProcessTreeModel::MemoryColumn).toString().isEmpty());
        QCOMPARE(cell(ProcessTreeModel::StartedColumn, ProcessTreeModel::SortRole).toDateTime(),
                 info.startedAt);
        QCOMPARE(cell(ProcessTreeModel::ExecColumn).toString(), u"exe_01"_s);
        QCOMPARE(cell(ProcessTreeModel::CpuColumn, ProcessTreeModel::ExecIdRole).toString(), u"exe_01"_s);
        QCOMPARE(cell(ProcessTreeModel::PidColumn, ProcessTreeModel::PidRole),
                 cell(ProcessTreeModel::PidColumn));
        QCOMPARE(cell(ProcessTreeModel::PidColumn, ProcessTreeModel::CommandRole).toString(), info.command);
        QSet<QString> titles;
        for (int column = 0; column < ProcessTreeModel::ColumnCount; ++column)
            titles.insert(model.headerData(column, Qt::Horizontal).toString());
        QCOMPARE(titles.size(), int(ProcessTreeModel::ColumnCount));
        QVERIFY(!titles.contains(QString()));
        QVERIFY(!model.headerData(ProcessTreeModel::ColumnCount, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
        // Columns whose title needs a word more say it in a tooltip; the others have none.
        QVERIFY(!model.headerData(ProcessTreeModel::CpuColumn, Qt::Horizontal, Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
        QVERIFY(!model.headerData(ProcessTreeModel::PidColumn, Qt::Horizontal, Qt::ToolTipRole).isValid());
        QCOMPARE(ProcessTreeModel::stateName(u"W"_s), u"W"_s);
        QCOMPARE(ProcessTreeModel::stateName(u"RS"_s), u"RS"_s);
        QVERIFY(ProcessTreeModel::stateName(u"S"_s) != u"S"_s);
        QCOMPARE(ProcessTreeModel::stateName(u"t"_s), ProcessTreeModel::stateName(u"T"_s));
        QVERIFY(ProcessTreeModel::stateName(u"R"_s) != ProcessTreeModel::stateName(u"S"_s));
    }

    void treeNestsAndKillRemoves()
    {
        OrkestrSession::Session session(&m_client);
        QSignalSpy account(&session, &OrkestrSession::Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        TestPrompter prompter;
        prompter.accept = true;
        ProcessSignaller *signaller = session.processSignaller();
        signaller->setPrompter(&prompter);
        QVERIFY(signaller->canSignal());

        const qint64 shell = startBackground(&m_client, m_sandbox, u"sh -c 'sleep 300 & sleep 301 & wait'"_s);
        QVERIFY(shell > 0);
        ProcessesStore store(&m_client, m_sandbox);
        ProcessTreeModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy refreshed(&store, &ProcessesStore::refreshed);
        store.setActive(true);
        QCOMPARE(store.state(), ProcessesStore::State::Loading);
        // The shell, with both sleeps under it.
        const auto child = [&](const QString &command) {
            for (const auto &process : store.processes())
                if (process.command == command && process.ppid == shell)
                    return process;
            return ProcessInfo();
        };
        QTRY_VERIFY_WITH_TIMEOUT(child(u"sleep 300"_s).pid > 0 && child(u"sleep 301"_s).pid > 0, 8000);
        QCOMPARE(store.state(), ProcessesStore::State::Live);
        const ProcessInfo victim = child(u"sleep 300"_s);
        const ProcessInfo survivor = child(u"sleep 301"_s);
        const QModelIndex shellIndex = model.indexOfPid(shell);
        QVERIFY(shellIndex.isValid());
        QCOMPARE(model.indexOfPid(victim.pid).parent(), shellIndex);
        QCOMPARE(model.indexOfPid(survivor.pid).parent(), shellIndex);
        QVERIFY(!victim.execId.isEmpty());
        QCOMPARE(model.indexOfPid(victim.pid).data(ProcessTreeModel::ExecIdRole).toString(), victim.execId);
        QVERIFY(store.find(victim.pid));

        // Kill one: the next refresh removes it; the shell and the other sleep keep their rows.
        const QPersistentModelIndex keptShell(shellIndex);
        const QPersistentModelIndex keptSurvivor(model.indexOfPid(survivor.pid));
        QSignalSpy finished(signaller, &ProcessSignaller::finished);
        QVERIFY(signaller->signal(m_sandbox, victim, 9));
        QCOMPARE(prompter.asked.size(), 1);
        QVERIFY(prompter.asked.first().text.contains(u"sleep 300"_s));
        QVERIFY(finished.wait(10000));
        const auto outcome = finished.first().first().value<ProcessSignaller::Outcome>();
        QVERIFY2(outcome.succeeded(), qPrintable(outcome.summary()));
        QCOMPARE(outcome.pid, victim.pid);
        QCOMPARE(outcome.signal, 9);
        QVERIFY(outcome.summary().contains(u"SIGKILL"_s));
        refreshed.clear();
        QVERIFY(refreshed.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!model.indexOfPid(victim.pid).isValid(), 5000);
        QVERIFY(!store.find(victim.pid));
        QVERIFY(keptShell.isValid() && keptSurvivor.isValid());
        QCOMPARE(pidAt(keptSurvivor), survivor.pid);
        QCOMPARE(keptSurvivor.parent(), QModelIndex(keptShell));
        QCOMPARE(reset.size(), 0);

        // A process that is gone: process_not_found, reported with its request id.
        finished.clear();
        QVERIFY(signaller->signal(m_sandbox, victim, 15));
        QVERIFY(finished.wait(10000));
        const auto missing = finished.first().first().value<ProcessSignaller::Outcome>();
        QCOMPARE(missing.error.type(), u"process_not_found"_s);
        QVERIFY(missing.error.requestId().startsWith(u"req_"_s));
        QVERIFY(missing.summary().contains(missing.error.requestId()));

        // A declined question sends nothing.
        prompter.accept = false;
        Requests requests(&m_client, u"/signal"_s);
        QVERIFY(signaller->signal(m_sandbox, survivor, 9));
        QTest::qWait(300);
        QCOMPARE(requests.posts, 0);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::SignalProcessJob>(m_sandbox, shell, 9)));
    }

    void inactiveAsksNothing()
    {
        ProcessesStore store(&m_client, m_sandbox);
        Requests requests(&m_client, u"/processes"_s);
        QTest::qWait(2500);
        QCOMPARE(requests.gets, 0);
        QSignalSpy refreshed(&store, &ProcessesStore::refreshed);
        store.setActive(true);
        QVERIFY(refreshed.wait(5000));
        QVERIFY(refreshed.wait(5000)); // every 2 s while active
        store.setActive(false);
        QCOMPARE(store.state(), ProcessesStore::State::Idle);
        const int stopped = requests.gets;
        QTest::qWait(4500);
        QCOMPARE(requests.gets, stopped);
        store.refreshNow(); // inactive: nothing either
        QTest::qWait(300);
        QCOMPARE(requests.gets, stopped);
    }

    void readOnlyRefusesWithoutARequest()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        prompter.accept = true;
        ProcessSignaller *signaller = session.processSignaller();
        signaller->setPrompter(&prompter);
        session.setInspectOnly(true);
        QVERIFY(!signaller->canSignal());
        const qint64 pid = startBackground(&m_client, m_sandbox, u"sleep 300"_s);
        QVERIFY(pid > 0);
        Requests requests(&m_client, u"/signal"_s);
        QSignalSpy finished(signaller, &ProcessSignaller::finished);
        QVERIFY(!signaller->signal(m_sandbox, process(pid, 0, u"sleep 300"_s), 9));
        QTest::qWait(300);
        QVERIFY(prompter.asked.isEmpty());
        QCOMPARE(requests.posts, 0);
        QCOMPARE(finished.size(), 0);

        // A policy that turns read-only while the question is open sends nothing either.
        session.setInspectOnly(false);
        struct LatePrompter : OrkestrSession::Prompter
        {
            std::function<void(bool)> pending;
            void confirm(const OrkestrSession::Question &, std::function<void(bool)> answer) override
            {
                pending = std::move(answer);
            }
            void askText(const OrkestrSession::Question &, const QString &,
                         std::function<void(std::optional<QString>)> answer) override
            {
                answer(std::nullopt);
            }
        } late;
        signaller->setPrompter(&late);
        QVERIFY(signaller->signal(m_sandbox, process(pid, 0, u"sleep 300"_s), 9));
        session.setInspectOnly(true);
        late.pending(true);
        QTest::qWait(300);
        QCOMPARE(requests.posts, 0);
        // Out of range or without a prompter: refused at once.
        session.setInspectOnly(false);
        QVERIFY(!signaller->signal(m_sandbox, process(pid, 0, u"sleep 300"_s), 32));
        signaller->setPrompter(nullptr);
        QVERIFY(!signaller->signal(m_sandbox, process(pid, 0, u"sleep 300"_s), 9));
        QCOMPARE(requests.posts, 0);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::SignalProcessJob>(m_sandbox, pid, 9)));
    }

    void notRunningAndUnknown()
    {
        const QString ended = SessionTest::create(&m_client, u"hel1"_s);
        QVERIFY(!ended.isEmpty());
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(ended)));
        ProcessesStore store(&m_client, ended);
        store.setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), ProcessesStore::State::NotRunning, 5000);
        QVERIFY(store.processes().isEmpty());
        QVERIFY(store.hasLoaded());

        ProcessesStore unknown(&m_client, u"sbx_00000000000000000000000000"_s);
        unknown.setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(unknown.state(), ProcessesStore::State::Failed, 5000);
        QCOMPARE(unknown.lastError().kind(), Orkestr::ApiError::Kind::SandboxNotFound);
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_sandbox;
};

QTEST_MAIN(TestProcessesStore)
#include "tst_processestore.moc"
