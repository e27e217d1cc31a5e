// orkestr-local's sandbox lifecycle over HTTP: create, validation, plan caps, list, paging, ETag,
// idempotency, get, terminate, templates, account usage and read-only tokens.

#include "serverfixture.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

class TestServerSandboxes : public ServerTestCase
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(startServer({u"--plan"_s, u"free"_s}, false)); }

    void createGetTerminate()
    {
        auto &c = *m_client;
        const auto created = c.post(u"/v1/sandboxes"_s,
                                    {{u"template"_s, u"ubuntu-24.04"_s},
                                     {u"env"_s, QJsonObject {{u"SECRET_KEY"_s, u"s3cr3t"_s}}},
                                     {u"metadata"_s, QJsonObject {{u"agent_run"_s, u"r_42"_s}}},
                                     {u"region"_s, u"hel1"_s}});
        QCOMPARE(created.status, 201);
        QVERIFY(created.header("X-Request-Id").startsWith("req_"));
        QVERIFY(!created.header("X-RateLimit-Remaining").isEmpty());
        // The server names itself and its version in every response (docs/api.md).
        const QByteArray server = created.header("Server");
        QVERIFY2(server.startsWith("orkestr-local/") && server.size() > 14, server.constData());
        const auto sandbox = created.json;
        const QString id = sandbox.value(u"id"_s).toString();
        QVERIFY(QRegularExpression(u"^sbx_[0-9A-HJKMNP-TV-Z]{26}$"_s).match(id).hasMatch());
        QCOMPARE(sandbox.value(u"status"_s).toString(), u"running"_s);
        QCOMPARE(sandbox.value(u"region"_s).toString(), u"hel1"_s);
        QCOMPARE(sandbox.value(u"network"_s).toString(), u"off"_s);
        QCOMPARE(sandbox.value(u"memory_mb"_s).toInt(), 2048);
        QCOMPARE(sandbox.value(u"timeout_seconds"_s).toInt(), 600);
        QCOMPARE(sandbox.value(u"env_keys"_s).toArray(), QJsonArray {u"SECRET_KEY"_s});
        QVERIFY(!created.body.contains("s3cr3t"));
        QCOMPARE(sandbox.value(u"metadata"_s).toObject().value(u"agent_run"_s).toString(), u"r_42"_s);
        QVERIFY(sandbox.value(u"created_at"_s).toString().endsWith(u'Z'));
        const auto created_at
            = QDateTime::fromString(sandbox.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
        const auto expires
            = QDateTime::fromString(sandbox.value(u"expires_at"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(qAbs(created_at.secsTo(expires) - 600) <= 1);
        QVERIFY(sandbox.value(u"snapshot"_s).isNull());

        // The env reaches the processes even though the API never echoes it.
        const auto exec = c.exec(id, u"echo $SECRET_KEY"_s);
        QCOMPARE(exec.status, 200);
        QCOMPARE(exec.json.value(u"stdout"_s).toString(), u"s3cr3t\n"_s);

        const auto got = c.get(u"/v1/sandboxes/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json.value(u"id"_s).toString(), id);

        const auto account = c.get(u"/v1/account"_s);
        QCOMPARE(account.json.value(u"usage"_s).toObject().value(u"running_sandboxes"_s).toInt(), 1);

        const auto terminated = c.del(u"/v1/sandboxes/"_s + id);
        QCOMPARE(terminated.status, 200);
        QCOMPARE(terminated.json.value(u"status"_s).toString(), u"terminated"_s);
        QCOMPARE(terminated.json.value(u"termination_reason"_s).toString(), u"requested"_s);
        QVERIFY(!terminated.json.value(u"terminated_at"_s).isNull());
        // Terminating twice is not an error.
        QCOMPARE(c.del(u"/v1/sandboxes/"_s + id).status, 200);
        const auto notReady = c.exec(id, u"true"_s);
        QCOMPARE(notReady.status, 409);
        QCOMPARE(notReady.errorType(), u"sandbox_not_ready"_s);
        QCOMPARE(notReady.error().value(u"status"_s).toString(), u"terminated"_s);
        QCOMPARE(
            c.get(u"/v1/account"_s).json.value(u"usage"_s).toObject().value(u"running_sandboxes"_s).toInt(),
            0);

        const auto missing = c.get(u"/v1/sandboxes/sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorType(), u"sandbox_not_found"_s);
        QVERIFY(missing.error().value(u"request_id"_s).toString().startsWith(u"req_"_s));
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("field");
        QTest::newRow("malformed") << QByteArray("{\"template\": ") << 400 << u"invalid_request"_s
                                   << QString();
        QTest::newRow("not object") << QByteArray("[1]") << 400 << u"invalid_request"_s << QString();
        QTest::newRow("no template") << QByteArray("{}") << 400 << u"invalid_request"_s << u"template"_s;
        QTest::newRow("unknown template")
            << QByteArray(R"({"template":"cobol-85"})") << 400 << u"invalid_request"_s << u"template"_s;
        QTest::newRow("bad network") << QByteArray(R"({"template":"python-3.12","network":"wide"})") << 400
                                     << u"invalid_request"_s << u"network"_s;
        QTest::newRow("bad cpu") << QByteArray(R"({"template":"python-3.12","cpu":-1})") << 400
                                 << u"invalid_request"_s << u"cpu"_s;
        QTest::newRow("bad timeout") << QByteArray(R"({"template":"python-3.12","timeout_seconds":"x"})")
                                     << 400 << u"invalid_request"_s << u"timeout_seconds"_s;
        QTest::newRow("bad region") << QByteArray(R"({"template":"python-3.12","region":"mars1"})") << 400
                                    << u"invalid_request"_s << u"region"_s;
        QTest::newRow("bad env") << QByteArray(R"({"template":"python-3.12","env":{"A":1}})") << 400
                                 << u"invalid_request"_s << u"env"_s;
        QTest::newRow("long metadata")
            << (R"({"template":"python-3.12","metadata":{"k":")" + QByteArray(257, 'x') + R"("}})") << 400
            << u"invalid_request"_s << u"metadata"_s;
        // The free plan: 2 cpu, 4096 MB, 3600 s.
        QTest::newRow("cpu cap") << QByteArray(R"({"template":"python-3.12","cpu":8})") << 402
                                 << u"plan_limit"_s << u"cpu"_s;
        QTest::newRow("memory cap") << QByteArray(R"({"template":"python-3.12","memory_mb":65536})") << 402
                                    << u"plan_limit"_s << u"memory_mb"_s;
        QTest::newRow("timeout cap") << QByteArray(R"({"template":"python-3.12","timeout_seconds":86400})")
                                     << 402 << u"plan_limit"_s << u"timeout_seconds"_s;
    }

    void validation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, field);
        const auto result = m_client->send("POST", u"/v1/sandboxes"_s, body);
        QCOMPARE(result.status, status);
        QCOMPARE(result.errorType(), type);
        if (type == u"plan_limit"_s) {
            QCOMPARE(result.error().value(u"limit"_s).toString(), field);
            QVERIFY(result.error().value(u"max"_s).toDouble() > 0);
        } else if (!field.isEmpty()) {
            QCOMPARE(result.error().value(u"field"_s).toString(), field);
        }
    }

    void runningSandboxCap()
    {
        // The free plan runs at most 5 sandboxes at once.
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const QString id = m_client->create();
            QVERIFY(!id.isEmpty());
            ids << id;
        }
        const auto refused = m_client->post(u"/v1/sandboxes"_s, {{u"template"_s, u"python-3.12"_s}});
        QCOMPARE(refused.status, 402);
        QCOMPARE(refused.errorType(), u"plan_limit"_s);
        QCOMPARE(refused.error().value(u"limit"_s).toString(), u"running_sandboxes"_s);
        QCOMPARE(refused.error().value(u"max"_s).toInt(), 5);
        for (const auto &id : std::as_const(ids))
            QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + id).status, 200);
    }

    void listFiltersPagingAndEtag()
    {
        auto &c = *m_client;
        const QString a = c.create({{u"template"_s, u"python-3.12"_s}, {u"region"_s, u"fsn1"_s}});
        const QString b = c.create({{u"template"_s, u"node-22"_s}, {u"region"_s, u"hel1"_s}});
        const QString d = c.create({{u"template"_s, u"ubuntu-24.04"_s}, {u"region"_s, u"hel1"_s}});
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !d.isEmpty());

        const auto running = c.get(u"/v1/sandboxes?status=running"_s);
        QCOMPARE(running.status, 200);
        QStringList ids;
        for (const auto &entry : running.json.value(u"sandboxes"_s).toArray())
            ids << entry.toObject().value(u"id"_s).toString();
        QCOMPARE(ids, (QStringList {d, b, a})); // newest first
        QVERIFY(running.json.value(u"next_cursor"_s).isNull());

        const auto hel
            = c.get(u"/v1/sandboxes?region=hel1&template=node-22&template=ubuntu-24.04&status=running"_s);
        QCOMPARE(hel.json.value(u"sandboxes"_s).toArray().size(), 2);
        const auto both = c.get(u"/v1/sandboxes?status=running&status=terminated"_s);
        QVERIFY(both.json.value(u"sandboxes"_s).toArray().size() >= 4); // 3 running plus earlier terminated

        // Paging with limit 1 walks all three, newest first.
        QStringList paged;
        QString cursor;
        do {
            const auto page = c.get(u"/v1/sandboxes?status=running&limit=1"_s
                                    + (cursor.isEmpty() ? QString() : u"&cursor="_s + cursor));
            QCOMPARE(page.status, 200);
            const auto list = page.json.value(u"sandboxes"_s).toArray();
            QVERIFY(list.size() <= 1);
            for (const auto &entry : list)
                paged << entry.toObject().value(u"id"_s).toString();
            cursor = page.json.value(u"next_cursor"_s).toString();
        } while (!cursor.isEmpty() && paged.size() < 10);
        QCOMPARE(paged, (QStringList {d, b, a}));

        QCOMPARE(c.get(u"/v1/sandboxes?limit=0"_s).error().value(u"field"_s).toString(), u"limit"_s);
        QCOMPARE(c.get(u"/v1/sandboxes?limit=1001"_s).status, 400);
        QCOMPARE(c.get(u"/v1/sandboxes?cursor=garbage"_s).error().value(u"field"_s).toString(), u"cursor"_s);

        // ETag: the same listing answers 304 without a body; a change gives a new tag.
        const auto first = c.get(u"/v1/sandboxes"_s);
        const QByteArray etag = first.header("ETag");
        QVERIFY(!etag.isEmpty());
        const auto again = c.send("GET", u"/v1/sandboxes"_s, {}, {{"If-None-Match", etag}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QVERIFY(again.header("X-Request-Id").startsWith("req_"));
        QVERIFY(!again.header("X-RateLimit-Limit").isEmpty());
        QVERIFY(again.header("Server").startsWith("orkestr-local/"));
        // The tag of the first page covers every page: a change to the oldest sandbox, which is
        // not on a one-item first page, still changes it.
        const QByteArray firstPageTag = c.get(u"/v1/sandboxes?limit=1"_s).header("ETag");
        QCOMPARE(c.send("GET", u"/v1/sandboxes?limit=1"_s, {}, {{"If-None-Match", firstPageTag}}).status,
                 304);
        QCOMPARE(c.del(u"/v1/sandboxes/"_s + a).status, 200);
        QCOMPARE(c.send("GET", u"/v1/sandboxes?limit=1"_s, {}, {{"If-None-Match", firstPageTag}}).status,
                 200);
        const auto changed = c.send("GET", u"/v1/sandboxes"_s, {}, {{"If-None-Match", etag}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.header("ETag") != etag);
        c.del(u"/v1/sandboxes/"_s + b);
        c.del(u"/v1/sandboxes/"_s + d);
    }

    void listingObjectsAreTheSandboxObjects()
    {
        // The listing writes its JSON text directly: each object is the one GET answers.
        auto &c = *m_client;
        const QString id = c.create(
            {{u"template"_s, u"python-3.12"_s},
             {u"env"_s, QJsonObject {{u"KEY_1"_s, u"v"_s}}},
             {u"metadata"_s,
              QJsonObject {{u"quote \" and \\"_s, u"line\nbreak\t\u0001"_s}, {u"unicode"_s, u"ä € 😀"_s}}}});
        QVERIFY(!id.isEmpty());
        const auto compare = [&] {
            const auto list = c.get(u"/v1/sandboxes"_s);
            QCOMPARE(list.status, 200);
            QJsonObject listed;
            for (const auto &entry : list.json.value(u"sandboxes"_s).toArray())
                if (entry.toObject().value(u"id"_s).toString() == id)
                    listed = entry.toObject();
            QCOMPARE(listed, c.get(u"/v1/sandboxes/"_s + id).json);
        };
        compare();
        QCOMPARE(c.del(u"/v1/sandboxes/"_s + id).status, 200);
        compare(); // terminated: terminated_at and termination_reason set
    }

    void idempotencyKey()
    {
        auto &c = *m_client;
        const QByteArray body = R"({"template":"python-3.12"})";
        const auto first = c.send("POST", u"/v1/sandboxes"_s, body, {{"Idempotency-Key", "retry-me-1"}});
        const auto second = c.send("POST", u"/v1/sandboxes"_s, body, {{"Idempotency-Key", "retry-me-1"}});
        QCOMPARE(first.status, 201);
        QCOMPARE(second.status, 201);
        QCOMPARE(second.json.value(u"id"_s), first.json.value(u"id"_s));
        const auto other = c.send("POST", u"/v1/sandboxes"_s, body, {{"Idempotency-Key", "retry-me-2"}});
        QVERIFY(other.json.value(u"id"_s) != first.json.value(u"id"_s));
        c.del(u"/v1/sandboxes/"_s + first.json.value(u"id"_s).toString());
        c.del(u"/v1/sandboxes/"_s + other.json.value(u"id"_s).toString());
    }

    void templates()
    {
        const auto result = m_client->get(u"/v1/templates"_s);
        QCOMPARE(result.status, 200);
        QStringList names;
        for (const auto &entry : result.json.value(u"templates"_s).toArray()) {
            names << entry.toObject().value(u"name"_s).toString();
            QVERIFY(entry.toObject().value(u"available"_s).isBool());
            QVERIFY(!entry.toObject().value(u"description"_s).toString().isEmpty());
        }
        QCOMPARE(names,
                 (QStringList {u"python-3.12"_s, u"python-3.12-bare"_s, u"node-22"_s, u"ubuntu-24.04"_s}));
    }

    void readOnlyToken()
    {
        const QString readOnly
            = createToken(m_server->dataDir.path(), {u"--read-only"_s, u"--name"_s, u"ro"_s});
        QVERIFY(readOnly.startsWith(u"ork_"_s));
        auto &c = *m_client;
        const QString id = c.create();
        QVERIFY(!id.isEmpty());
        QCOMPARE(c.send("GET", u"/v1/sandboxes/"_s + id, {}, {}, readOnly).status, 200);
        QCOMPARE(c.send("GET", u"/v1/sandboxes"_s, {}, {}, readOnly).status, 200);
        QCOMPARE(c.send("GET", u"/v1/account"_s, {}, {}, readOnly).status, 200);
        const QList<std::pair<QByteArray, QString>> writes {
            {"POST", u"/v1/sandboxes"_s},
            {"DELETE", u"/v1/sandboxes/"_s + id},
            {"POST", u"/v1/sandboxes/%1/exec"_s},
            {"POST", u"/v1/sandboxes/%1/pause"_s},
            {"POST", u"/v1/sandboxes/%1/resume"_s},
            {"PUT", u"/v1/sandboxes/%1/files"_s},
            {"DELETE", u"/v1/sandboxes/%1/files?path=/workspace/x"_s}};
        for (const auto &[verb, path] : writes) {
            const auto result = c.send(verb, path.contains(u"%1"_s) ? path.arg(id) : path,
                                       R"({"template":"python-3.12","command":"true"})", {}, readOnly);
            QCOMPARE(result.status, 403);
            QCOMPARE(result.errorType(), u"forbidden"_s);
            QCOMPARE(result.error().value(u"required_scope"_s).toString(), u"sandboxes:write"_s);
        }
        QCOMPARE(c.get(u"/v1/sandboxes/"_s + id).json.value(u"status"_s).toString(), u"running"_s);
        c.del(u"/v1/sandboxes/"_s + id);

        // Revoked while the server runs: refused with the next request.
        QProcess revoke;
        revoke.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                     {u"token"_s, u"revoke"_s, u"ro"_s, u"--data-dir"_s, m_server->dataDir.path()});
        QVERIFY(revoke.waitForFinished(15000));
        QCOMPARE(revoke.exitCode(), 0);
        const auto revoked = c.send("GET", u"/v1/account"_s, {}, {}, readOnly);
        QCOMPARE(revoked.status, 401);
        QCOMPARE(revoked.errorType(), u"unauthorized"_s);
        QCOMPARE(c.get(u"/v1/account"_s).status, 200);
    }

    void autoTerminatesAtExpiry()
    {
        const QString id = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"timeout_seconds"_s, 1}});
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_client->exec(id, u"nohup sleep 300 >/dev/null 2>&1 &"_s).status, 200);
        QVERIFY(waitUntil([&] {
            return m_client->get(u"/v1/sandboxes/"_s + id).json.value(u"status"_s).toString()
                == u"terminated"_s;
        }));
        QCOMPARE(m_client->get(u"/v1/sandboxes/"_s + id).json.value(u"termination_reason"_s).toString(),
                 u"timeout"_s);
    }

    void configuredRegions()
    {
        TestServer custom;
        QVERIFY(custom.start({u"--regions"_s, u"fsn1,lab=My lab"_s}));
        ServerClient c(custom);
        const auto regions = c.get(u"/v1/regions"_s).json.value(u"regions"_s).toArray();
        QCOMPARE(regions.size(), 2);
        QCOMPARE(regions.at(0).toObject().value(u"location"_s).toString(), u"Falkenstein, DE"_s);
        QCOMPARE(regions.at(1).toObject().value(u"name"_s).toString(), u"lab"_s);
        QCOMPARE(regions.at(1).toObject().value(u"location"_s).toString(), u"My lab"_s);
        const auto created
            = c.post(u"/v1/sandboxes"_s, {{u"template"_s, u"ubuntu-24.04"_s}, {u"region"_s, u"lab"_s}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json.value(u"region"_s).toString(), u"lab"_s);
        QCOMPARE(c.post(u"/v1/sandboxes"_s, {{u"template"_s, u"ubuntu-24.04"_s}, {u"region"_s, u"hel1"_s}})
                     .error()
                     .value(u"field"_s)
                     .toString(),
                 u"region"_s);
        QJsonObject metadata;
        for (int i = 0; i < 17; ++i)
            metadata.insert(u"k%1"_s.arg(i), u"v"_s);
        QCOMPARE(c.post(u"/v1/sandboxes"_s, {{u"template"_s, u"ubuntu-24.04"_s}, {u"metadata"_s, metadata}})
                     .error()
                     .value(u"field"_s)
                     .toString(),
                 u"metadata"_s);
        c.del(u"/v1/sandboxes/"_s + created.json.value(u"id"_s).toString());
    }

    void rateLimited()
    {
        TestServer limited;
        QVERIFY(limited.start({u"--rate-limit"_s, u"3/min"_s}));
        ServerClient c(limited);
        HttpResult last;
        for (int i = 0; i < 6 && last.status != 429; ++i)
            last = c.get(u"/v1/templates"_s);
        QCOMPARE(last.status, 429);
        QCOMPARE(last.errorType(), u"rate_limited"_s);
        QVERIFY(last.error().value(u"retry_after"_s).toDouble() > 0);
        QVERIFY(last.header("Retry-After").toInt() > 0);
        QCOMPARE(last.header("X-RateLimit-Remaining"), QByteArray("0"));
    }

    // A request body above --max-body-mib is 413 payload_too_large with max_bytes; one just
    // below it is read and answered as usual.
    void bodyLimit()
    {
        TestServer small;
        QVERIFY(small.start({u"--max-body-mib"_s, u"1"_s}));
        ServerClient c(small);
        const QString id = c.create();
        QVERIFY(!id.isEmpty());
        const auto write = [&](qsizetype bodyBytes) {
            // {"path":"/workspace/f","content":"AAAA..."} padded to bodyBytes with base64.
            const QByteArray head = "{\"path\":\"/workspace/f\",\"content\":\"";
            const QByteArray tail = "\"}";
            const qsizetype content = (bodyBytes - head.size() - tail.size()) / 4 * 4;
            return c.send("PUT", u"/v1/sandboxes/%1/files"_s.arg(id), head + QByteArray(content, 'A') + tail);
        };
        const auto over = write(1024 * 1024 + 1024);
        QCOMPARE(over.status, 413);
        QCOMPARE(over.errorType(), u"payload_too_large"_s);
        QCOMPARE(over.error().value(u"max_bytes"_s).toInteger(), 1024 * 1024);
        QVERIFY(!over.header("X-Request-Id").isEmpty());
        const auto under = write(1024 * 1024 - 1024);
        QCOMPARE(under.status, 200);
        QVERIFY(under.json.value(u"size"_s).toInteger() > 700 * 1024);
    }

    void cleanupTestCase() { stopServer(); }

private:
};

QTEST_GUILESS_MAIN(TestServerSandboxes)
#include "tst_server_sandboxes.moc"
