#include "core/apierror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using Orkestr::ApiError;
using Kind = ApiError::Kind;
using namespace Qt::StringLiterals;

class TestApiError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kindFromBody_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("className");

        auto body = [](const char *type) {
            return QByteArray("{\"error\":{\"type\":\"") + type
                + "\",\"message\":\"m\",\"request_id\":\"req_1\"}}";
        };
        QTest::newRow("invalid_request")
            << 400 << body("invalid_request") << Kind::Orkestr << u"OrkestrError"_s;
        QTest::newRow("invalid_path") << 400 << body("invalid_path") << Kind::Orkestr << u"OrkestrError"_s;
        QTest::newRow("unauthorized") << 401 << body("unauthorized") << Kind::Auth << u"AuthError"_s;
        QTest::newRow("forbidden") << 403 << body("forbidden") << Kind::Auth << u"AuthError"_s;
        QTest::newRow("plan_limit") << 402 << body("plan_limit") << Kind::PlanLimit << u"PlanLimitError"_s;
        QTest::newRow("snapshot_cap")
            << 402 << body("snapshot_cap_reached") << Kind::SnapshotCapReached << u"SnapshotCapReached"_s;
        QTest::newRow("not_found") << 404 << body("sandbox_not_found") << Kind::SandboxNotFound
                                   << u"SandboxNotFound"_s;
        QTest::newRow("file_not_found")
            << 404 << body("file_not_found") << Kind::Orkestr << u"OrkestrError"_s;
        QTest::newRow("exec_timeout") << 408 << body("exec_timeout") << Kind::ExecTimeout << u"ExecTimeout"_s;
        QTest::newRow("not_ready") << 409 << body("sandbox_not_ready") << Kind::SandboxNotReady
                                   << u"SandboxNotReady"_s;
        QTest::newRow("too_large") << 413 << body("payload_too_large") << Kind::Orkestr << u"OrkestrError"_s;
        QTest::newRow("exec_killed") << 422 << body("exec_killed") << Kind::ExecKilled << u"ExecKilled"_s;
        QTest::newRow("network_policy")
            << 403 << body("network_policy") << Kind::NetworkPolicy << u"NetworkPolicyError"_s;
        QTest::newRow("rate_limited")
            << 429 << body("rate_limited") << Kind::RateLimit << u"RateLimitError"_s;
        QTest::newRow("internal") << 500 << body("internal") << Kind::Orkestr << u"OrkestrError"_s;
        QTest::newRow("unavailable") << 503 << body("unavailable") << Kind::Orkestr << u"OrkestrError"_s;
        // Unknown types and unparsable bodies fall back by status.
        QTest::newRow("unknown 403") << 403 << body("something_new") << Kind::Auth << u"AuthError"_s;
        QTest::newRow("html 404") << 404 << QByteArray("<html>nope</html>") << Kind::SandboxNotFound
                                  << u"SandboxNotFound"_s;
        QTest::newRow("empty 429") << 429 << QByteArray() << Kind::RateLimit << u"RateLimitError"_s;
        QTest::newRow("empty 502") << 502 << QByteArray() << Kind::Orkestr << u"OrkestrError"_s;
    }

    void kindFromBody()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, className);
        const auto error = ApiError::fromResponse(status, body, u"req_header"_s);
        QCOMPARE(error.kind(), kind);
        QCOMPARE(error.className(), className);
        QCOMPARE(error.httpStatus(), status);
        QVERIFY(error.is(Kind::Orkestr));
        QVERIFY(!error.message().isEmpty());
    }

    void extraFieldsAndRequestId()
    {
        const QByteArray body = "{\"error\":{\"type\":\"snapshot_cap_reached\",\"message\":\"full\","
                                "\"request_id\":\"req_body\","
                                "\"plan\":\"pro\",\"cap\":3,\"used\":3}}";
        const auto error = ApiError::fromResponse(402, body, u"req_header"_s);
        QCOMPARE(error.requestId(), u"req_body"_s);
        QCOMPARE(error.cap(), 3);
        QCOMPARE(error.used(), 3);
        QCOMPARE(error.plan(), u"pro"_s);
        QVERIFY(error.is(Kind::PlanLimit));
        QVERIFY(!error.is(Kind::Auth));
        QCOMPARE(error.displayText(), u"full (request req_body)"_s);
    }

    void retryAfterFromHeader()
    {
        const auto error = ApiError::fromResponse(429, QByteArray(), u"req_h"_s, "7");
        QCOMPARE(error.retryAfterSeconds().value_or(-1), 7.0);
        QCOMPARE(error.requestId(), u"req_h"_s);
    }

    void redactsToken()
    {
        const QByteArray body = "{\"error\":{\"type\":\"unauthorized\",\"message\":\"bad token "
                                "ork_secret123\",\"detail\":\"ork_secret123\"}}";
        auto error = ApiError::fromResponse(401, body, {});
        error.redact(u"ork_secret123"_s);
        QVERIFY(!error.message().contains(u"secret123"_s));
        QVERIFY(!error.detail().contains(u"secret123"_s));
    }

    // Found by fuzz_apiobjects: the token echoed in the type, the request id or a nested field.
    void redactsTokenEverywhere()
    {
        const QByteArray body
            = "{\"error\":{\"type\":\"bad ork_secret123\",\"message\":\"m\","
              "\"request_id\":\"req_ork_secret123\",\"nested\":{\"a\":[\"x ork_secret123\"],"
              "\"ork_secret123\":1}}}";
        auto error = ApiError::fromResponse(401, body, {});
        error.redact(u"ork_secret123"_s);
        QVERIFY(!error.type().contains(u"secret123"_s));
        QVERIFY(!error.requestId().contains(u"secret123"_s));
        QVERIFY(!error.displayText().contains(u"secret123"_s));
        const QByteArray extra = QJsonDocument(error.extra()).toJson();
        QVERIFY2(!extra.contains("secret123"), extra.constData());
        QCOMPARE(error.extra().value(u"nested"_s).toObject().value(u"a"_s).toArray().at(0).toString(),
                 u"x ork_***"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
