// Several clients on the same sandboxes at once, as an agent's scripts use orkestr-local: they
// pause, resume, write and read files, exec (buffered and streamed) and terminate for a while. It
// passes when no 5xx comes back, no request waits past its limit, the final states agree with the
// account's counts and every file is whole.

#include "../server/serverclient.h"

#include <QRandomGenerator>

#include <array>
#include <chrono>
#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace {

constexpr int Agents = 6;
constexpr int Sandboxes = 4;
constexpr std::chrono::seconds RunTime {40};
// The longest any request may take: execs run at most ExecTimeout of their own time, and a
// sandbox paused under an exec is resumed by another client within seconds.
constexpr std::chrono::seconds RequestLimit {30};
constexpr std::chrono::seconds ExecTimeout {10};

enum class Action { Write, Read, Exec, Stream, Pause, Resume, Terminate, Get };

struct Agent
{
    int index = 0;
    QNetworkAccessManager network;
    QRandomGenerator random;
    std::unique_ptr<QNetworkReply> reply;
    int requests = 0;
    QString current; // the request in flight, for the failure message
    QElapsedTimer since;
};

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start({u"--plan"_s, u"team"_s, u"--snapshot-cap"_s, u"2"_s}));
        m_client = std::make_unique<ServerClient>(m_server);
        for (int i = 0; i < Sandboxes; ++i) {
            m_pool.append(m_client->create());
            QVERIFY(!m_pool.last().isEmpty());
        }
    }

    void severalClientsOnTheSameSandboxes()
    {
        std::array<Agent, Agents> agents;
        QObject context; // destroyed before the agents: no answer reaches one that is gone
        bool running = true;
        int inFlight = 0;
        for (int i = 0; i < Agents; ++i) {
            agents[i].index = i;
            agents[i].random.seed(quint32(1000 + i));
        }
        std::function<void(Agent &)> issue = [&](Agent &agent) {
            if (!running)
                return;
            // Weights: mostly files and execs, with pauses and resumes often enough to cross them.
            static constexpr std::array<std::pair<Action, int>, 8> weights {{{Action::Write, 26},
                                                                             {Action::Read, 10},
                                                                             {Action::Exec, 20},
                                                                             {Action::Stream, 10},
                                                                             {Action::Pause, 13},
                                                                             {Action::Resume, 16},
                                                                             {Action::Terminate, 2},
                                                                             {Action::Get, 3}}};
            int roll = int(agent.random.bounded(100));
            Action action = Action::Get;
            for (const auto &[candidate, weight] : weights) {
                if (roll < weight) {
                    action = candidate;
                    break;
                }
                roll -= weight;
            }
            const QString id = m_pool.at(int(agent.random.bounded(Sandboxes)));
            start(agent, action, id, context, [&](Agent &done) {
                --inFlight;
                QMetaObject::invokeMethod(
                    &context, [&] { issue(done); }, Qt::QueuedConnection);
            });
            ++inFlight;
        };
        QElapsedTimer run;
        run.start();
        for (auto &agent : agents)
            issue(agent);
        QTest::qWait(RunTime);
        running = false;

        // Work frozen in paused sandboxes finishes once they run again.
        const bool settled = waitUntil(
            [&] {
                for (const auto &id : std::as_const(m_pool))
                    if (m_client->get(u"/v1/sandboxes/"_s + id).json.value(u"status"_s).toString()
                        == u"paused"_s)
                        m_client->post(u"/v1/sandboxes/%1/resume"_s.arg(id));
                return inFlight == 0;
            },
            int(std::chrono::milliseconds(RequestLimit * 2).count()));
        if (!settled) {
            for (const auto &agent : agents)
                if (agent.reply)
                    fail(u"still waiting after %1 ms: %2"_s.arg(agent.since.elapsed()).arg(agent.current));
            for (const auto &id : std::as_const(m_pool))
                fail(u"%1 is %2"_s.arg(
                    id, m_client->get(u"/v1/sandboxes/"_s + id).json.value(u"status"_s).toString()));
        }
        // An exec is killed only by the termination of its sandbox (answers on different
        // connections may arrive in either order, so this is checked once all are in).
        for (const auto &[id, what] : std::as_const(m_killed))
            if (!m_terminated.contains(id))
                fail(u"killed in a sandbox that was not terminated: "_s + what);
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.mid(0, 20).join(u"\n"_s)));

        int total = 0;
        for (const auto &agent : agents)
            total += agent.requests;
        QStringList counts;
        for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it)
            counts.append(u"%1: %2"_s.arg(it.key()).arg(it.value()));
        qInfo("%d requests in %lld ms (%s), the slowest %lld ms (%s)", total, run.elapsed(),
              qPrintable(counts.join(u", "_s)), m_slowestMs, qPrintable(m_slowest));
        QVERIFY(total > 200);
        QVERIFY(m_pausedOk > 5 && m_resumedOk > 5 && m_written > 20 && m_execOk > 20);

        // One sandbox paused and one terminated, so that every state is counted.
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(m_pool.at(0))).status, 200);
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + m_pool.at(1)).status, 200);
        m_files.erase(m_pool.at(1));

        const auto listed = m_client->get(u"/v1/sandboxes?limit=1000"_s);
        QCOMPARE(listed.status, 200);
        int runningCount = 0;
        int pausedCount = 0;
        for (const auto &entry : listed.json.value(u"sandboxes"_s).toArray()) {
            const QString status = entry.toObject().value(u"status"_s).toString();
            runningCount += status == u"running"_s || status == u"starting"_s ? 1 : 0;
            pausedCount += status == u"paused"_s ? 1 : 0;
            QVERIFY2(status == u"running"_s || status == u"paused"_s || status == u"terminated"_s,
                     qPrintable(status));
        }
        const auto account = m_client->get(u"/v1/account"_s).json;
        const auto usage = account.value(u"usage"_s).toObject();
        QCOMPARE(usage.value(u"running_sandboxes"_s).toInt(), runningCount);
        QCOMPARE(usage.value(u"paused_sandboxes"_s).toInt(), pausedCount);
        QCOMPARE(account.value(u"snapshots"_s).toObject().value(u"used"_s).toInt(), pausedCount);
        QVERIFY(pausedCount >= 1);

        // Every file is whole: the content of its last successful write.
        int checked = 0;
        for (const auto &[id, files] : m_files) {
            for (auto it = files.cbegin(); it != files.cend(); ++it) {
                const auto read = m_client->get(u"/v1/sandboxes/%1/files?path=%2"_s.arg(id, it.key()));
                QVERIFY2(read.status == 200, read.body.constData());
                QVERIFY2(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1())
                             == it.value(),
                         qPrintable(it.key()));
                ++checked;
            }
        }
        QVERIFY(checked > 5);
    }

    void cleanupTestCase()
    {
        if (m_client)
            for (const auto &id : std::as_const(m_pool))
                m_client->del(u"/v1/sandboxes/"_s + id);
        m_client.reset();
    }

private:
    void fail(const QString &what) { m_failures.append(what); }

    void start(Agent &agent, Action action, const QString &id, QObject &context,
               const std::function<void(Agent &)> &done)
    {
        QNetworkRequest request(m_client->base.resolved(QUrl(u"/v1/sandboxes/"_s + id)));
        request.setRawHeader("Authorization", "Bearer " + m_client->token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(RequestLimit * 4);
        const auto url = [&](const QString &path) {
            return m_client->base.resolved(QUrl(path));
        };
        const QString mine = u"/workspace/agent%1/f%2.bin"_s.arg(agent.index).arg(agent.requests % 3);
        QByteArray verb = "GET";
        QByteArray body;
        QByteArray content;
        QString path = u"/v1/sandboxes/"_s + id;
        const int command = int(agent.random.bounded(1000));
        switch (action) {
        case Action::Write:
            content = patternBytes(quint32(agent.index * 1000003 + agent.requests),
                                   4 * (1 + qsizetype(agent.random.bounded(64 * 1024))));
            verb = "PUT";
            path += u"/files"_s;
            body = QJsonDocument(QJsonObject {{u"path"_s, mine},
                                              {u"encoding"_s, u"base64"_s},
                                              {u"content"_s, QString::fromLatin1(content.toBase64())}})
                       .toJson(QJsonDocument::Compact);
            break;
        case Action::Read: {
            // Its own files only: no other client writes them meanwhile, so the content is known.
            const QString own = u"/workspace/agent%1/"_s.arg(agent.index);
            const auto files = m_files.find(id);
            QStringList keys;
            if (files != m_files.end())
                for (auto it = files->second.cbegin(); it != files->second.cend(); ++it)
                    if (it.key().startsWith(own))
                        keys.append(it.key());
            if (keys.isEmpty())
                break; // a GET of the sandbox instead
            const QString file = keys.at(int(agent.random.bounded(int(keys.size()))));
            path = u"/v1/sandboxes/%1/files?path=%2"_s.arg(id, file);
            content = files->second.value(file);
            break;
        }
        case Action::Exec:
        case Action::Stream:
            verb = "POST";
            path += action == Action::Exec ? u"/exec"_s : u"/exec/stream"_s;
            body
                = QJsonDocument(
                      QJsonObject {{u"command"_s,
                                    u"echo %1; sleep 0.%2; echo $((%1 * 2))"_s.arg(command).arg(command % 4)},
                                   {u"timeout_seconds"_s, int(ExecTimeout.count())}})
                      .toJson(QJsonDocument::Compact);
            break;
        case Action::Pause:
        case Action::Resume:
            verb = "POST";
            path += action == Action::Pause ? u"/pause"_s : u"/resume"_s;
            break;
        case Action::Terminate:
            verb = "DELETE";
            break;
        case Action::Get:
            break;
        }
        request.setUrl(url(path));
        ++agent.requests;
        agent.current = u"%1 %2"_s.arg(QString::fromLatin1(verb), path);
        agent.since.start();
        auto *reply = agent.network.sendCustomRequest(request, verb, body);
        agent.reply.reset(reply);
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        const QString expectedOut = u"%1\n%2\n"_s.arg(command).arg(command * 2);
        QObject::connect(reply, &QNetworkReply::finished, &context, [=, this, &agent, &context] {
            const qint64 ms = timer->elapsed();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = reply->readAll();
            const auto json = QJsonDocument::fromJson(answer).object();
            const QString what = u"%1 %2 -> %3 after %4 ms: %5"_s.arg(QString::fromLatin1(verb), path)
                                     .arg(status)
                                     .arg(ms)
                                     .arg(QString::fromUtf8(answer.left(300)));
            m_statuses[status] += 1;
            if (ms > m_slowestMs) {
                m_slowestMs = ms;
                m_slowest = u"%1 %2"_s.arg(QString::fromLatin1(verb), path);
            }
            if (status == 0 || status >= 500)
                fail(what);
            if (std::chrono::milliseconds(ms) > RequestLimit)
                fail(u"too slow: "_s + what);
            const bool ended = m_terminated.contains(id);
            switch (action) {
            case Action::Write:
                if (status == 200 && !ended) {
                    m_files[id].insert(mine, content);
                    ++m_written;
                } else if (status != 200 && status != 409) {
                    fail(what);
                }
                break;
            case Action::Read:
                if (status == 200 && !content.isEmpty()
                    && QByteArray::fromBase64(json.value(u"content"_s).toString().toLatin1()) != content)
                    fail(u"torn file: "_s + what);
                else if (status != 200 && status != 409)
                    fail(what);
                break;
            case Action::Exec:
                if (status == 200 && json.value(u"stdout"_s).toString() == expectedOut
                    && json.value(u"exit_code"_s).toInt() == 0)
                    ++m_execOk;
                else if (status == 422
                         && json.value(u"error"_s).toObject().value(u"type"_s) == u"exec_killed"_s)
                    m_killed.append({id, what}); // only a terminate may do that (checked at the end)
                else if (status != 409)
                    fail(u"exec: "_s + what);
                break;
            case Action::Stream: {
                QString out;
                QString end;
                for (const auto &event : parseSse(answer).events) {
                    if (event.event == "output")
                        out += event.data.value(u"data"_s).toString();
                    else
                        end = QString::fromLatin1(event.event);
                }
                if (status == 200 && out == expectedOut && end == u"exit"_s)
                    ++m_execOk;
                else if (status == 200 && end == u"error"_s && answer.contains("\"exec_killed\""))
                    m_killed.append({id, what});
                else if (status != 409)
                    fail(u"stream: "_s + what);
                break;
            }
            case Action::Pause:
                if (status == 200)
                    ++m_pausedOk;
                else if (status != 409 && status != 402)
                    fail(what);
                break;
            case Action::Resume:
                if (status == 200)
                    ++m_resumedOk;
                else if (status != 409)
                    fail(what);
                break;
            case Action::Terminate:
                if (status != 200) {
                    fail(what);
                    break;
                }
                if (!ended) {
                    // A new sandbox takes its place in the pool.
                    m_terminated.insert(id);
                    m_files.erase(id);
                    replace(id, agent, context, done);
                    return;
                }
                break;
            case Action::Get:
                if (status != 200)
                    fail(what);
                break;
            }
            reply->deleteLater();
            (void)agent.reply.release();
            done(agent);
        });
    }

    void replace(const QString &id, Agent &agent, QObject &context, const std::function<void(Agent &)> &done)
    {
        QNetworkRequest request(m_client->base.resolved(QUrl(u"/v1/sandboxes"_s)));
        request.setRawHeader("Authorization", "Bearer " + m_client->token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        auto *reply = agent.network.post(request, QByteArrayLiteral(R"({"template":"python-3.12"})"));
        agent.reply.reset(reply);
        QObject::connect(reply, &QNetworkReply::finished, &context, [=, this, &agent] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString created
                = QJsonDocument::fromJson(reply->readAll()).object().value(u"id"_s).toString();
            if (status != 201 || created.isEmpty())
                fail(u"create -> %1"_s.arg(status));
            else
                m_pool.replace(int(m_pool.indexOf(id)), created);
            reply->deleteLater();
            (void)agent.reply.release();
            done(agent);
        });
    }

    TestServer m_server;
    std::unique_ptr<ServerClient> m_client;
    QStringList m_pool;
    QSet<QString> m_terminated;
    std::map<QString, QHash<QString, QByteArray>> m_files; // sandbox -> path -> content
    QStringList m_failures;
    QList<std::pair<QString, QString>> m_killed; // sandbox, request
    QMap<int, int> m_statuses;
    qint64 m_slowestMs = 0;
    QString m_slowest;
    int m_pausedOk = 0;
    int m_resumedOk = 0;
    int m_written = 0;
    int m_execOk = 0;
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
