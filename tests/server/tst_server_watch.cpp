// The sandbox list's change counter and its watch, against a real orkestr-local over HTTP:
// `version` on every sandbox, X-Orkestr-Version and the version's ETag on the listing,
// GET /v1/sandboxes/watch (changes in version order, Last-Event-ID resume, filters, removed,
// reset, keepalive), records that survive a SIGKILL, and the migration of a data directory made
// by the previous release (one state.json per sandbox).

#include "serverfixture.h"

#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

// One watch being read: its events as they arrive, with their ids.
struct WatchEvent
{
    qint64 id = -1;
    QByteArray event;
    QJsonObject data;
};

class Watch
{
public:
    Watch(ServerClient &client, const QString &query, const QByteArray &lastEventId = {})
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!lastEventId.isEmpty())
            headers.append({"Last-Event-ID", lastEventId});
        m_reply.reset(client.start("GET", u"/v1/sandboxes/watch"_s + query, {}, headers));
    }
    ~Watch() { stop(); }

    void stop()
    {
        if (m_reply && !m_reply->isFinished())
            m_reply->abort();
    }
    bool finished() const { return m_reply->isFinished(); }
    QNetworkReply &reply() { return *m_reply; }
    // Reads what has arrived; complete events are appended to events().
    void read()
    {
        m_buffer += m_reply->readAll();
        qsizetype end;
        while ((end = m_buffer.indexOf("\n\n")) >= 0) {
            const QByteArray block = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            WatchEvent event;
            for (const auto &line : block.split('\n')) {
                if (line.startsWith(": keepalive"))
                    ++m_keepalives;
                else if (line.startsWith("id: "))
                    event.id = line.mid(4).toLongLong();
                else if (line.startsWith("event: "))
                    event.event = line.mid(7);
                else if (line.startsWith("data: "))
                    event.data = QJsonDocument::fromJson(line.mid(6)).object();
            }
            if (!event.event.isEmpty())
                m_events.append(event);
        }
    }
    const QList<WatchEvent> &events() const { return m_events; }
    int keepalives() const { return m_keepalives; }
    // Waits for an event that satisfies the predicate.
    template<typename F> bool waitFor(F predicate, int timeoutMs = 10000)
    {
        return waitUntil(
            [&] {
                read();
                return std::any_of(m_events.cbegin(), m_events.cend(), predicate);
            },
            timeoutMs);
    }
    bool waitForSandbox(const QString &id, const QString &status, int timeoutMs = 10000)
    {
        return waitFor(
            [&](const WatchEvent &e) {
                return e.event == "sandbox" && e.data.value(u"id"_s).toString() == id
                    && e.data.value(u"status"_s).toString() == status;
            },
            timeoutMs);
    }
    QStringList ids(const QByteArray &kind) const
    {
        QStringList ids;
        for (const auto &event : m_events)
            if (event.event == kind)
                ids.append(event.data.value(u"id"_s).toString());
        return ids;
    }

private:
    std::unique_ptr<QNetworkReply> m_reply;
    QByteArray m_buffer;
    QList<WatchEvent> m_events;
    int m_keepalives = 0;
};

qint64 versionOf(const HttpResult &result)
{
    return result.json.value(u"version"_s).toInteger(-1);
}

qint64 latestVersionOf(ServerClient &client)
{
    return client.get(u"/v1/sandboxes?limit=1"_s).header("X-Orkestr-Version").toLongLong();
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(path);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(path, target))
            return false;
    }
    return true;
}

QStringList stateFiles(const QString &dataDir)
{
    QStringList files;
    QDirIterator it(dataDir + u"/sandboxes"_s, {u"state.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

} // namespace

class TestServerWatch : public ServerTestCase
{
    Q_OBJECT
private:
    qint64 latestVersion()
    {
        const auto list = m_client->get(u"/v1/sandboxes?limit=1"_s);
        return list.header("X-Orkestr-Version").toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startServer(
            {u"--plan"_s, u"team"_s, u"--snapshot-cap"_s, u"20"_s, u"--watch-keepalive-ms"_s, u"300"_s},
            false));
    }
    void cleanupTestCase() { stopServer(); }

    void everyChangeRaisesTheVersion()
    {
        const auto created = m_client->post(u"/v1/sandboxes"_s, {{u"template"_s, u"ubuntu-24.04"_s}});
        QCOMPARE(created.status, 201);
        const QString id = created.json.value(u"id"_s).toString();
        const qint64 v1 = versionOf(created);
        QVERIFY(v1 > 0);
        QCOMPARE(versionOf(m_client->get(u"/v1/sandboxes/"_s + id)), v1);
        const auto paused = m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(id));
        QCOMPARE(paused.status, 200);
        const qint64 v2 = versionOf(paused);
        QVERIFY2(v2 > v1, qPrintable(u"%1 then %2"_s.arg(v1).arg(v2)));
        const auto resumed = m_client->post(u"/v1/sandboxes/%1/resume"_s.arg(id));
        QCOMPARE(resumed.status, 200);
        const qint64 v3 = versionOf(resumed);
        QVERIFY(v3 > v2);
        const auto terminated = m_client->del(u"/v1/sandboxes/"_s + id);
        QCOMPARE(terminated.status, 200);
        const qint64 v4 = versionOf(terminated);
        QVERIFY(v4 > v3);
        // A change of another sandbox raises the account's counter, not this one's version.
        QVERIFY(!m_client->create().isEmpty());
        QCOMPARE(versionOf(m_client->get(u"/v1/sandboxes/"_s + id)), v4);
        QVERIFY(latestVersion() > v4);
    }

    void pagesCarryTheVersionAndItsETag()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(!m_client->create().isEmpty());
        const auto first = m_client->get(u"/v1/sandboxes?limit=2"_s);
        QCOMPARE(first.status, 200);
        const qint64 version = first.header("X-Orkestr-Version").toLongLong();
        QVERIFY(version > 0);
        for (const auto &sandbox : first.json.value(u"sandboxes"_s).toArray())
            QVERIFY(sandbox.toObject().value(u"version"_s).toInteger() <= version);
        const QString cursor = first.json.value(u"next_cursor"_s).toString();
        QVERIFY(!cursor.isEmpty());
        const auto second = m_client->get(u"/v1/sandboxes?limit=2&cursor="_s + cursor);
        QCOMPARE(second.header("X-Orkestr-Version").toLongLong(), version);
        // Each page has its own ETag, and the same page unchanged is a 304 with the version.
        const QByteArray etag = first.header("ETag");
        QVERIFY(!etag.isEmpty());
        QVERIFY(second.header("ETag") != etag);
        const auto unchanged
            = m_client->send("GET", u"/v1/sandboxes?limit=2"_s, {}, {{"If-None-Match", etag}});
        QCOMPARE(unchanged.status, 304);
        QVERIFY(unchanged.body.isEmpty());
        QCOMPARE(unchanged.header("X-Orkestr-Version").toLongLong(), version);
        // Any change (here a sandbox that is not even on the page) makes it a 200 again.
        const QString oldest = m_client->get(u"/v1/sandboxes?status=running&limit=1000"_s)
                                   .json.value(u"sandboxes"_s)
                                   .toArray()
                                   .last()
                                   .toObject()
                                   .value(u"id"_s)
                                   .toString();
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + oldest).status, 200);
        const auto changed = m_client->send("GET", u"/v1/sandboxes?limit=2"_s, {}, {{"If-None-Match", etag}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.header("ETag") != etag);
        QVERIFY(changed.header("X-Orkestr-Version").toLongLong() > version);
    }

    void watchDeliversChangesMadeThroughTheApi()
    {
        Watch watch(*m_client, {});
        QTest::qWait(100);
        const auto created = m_client->post(u"/v1/sandboxes"_s, {{u"template"_s, u"ubuntu-24.04"_s}});
        QCOMPARE(created.status, 201);
        const QString id = created.json.value(u"id"_s).toString();
        QVERIFY(watch.waitForSandbox(id, u"running"_s));
        QCOMPARE(watch.reply().rawHeader("Content-Type"), QByteArray("text/event-stream; charset=utf-8"));
        const auto paused = m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(id));
        QVERIFY(watch.waitForSandbox(id, u"paused"_s));
        // In version order, each event's id its sandbox's version; the pause's is the answer's.
        qint64 previous = 0;
        for (const auto &event : watch.events()) {
            QVERIFY(event.id > previous);
            previous = event.id;
            QCOMPARE(event.data.value(u"version"_s).toInteger(), event.id);
        }
        QCOMPARE(watch.events().last().id, versionOf(paused));
        QCOMPARE(watch.events().last().data.value(u"snapshot"_s).toObject().value(u"size_bytes"_s).isDouble(),
                 true);
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + id).status, 200);
        QVERIFY(watch.waitForSandbox(id, u"terminated"_s));
    }

    void resumeWithLastEventIdLosesNothing()
    {
        const qint64 start = latestVersion();
        auto watch = std::make_unique<Watch>(*m_client, u"?since_version=%1"_s.arg(start));
        const QString a = m_client->create();
        QVERIFY(watch->waitForSandbox(a, u"running"_s));
        const qint64 lastSeen = watch->events().last().id;
        watch.reset(); // the connection drops
        // Meanwhile: a new sandbox, a pause and a termination.
        const QString b = m_client->create();
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(a)).status, 200);
        const QString c = m_client->create();
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + c).status, 200);
        const qint64 end = latestVersion();

        Watch resumed(*m_client, {}, QByteArray::number(lastSeen));
        QVERIFY(resumed.waitFor([&](const WatchEvent &e) { return e.id == end; }));
        QStringList seen = resumed.ids("sandbox");
        seen.sort();
        QStringList expected {a, b, c};
        expected.sort();
        QCOMPARE(seen, expected);
        qint64 previous = lastSeen;
        for (const auto &event : resumed.events()) {
            QVERIFY(event.id > previous);
            previous = event.id;
        }
        const auto stateOf = [&](const QString &id) {
            for (const auto &event : resumed.events())
                if (event.data.value(u"id"_s).toString() == id)
                    return event.data.value(u"status"_s).toString();
            return QString();
        };
        QCOMPARE(stateOf(a), u"paused"_s);
        QCOMPARE(stateOf(b), u"running"_s);
        QCOMPARE(stateOf(c), u"terminated"_s);
        // since_version wins over Last-Event-ID.
        Watch both(*m_client, u"?since_version=%1"_s.arg(end), QByteArray::number(start));
        QTest::qWait(300);
        both.read();
        QVERIFY(both.ids("sandbox").isEmpty());
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + a).status, 200);
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + b).status, 200);
    }

    void unknownVersionResets()
    {
        const qint64 latest = latestVersion();
        const auto answer = m_client->get(u"/v1/sandboxes/watch?since_version=%1"_s.arg(latest + 1000));
        QCOMPARE(answer.status, 200); // one reset, then the stream ends
        const auto parsed = parseSse(answer.body);
        QCOMPARE(parsed.events.size(), 1);
        QCOMPARE(parsed.events.first().event, QByteArray("reset"));
        QCOMPARE(parsed.events.first().data.value(u"latest_version"_s).toInteger(), latest);
    }

    void filtersLikeTheListing()
    {
        Watch hel(*m_client, u"?region=hel1&status=running"_s);
        Watch node(*m_client, u"?template=node-22"_s);
        QTest::qWait(100);
        const QString fsn = m_client->create({{u"template"_s, u"ubuntu-24.04"_s}, {u"region"_s, u"fsn1"_s}});
        const QString inHel
            = m_client->create({{u"template"_s, u"ubuntu-24.04"_s}, {u"region"_s, u"hel1"_s}});
        QVERIFY(!fsn.isEmpty() && !inHel.isEmpty());
        QVERIFY(hel.waitForSandbox(inHel, u"running"_s));
        // Paused, it is no longer running: it left that listing.
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(inHel)).status, 200);
        QVERIFY(hel.waitFor([&](const WatchEvent &e) {
            return e.event == "removed" && e.data.value(u"id"_s).toString() == inHel;
        }));
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + fsn).status, 200);
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + inHel).status, 200);
        QTest::qWait(300);
        hel.read();
        node.read();
        QVERIFY(!hel.ids("sandbox").contains(fsn));
        QVERIFY(!hel.ids("removed").contains(fsn));
        QVERIFY(node.events().isEmpty());
        // The listing takes the same filters.
        const auto listed = m_client->get(u"/v1/sandboxes?region=hel1&status=terminated"_s);
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json.value(u"sandboxes"_s).toArray().first().toObject().value(u"id"_s).toString(),
                 inHel);
    }

    void badQueriesAreRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("lastEventId");
        QTest::addColumn<QString>("field");
        QTest::newRow("letters") << u"since_version=abc"_s << QByteArray() << u"since_version"_s;
        QTest::newRow("negative") << u"since_version=-1"_s << QByteArray() << u"since_version"_s;
        QTest::newRow("trailing newline") << u"since_version=5%0A"_s << QByteArray() << u"since_version"_s;
        QTest::newRow("leading zero") << u"since_version=05"_s << QByteArray() << u"since_version"_s;
        QTest::newRow("too large") << u"since_version=99999999999999999"_s << QByteArray()
                                   << u"since_version"_s;
        QTest::newRow("empty") << u"since_version="_s << QByteArray() << u"since_version"_s;
        QTest::newRow("status") << u"status=sleeping"_s << QByteArray() << u"status"_s;
        QTest::newRow("status newline") << u"status=running%0A"_s << QByteArray() << u"status"_s;
        QTest::newRow("region") << u"region=HEL1"_s << QByteArray() << u"region"_s;
        QTest::newRow("region newline") << u"region=hel1%0A"_s << QByteArray() << u"region"_s;
        QTest::newRow("template") << u"template=a%20b"_s << QByteArray() << u"template"_s;
        QTest::newRow("last-event-id") << QString() << QByteArray("x1") << u"Last-Event-ID"_s;
    }
    void badQueriesAreRefused()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, lastEventId);
        QFETCH(QString, field);
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!lastEventId.isEmpty())
            headers.append({"Last-Event-ID", lastEventId});
        const auto answer = m_client->send("GET", u"/v1/sandboxes/watch?"_s + query, {}, headers);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.errorType(), u"invalid_request"_s);
        QCOMPARE(answer.error().value(u"field"_s).toString(), field);
        if (field != u"since_version"_s && field != u"Last-Event-ID"_s) {
            const auto listing = m_client->get(u"/v1/sandboxes?"_s + query);
            QCOMPARE(listing.status, 400);
            QCOMPARE(listing.error().value(u"field"_s).toString(), field);
        }
    }

    void readOnlyTokensMayWatch()
    {
        const QString readOnly
            = createToken(m_server->dataDir.path(), {u"--read-only"_s, u"--name"_s, u"viewer"_s});
        QVERIFY(readOnly.startsWith(u"ork_"_s));
        const auto answer = m_client->send(
            "GET", u"/v1/sandboxes/watch?since_version=%1"_s.arg(latestVersion() + 5), {}, {}, readOnly);
        QCOMPARE(answer.status, 200);
        const auto unauthorized = m_client->send("GET", u"/v1/sandboxes/watch"_s, {}, {}, u"ork_nope"_s);
        QCOMPARE(unauthorized.status, 401);
    }

    void keepalivesWhileQuiet()
    {
        // The server of this test sends them every 300 ms (the default is 15 s).
        Watch watch(*m_client, {});
        QVERIFY(waitUntil(
            [&] {
                watch.read();
                return watch.keepalives() >= 2;
            },
            5000));
        QVERIFY(!watch.finished());
    }

    void leavingTheListingIsRemovedAndForgottenVersionsReset()
    {
        // Terminated sandboxes listed for 1 s and kept for 3 s, so that both happen in the test.
        TestServer server;
        QVERIFY(server.start({u"--terminated-listed-ms"_s, u"1000"_s, u"--retention-ms"_s, u"3000"_s}));
        ServerClient client(server);
        const QString id = client.create();
        QVERIFY(!id.isEmpty());
        Watch watch(client, u"?since_version=0"_s);
        QVERIFY(watch.waitForSandbox(id, u"running"_s));
        const auto terminated = client.del(u"/v1/sandboxes/"_s + id);
        QVERIFY(watch.waitForSandbox(id, u"terminated"_s));
        QVERIFY(watch.waitFor([&](const WatchEvent &e) { return e.event == "removed"; }, 5000));
        const WatchEvent removed = watch.events().last();
        QCOMPARE(removed.data.value(u"id"_s).toString(), id);
        QVERIFY(removed.id > versionOf(terminated));
        QCOMPARE(removed.data.value(u"version"_s).toInteger(), removed.id);
        // Gone from the listing, still fetchable, under the removal's version.
        QVERIFY(client.get(u"/v1/sandboxes"_s).json.value(u"sandboxes"_s).toArray().isEmpty());
        QCOMPARE(client.get(u"/v1/sandboxes/"_s + id).status, 200);
        QCOMPARE(versionOf(client.get(u"/v1/sandboxes/"_s + id)), removed.id);
        // Once its record is pruned, a watch from before its removal cannot be answered whole.
        QVERIFY(waitUntil([&] { return client.get(u"/v1/sandboxes/"_s + id).status == 404; }, 10000));
        const auto reset = client.get(u"/v1/sandboxes/watch?since_version=0"_s);
        const auto parsed = parseSse(reset.body);
        QCOMPARE(parsed.events.size(), 1);
        QCOMPARE(parsed.events.first().event, QByteArray("reset"));
        QCOMPARE(parsed.events.first().data.value(u"latest_version"_s).toInteger(), removed.id);
        // From the removal on, nothing was forgotten.
        const auto fine = client.start("GET", u"/v1/sandboxes/watch?since_version=%1"_s.arg(removed.id));
        QTest::qWait(300);
        QVERIFY(!fine->isFinished());
        fine->abort();
        delete fine;
    }

    void recordsAndVersionsSurviveSigkill()
    {
        TestServer server;
        QVERIFY(server.start());
        auto client = std::make_unique<ServerClient>(server);
        const QString paused = client->create();
        const QString running = client->create();
        QVERIFY(!paused.isEmpty() && !running.isEmpty());
        QCOMPARE(client
                     ->put(u"/v1/sandboxes/%1/files"_s.arg(paused),
                           {{u"path"_s, u"/workspace/kept.txt"_s},
                            {u"content"_s, QString::fromLatin1(QByteArray("still here").toBase64())}})
                     .status,
                 200);
        QCOMPARE(client->post(u"/v1/sandboxes/%1/pause"_s.arg(paused)).status, 200);
        const qint64 before = client->get(u"/v1/sandboxes"_s).header("X-Orkestr-Version").toLongLong();
        const qint64 pausedVersion = versionOf(client->get(u"/v1/sandboxes/"_s + paused));

        QCOMPARE(::kill(pid_t(server.process->processId()), SIGKILL), 0);
        client.reset();
        server.process = std::make_unique<Orkestr::LocalServerProcess>();
        QVERIFY(server.start());
        client = std::make_unique<ServerClient>(server);
        // The paused sandbox as it was; the running one failed (its processes died), a change.
        const auto again = client->get(u"/v1/sandboxes/"_s + paused);
        QCOMPARE(again.json.value(u"status"_s).toString(), u"paused"_s);
        QCOMPARE(versionOf(again), pausedVersion);
        const auto failed = client->get(u"/v1/sandboxes/"_s + running);
        QCOMPARE(failed.json.value(u"status"_s).toString(), u"failed"_s);
        QVERIFY(versionOf(failed) > before);
        // The counter went on from where it was, so a watch from before sees the failure.
        Watch watch(*client, u"?since_version=%1"_s.arg(before));
        QVERIFY(watch.waitForSandbox(running, u"failed"_s));
        QVERIFY(!watch.ids("sandbox").contains(paused));
        QCOMPARE(client->post(u"/v1/sandboxes/%1/resume"_s.arg(paused)).status, 200);
        const auto file = client->get(u"/v1/sandboxes/%1/files?path=/workspace/kept.txt"_s.arg(paused));
        QCOMPARE(QByteArray::fromBase64(file.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("still here"));
        client->del(u"/v1/sandboxes/"_s + paused);
    }

    void migratesThePreviousReleasesDataDir()
    {
        // tests/server/data/previous-release: made by the release before the records moved into
        // SQLite (see make-previous-release.sh next to it). Kept fetchable for longer than the
        // fixture's age, so that its terminated sandbox is still there, and listed for a second
        // after termination, so that it is not listed whatever the fixture's age.
        const QStringList arguments {u"--journal-retention-hours"_s, u"100000"_s, u"--terminated-listed-ms"_s,
                                     u"1000"_s};
        TestServer server;
        const QString dir = server.dataDir.path();
        QVERIFY(copyTree(QStringLiteral(ORKESTR_PREVIOUS_RELEASE_DATA), dir));
        QCOMPARE(stateFiles(dir).size(), 4);
        QVERIFY(server.start(arguments));
        auto client = std::make_unique<ServerClient>(server);
        const QString paused = u"sbx_01M8Y3S75Q8FBE1ATX5CV9TM8S"_s;
        const QString running = u"sbx_01M8Y3S7FHEKT0TZD50RNMEBN6"_s;
        const QString terminated = u"sbx_01M8Y3S7NKSHXZ0Y5DWRVC0W6P"_s;
        const QString pausedEmpty = u"sbx_01M8Y3S7VZCHK2P1S3R2RSVW4R"_s;

        const auto check = [&](const QString &id, const QString &status, const QString &role) {
            const auto answer = client->get(u"/v1/sandboxes/"_s + id);
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.json.value(u"status"_s).toString(), status);
            QCOMPARE(answer.json.value(u"metadata"_s).toObject().value(u"role"_s).toString(), role);
            QVERIFY(versionOf(answer) > 0);
        };
        check(paused, u"paused"_s, u"paused"_s);
        check(running, u"failed"_s, u"running"_s); // its processes died with the old server
        check(terminated, u"terminated"_s, u"terminated"_s);
        check(pausedEmpty, u"paused"_s, u"paused-empty"_s);
        const auto first = client->get(u"/v1/sandboxes/"_s + paused).json;
        QCOMPARE(first.value(u"snapshot"_s).toObject().value(u"size_bytes"_s).toInteger(), 10240);
        QCOMPARE(first.value(u"env_keys"_s).toArray(), QJsonArray {u"SECRET_KEY"_s});
        QCOMPARE(first.value(u"template"_s).toString(), u"ubuntu-24.04"_s);
        QCOMPARE(client->get(u"/v1/sandboxes/"_s + running).json.value(u"region"_s).toString(), u"hel1"_s);
        QCOMPARE(client->get(u"/v1/sandboxes/"_s + pausedEmpty).json.value(u"cpu"_s).toDouble(), 2.0);
        // Its journal came along.
        QVERIFY(!client->get(u"/v1/sandboxes/%1/events"_s.arg(paused))
                     .json.value(u"events"_s)
                     .toArray()
                     .isEmpty());
        // The terminated one left the listing long ago; the others are listed.
        QStringList listed;
        for (const auto &entry : client->get(u"/v1/sandboxes"_s).json.value(u"sandboxes"_s).toArray())
            listed.append(entry.toObject().value(u"id"_s).toString());
        QCOMPARE(listed, (QStringList {pausedEmpty, running, paused}));
        // The records are in the database now; the failed sandbox's files are where they were.
        QVERIFY(stateFiles(dir).isEmpty());
        QFile csv(dir + u"/sandboxes/%1/workspace/data.csv"_s.arg(running));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), QByteArray("a,b\n1,2"));
        const qint64 version = latestVersionOf(*client);

        // Not repeated: a stray state.json left by the old release (here put back) is not read,
        // and the second start changes nothing.
        QCOMPARE(client->del(u"/v1/sandboxes/"_s + running).status, 200);
        QVERIFY(waitUntil([&] {
            return client->get(u"/v1/sandboxes?status=terminated"_s)
                .json.value(u"sandboxes"_s)
                .toArray()
                .isEmpty();
        }));
        const qint64 afterTermination = latestVersionOf(*client);
        QVERIFY(afterTermination > version);
        client.reset();
        server.process.reset();
        QVERIFY(QFile::copy(QStringLiteral(ORKESTR_PREVIOUS_RELEASE_DATA)
                                + u"/sandboxes/%1/state.json"_s.arg(running),
                            dir + u"/sandboxes/%1/state.json"_s.arg(running)));
        server.process = std::make_unique<Orkestr::LocalServerProcess>();
        QVERIFY(server.start(arguments));
        client = std::make_unique<ServerClient>(server);
        QCOMPARE(client->get(u"/v1/sandboxes/"_s + running).json.value(u"status"_s).toString(),
                 u"terminated"_s);
        QCOMPARE(latestVersionOf(*client), afterTermination);

        // The snapshots and files came through: both paused sandboxes resume with their files.
        QCOMPARE(client->post(u"/v1/sandboxes/%1/resume"_s.arg(paused)).status, 200);
        const auto notes = client->get(u"/v1/sandboxes/%1/files?path=/workspace/notes.txt"_s.arg(paused));
        QCOMPARE(QByteArray::fromBase64(notes.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("kept across the migration"));
        const auto main = client->get(u"/v1/sandboxes/%1/files?path=/workspace/src/main.py"_s.arg(paused));
        QCOMPARE(QByteArray::fromBase64(main.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("print('hello')"));
        const auto env = client->exec(paused, u"printf %s \"$SECRET_KEY\""_s);
        QCOMPARE(env.json.value(u"stdout"_s).toString(), u"fixture-secret"_s);
        QCOMPARE(client->post(u"/v1/sandboxes/%1/resume"_s.arg(pausedEmpty)).status, 200);
        for (const auto &id : {paused, pausedEmpty})
            QCOMPARE(client->del(u"/v1/sandboxes/"_s + id).status, 200);
    }
};

QTEST_MAIN(TestServerWatch)
#include "tst_server_watch.moc"
