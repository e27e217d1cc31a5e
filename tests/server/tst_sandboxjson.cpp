// The listing's directly written JSON (server/sandboxjson.h) against Sandbox::toJson(): the same
// object for every kind of field, strings that need escapes included.

#include "server/sandbox.h"
#include "server/sandboxjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

class TestSandboxJson : public QObject
{
    Q_OBJECT
private:
    static QJsonObject written(const Sandbox &sandbox)
    {
        QByteArray out;
        appendSandboxJson(out, sandbox);
        QJsonParseError error;
        const auto document = QJsonDocument::fromJson(out, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning().noquote() << "not JSON:" << error.errorString() << QString::fromUtf8(out);
        return document.object();
    }

private Q_SLOTS:
    void sameObjectAsToJson_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("running") << 0;
        QTest::newRow("paused with a snapshot") << 1;
        QTest::newRow("terminated") << 2;
        QTest::newRow("unset times") << 3;
        QTest::newRow("escapes and unicode") << 4;
        QTest::newRow("odd numbers and values") << 5;
    }

    void sameObjectAsToJson()
    {
        QFETCH(int, kind);
        Sandbox sandbox;
        sandbox.id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;
        sandbox.templateName = u"python-3.12"_s;
        sandbox.region = u"fsn1"_s;
        sandbox.network = u"off"_s;
        sandbox.status = SandboxStatus::Running;
        sandbox.createdAt = QDateTime(QDate(2026, 11, 21), QTime(20, 32, 0, 123), QTimeZone::UTC);
        sandbox.expiresAt = sandbox.createdAt.addSecs(600);
        sandbox.env = QJsonObject {{u"OPENAI_API_KEY"_s, u"secret"_s}, {u"B"_s, u"x"_s}};
        sandbox.metadata = QJsonObject {{u"agent_run"_s, u"r_42"_s}};
        sandbox.version = 9007199254740991LL;
        switch (kind) {
        case 1:
            sandbox.status = SandboxStatus::Paused;
            sandbox.pausedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 7), QTimeZone::UTC);
            sandbox.expiresAt = {};
            sandbox.snapshotCreatedAt = sandbox.pausedAt.addMSecs(40);
            sandbox.snapshotSizeBytes = 123456789012LL;
            break;
        case 2:
            sandbox.status = SandboxStatus::Terminated;
            // Not UTC: written as UTC, as timestamp() does.
            sandbox.terminatedAt = QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59, 999),
                                             QTimeZone::fromSecondsAheadOfUtc(3600));
            sandbox.terminationReason = u"timeout"_s;
            break;
        case 3:
            sandbox.createdAt = {};
            sandbox.expiresAt = {};
            sandbox.status = SandboxStatus::Paused; // without a snapshot
            sandbox.env = {};
            sandbox.metadata = {};
            break;
        case 4:
            sandbox.metadata = QJsonObject {
                {u"quote \" and \\ backslash"_s, u"line\nbreak\ttab\r\u0001\u001f\u007f"_s},
                {u"unicode"_s, u"ä € 😀 中文"_s},
                {u"lone surrogate"_s, QString(QChar(0xD800)) + u"x"_s},
                {u"slash"_s, u"a/b"_s},
            };
            sandbox.env = QJsonObject {{u"KEY \"1\""_s, u"v"_s}};
            sandbox.templateName = u"tmpl-ü"_s;
            break;
        case 5:
            sandbox.cpu = 0.25;
            sandbox.memoryMb = 0;
            sandbox.timeoutSeconds = 86400;
            sandbox.metadata = QJsonObject {{u"n"_s, 1.5},
                                            {u"big"_s, 1e300},
                                            {u"int"_s, 42},
                                            {u"t"_s, true},
                                            {u"f"_s, false},
                                            {u"null"_s, QJsonValue::Null},
                                            {u"a"_s, QJsonArray {1, u"x"_s, QJsonObject {{u"k"_s, u"v"_s}}}},
                                            {u"o"_s, QJsonObject {{u"inner"_s, -3}}}};
            break;
        default:
            break;
        }
        // What GET /v1/sandboxes/{id} sends: toJson() through QJsonDocument.
        const QJsonObject expected
            = QJsonDocument::fromJson(QJsonDocument(sandbox.toJson()).toJson(QJsonDocument::Compact))
                  .object();
        QCOMPARE(written(sandbox), expected);
    }

    void pageBody()
    {
        Sandbox one;
        one.id = u"sbx_2"_s;
        one.createdAt = QDateTime::currentDateTimeUtc();
        Sandbox two = Sandbox();
        two.id = u"sbx_1"_s;
        SandboxPageJson page(2);
        QCOMPARE(page.size(), 0);
        page.append(one);
        page.append(two);
        QCOMPARE(page.size(), 2);
        const auto body = QJsonDocument::fromJson(page.finish(u"sbx_1"_s)).object();
        QCOMPARE(body.value(u"sandboxes"_s).toArray(), (QJsonArray {one.toJson(), two.toJson()}));
        QCOMPARE(body.value(u"next_cursor"_s).toString(), u"sbx_1"_s);

        SandboxPageJson last(10);
        const QByteArray empty = last.finish({});
        QCOMPARE(QJsonDocument::fromJson(empty).object(),
                 (QJsonObject {{u"sandboxes"_s, QJsonArray()}, {u"next_cursor"_s, QJsonValue::Null}}));
    }
};

QTEST_GUILESS_MAIN(TestSandboxJson)
#include "tst_sandboxjson.moc"
