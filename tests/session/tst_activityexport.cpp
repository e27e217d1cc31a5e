// Exporting a sandbox's activity from a real orkestr-local: NDJSON is the server's own event
// objects, one per line; the HTML report is one self-contained, escaped file with the timeline
// and each exec's output (colours kept, a running exec cut at the report's start); neither holds
// the token or an env value; progress is reported, cancel leaves no file, and the event loop keeps
// turning while it runs.

#include "core/activityjobs.h"
#include "core/execstreamjob.h"
#include "core/filejobs.h"
#include "eventwait.h"
#include "session/activityexport.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using OrkestrSession::ActivityExport;
using OrkestrTest::waitUntil;

namespace {
const QString SecretValue = u"s3cr3t-env-value-9f2c"_s;
}

class TestActivityExport : public QObject
{
    Q_OBJECT
private:
    // The journal as the server sends it, oldest first, read without OrkestrCore.
    QList<QJsonObject> serverEvents()
    {
        QList<QJsonObject> events;
        QNetworkAccessManager network;
        QNetworkRequest request(m_server.url().resolved(
            QUrl(u"/v1/sandboxes/%1/events?after_seq=0&limit=1000"_s.arg(m_sandbox))));
        request.setRawHeader("Authorization", "Bearer " + m_server.token().toUtf8());
        QNetworkReply *reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return events;
        const auto array = QJsonDocument::fromJson(reply->readAll()).object().value(u"events"_s).toArray();
        for (const auto &event : array)
            events.append(event.toObject());
        delete reply;
        return events;
    }

    QByteArray exportTo(ActivityExport::Format format, QList<QPair<qint64, qint64>> *progress = nullptr)
    {
        const QString file
            = m_dir.filePath(format == ActivityExport::Format::Html ? u"report.html"_s : u"events.ndjson"_s);
        ActivityExport job(&m_client, m_sandbox);
        job.setPageSize(4); // several pages
        QSignalSpy finished(&job, &ActivityExport::finished);
        QSignalSpy progressSpy(&job, &ActivityExport::progress);
        job.start(file, format);
        // The event loop turns while it runs: a timer keeps firing.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(5);
        if (!finished.wait(30000))
            return {};
        if (finished.first().first().value<ActivityExport::State>() != ActivityExport::State::Finished) {
            qWarning() << "export failed:" << job.errorText();
            return {};
        }
        if (ticks == 0)
            qWarning() << "the event loop did not turn";
        if (progress) {
            for (const auto &args : progressSpy)
                progress->append({args.at(0).toLongLong(), args.at(1).toLongLong()});
        }
        QFile read(file);
        return read.open(QIODevice::ReadOnly) ? read.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_sandbox = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!m_sandbox.isEmpty());
        Orkestr::ExecOptions withSecret;
        withSecret.env.insert(u"API_SECRET"_s, SecretValue);
        QVERIFY(SessionTest::exec(&m_client, m_sandbox,
                                  u"printf '\\033[32mgreen\\033[0m <b>&amp;</b>\\n'; echo oops >&2"_s,
                                  withSecret));
        QVERIFY(SessionTest::exec(&m_client, m_sandbox, u"echo '<script>alert(1)</script>'; exit 3"_s,
                                  withSecret));
        QVERIFY(SessionTest::finish(
            m_client.call<Orkestr::WriteFileJob>(m_sandbox, u"/workspace/<odd> & \"name\".txt"_s, u"x"_s)));
        QVERIFY(!SessionTest::finish(
            m_client.call<Orkestr::GetExecJob>(m_sandbox, u"exe_00000000000000000000000000"_s)));
    }

    void ndjsonIsTheServersEvents()
    {
        QList<QPair<qint64, qint64>> progress;
        const QByteArray ndjson = exportTo(ActivityExport::Format::Ndjson, &progress);
        QVERIFY(!ndjson.isEmpty());
        QVERIFY(ndjson.endsWith('\n'));
        const QList<QByteArray> lines = ndjson.chopped(1).split('\n');
        const QList<QJsonObject> expected = serverEvents();
        QCOMPARE(expected.size(), 7); // created, 2 × (started, finished), written, request.failed
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonDocument line = QJsonDocument::fromJson(lines[i], &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(line.object(), expected[i]);
        }
        QVERIFY(ndjson.contains("API_SECRET")); // the key is journaled...
        QVERIFY(!ndjson.contains(SecretValue.toUtf8())); // ...its value never
        QVERIFY(!ndjson.contains(m_server.token().toUtf8()));
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.last(), (QPair<qint64, qint64>(7, 7)));
    }

    void htmlIsSelfContainedAndEscaped()
    {
        // A command still running when the report is made: its output so far, then the report goes on.
        auto *running = m_client.call<Orkestr::ExecStreamJob>(m_sandbox, u"echo started-output; sleep 30"_s);
        QSignalSpy chunk(running, &Orkestr::ExecStreamJob::chunk);
        QVERIFY(chunk.wait(10000));

        QElapsedTimer timer;
        timer.start();
        const QByteArray html = exportTo(ActivityExport::Format::Html);
        QVERIFY(!html.isEmpty());
        QVERIFY2(timer.elapsed() < 15000, "the running exec held the report up");
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.trimmed().endsWith("</html>"));
        // Nothing loaded from anywhere, nothing run.
        for (const char *outside :
             {"<script", "src=", "<link", "url(", "@import", "http:", "https:", "<iframe", "<img"})
            QVERIFY2(!html.contains(outside), outside);
        // What came from the sandbox is escaped: commands, output, paths.
        QVERIFY(html.contains("echo &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;; exit 3")
                || html.contains("echo &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;; exit 3")
                || html.contains("echo '&lt;script&gt;alert(1)&lt;/script&gt;'; exit 3"));
        QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;\n"));
        QVERIFY(html.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"));
        QVERIFY(html.contains("/workspace/&lt;odd&gt; &amp; &quot;name&quot;.txt"));
        // Output with its colour and stderr marked; every exec has its section and ending.
        QVERIFY(html.contains("<span style=\"color:#00cd00;\">green</span>"));
        QVERIFY(html.contains("<span class=\"stderr\">oops\n</span>"));
        QVERIFY(html.contains("Exited with code 3 after"));
        QVERIFY(html.contains("started-output"));
        QVERIFY(html.contains("Still running when the report was made."));
        QCOMPARE(html.count("<section id=\"exe_"), 3);
        QVERIFY(html.contains("request.failed"));
        QVERIFY(html.contains("API_SECRET"));
        QVERIFY(!html.contains(SecretValue.toUtf8()));
        QVERIFY(!html.contains(m_server.token().toUtf8()));
        running->abort();
    }

    void cancelLeavesNoFile()
    {
        const QString file = m_dir.filePath(u"cancelled.html"_s);
        ActivityExport job(&m_client, m_sandbox);
        job.setPageSize(1);
        QSignalSpy finished(&job, &ActivityExport::finished);
        job.start(file, ActivityExport::Format::Html);
        QCOMPARE(job.state(), ActivityExport::State::Running);
        QTest::qWait(50);
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<ActivityExport::State>(), ActivityExport::State::Cancelled);
        QTest::qWait(200); // the writer thread drops what it had
        QVERIFY(!QFile::exists(file));
        QCOMPARE(QDir(m_dir.path()).entryList({u"cancelled*"_s}, QDir::Files | QDir::Hidden), QStringList());
    }

    void unwritableFileFails()
    {
        ActivityExport job(&m_client, m_sandbox);
        QSignalSpy finished(&job, &ActivityExport::finished);
        job.start(m_dir.filePath(u"no/such/dir/out.ndjson"_s), ActivityExport::Format::Ndjson);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job.state(), ActivityExport::State::Failed);
        QVERIFY(!job.errorText().isEmpty());
    }

private:
    QTemporaryDir m_dir;
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_sandbox;
};

QTEST_GUILESS_MAIN(TestActivityExport)
#include "tst_activityexport.moc"
