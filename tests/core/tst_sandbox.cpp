// The typed value classes against the contract's JSON, and create's client-side validation.

#include "core/jsontime.h"
#include "core/sandbox.h"

#include "jsontesting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
// The contract's example sandbox, verbatim.
const char *const ExampleSandbox
    = "{\"id\":\"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C\",\"template\":\"python-3.12\","
      "\"status\":\"running\",\"region\":\"fsn1\",\"cpu\":1.0,\"memory_mb\":2048,"
      "\"network\":\"off\",\"timeout_seconds\":600,\"env_keys\":[\"OPENAI_API_KEY\"],"
      "\"metadata\":{\"agent_run\":\"r_42\"},"
      "\"created_at\":\"2026-11-21T20:32:00.123Z\","
      "\"expires_at\":\"2026-11-21T20:42:00.123Z\",\"paused_at\":null,"
      "\"terminated_at\":null,\"termination_reason\":null,\"snapshot\":null}";
} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sandboxFromContractExample()
    {
        const auto sandbox = Sandbox::fromJson(parseTestObject(ExampleSandbox));
        QCOMPARE(sandbox.id, u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QCOMPARE(sandbox.templateName, u"python-3.12"_s);
        QCOMPARE(sandbox.status, Sandbox::Status::Running);
        QCOMPARE(sandbox.region, u"fsn1"_s);
        QCOMPARE(sandbox.cpu, 1.0);
        QCOMPARE(sandbox.memoryMb, 2048);
        QCOMPARE(sandbox.network, u"off"_s);
        QCOMPARE(sandbox.timeoutSeconds, 600);
        QCOMPARE(sandbox.envKeys, QStringList {u"OPENAI_API_KEY"_s});
        QCOMPARE(sandbox.metadata.value(u"agent_run"_s), u"r_42"_s);
        QCOMPARE(sandbox.createdAt, QDateTime(QDate(2026, 11, 21), QTime(20, 32, 0, 123), QTimeZone::UTC));
        QCOMPARE(sandbox.expiresAt, QDateTime(QDate(2026, 11, 21), QTime(20, 42, 0, 123), QTimeZone::UTC));
        QVERIFY(!sandbox.pausedAt.isValid());
        QVERIFY(!sandbox.terminatedAt.isValid());
        QVERIFY(sandbox.terminationReason.isEmpty());
        QVERIFY(!sandbox.snapshot.has_value());
        QVERIFY(sandbox.canExec());
        QVERIFY(sandbox.canPause());
        QVERIFY(!sandbox.canResume());
        QVERIFY(!sandbox.isFinal());

        // toJson gives back the same document: every field, nulls included, timestamps as sent.
        const auto json = sandbox.toJson();
        const auto example = parseTestObject(ExampleSandbox);
        QCOMPARE(json.keys(), example.keys());
        for (const auto &key : example.keys()) {
            const auto a = json.value(key), b = example.value(key);
            if (a.isDouble() || b.isDouble())
                QCOMPARE(a.toDouble(), b.toDouble());
            else
                QVERIFY2(a == b, qPrintable(key));
        }
        QCOMPARE(Sandbox::fromJson(json), sandbox);
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("the API's shape") << u"2026-11-21T20:32:00.123Z"_s;
        QTest::newRow("leap day") << u"2028-02-29T23:59:59.999Z"_s;
        QTest::newRow("no leap day") << u"2027-02-29T00:00:00.000Z"_s;
        QTest::newRow("hour 24") << u"2026-11-21T24:00:00.000Z"_s;
        QTest::newRow("month 13") << u"2026-13-01T00:00:00.000Z"_s;
        QTest::newRow("a letter") << u"2026-11-2xT20:32:00.123Z"_s;
        QTest::newRow("an offset") << u"2026-11-21T20:32:00.123+02:00"_s;
        QTest::newRow("no milliseconds") << u"2026-11-21T20:32:00Z"_s;
        QTest::newRow("a space for the T") << u"2026-11-21 20:32:00.123Z"_s;
        QTest::newRow("empty") << QString();
    }

    void timestamps()
    {
        // Read as the general ISO 8601 parser reads it, in UTC (or invalid alike).
        QFETCH(QString, text);
        const QDateTime read = dateTimeFromJson(QJsonValue(text));
        const QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
        QCOMPARE(read.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(read, expected);
            QCOMPARE(read.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
            QCOMPARE(read.timeSpec(), Qt::UTC);
        }
    }

    void versionRoundTrips()
    {
        auto object = parseTestObject(ExampleSandbox);
        QCOMPARE(Sandbox::fromJson(object).version, 0);
        object.insert(u"version"_s, 9007199254740993LL); // beyond a double's 53 bits
        const auto sandbox = Sandbox::fromJson(object);
        QCOMPARE(sandbox.version, 9007199254740993LL);
        QCOMPARE(sandbox.toJson().value(u"version"_s).toInteger(), 9007199254740993LL);
        QVERIFY(!Sandbox::fromJson(parseTestObject(ExampleSandbox)).toJson().contains(u"version"_s));
    }

    void metadataReadsLikeAMap()
    {
        // Keys in order whatever order they come in, one value per key, the last one kept.
        SandboxMetadata metadata {{u"team"_s, u"web"_s}, {u"agent_run"_s, u"r_1"_s}};
        metadata.insert(u"job"_s, u"build-7"_s);
        metadata.insert(u"agent_run"_s, u"r_2"_s);
        QCOMPARE(metadata.keys(), (QStringList {u"agent_run"_s, u"job"_s, u"team"_s}));
        QCOMPARE(metadata.size(), 3);
        QCOMPARE(metadata.firstKey(), u"agent_run"_s);
        QCOMPARE(metadata.first(), u"r_2"_s);
        QCOMPARE(metadata.value(u"job"_s), u"build-7"_s);
        QCOMPARE(metadata.value(u"missing"_s, u"none"_s), u"none"_s);
        QVERIFY(metadata.contains(u"team"_s) && !metadata.contains(u"teams"_s));
        QStringList pairs;
        for (auto it = metadata.cbegin(); it != metadata.cend(); ++it)
            pairs.append(it.key() + u'=' + it.value());
        QCOMPARE(pairs, (QStringList {u"agent_run=r_2"_s, u"job=build-7"_s, u"team=web"_s}));
        // The same pairs as a QMap, both ways, and equal only with equal pairs.
        const QMap<QString, QString> map {
            {u"job"_s, u"build-7"_s}, {u"team"_s, u"web"_s}, {u"agent_run"_s, u"r_2"_s}};
        QCOMPARE(metadata.toMap(), map);
        QCOMPARE(SandboxMetadata(map), metadata);
        QCOMPARE(metadata.remove(u"job"_s), 1);
        QCOMPARE(metadata.remove(u"job"_s), 0);
        QVERIFY(!(SandboxMetadata(map) == metadata));
        QCOMPARE(metadata.keys(), (QStringList {u"agent_run"_s, u"team"_s}));
        // From and back to the wire in key order.
        auto object = parseTestObject(ExampleSandbox);
        object.insert(u"metadata"_s, QJsonObject {{u"z"_s, u"1"_s}, {u"a"_s, u"2"_s}});
        const auto sandbox = Sandbox::fromJson(object);
        QCOMPARE(sandbox.metadata.keys(), (QStringList {u"a"_s, u"z"_s}));
        QCOMPARE(sandbox.toJson().value(u"metadata"_s).toObject(),
                 (QJsonObject {{u"a"_s, u"2"_s}, {u"z"_s, u"1"_s}}));
        metadata.clear();
        QVERIFY(metadata.isEmpty());
    }

    void pausedSandboxWithSnapshot()
    {
        auto object = parseTestObject(ExampleSandbox);
        object[u"status"_s] = u"paused"_s;
        object[u"expires_at"_s] = QJsonValue::Null;
        object[u"paused_at"_s] = u"2026-11-21T20:35:00.000Z"_s;
        object[u"snapshot"_s] = QJsonObject {{u"created_at"_s, u"2026-11-21T20:35:00.500Z"_s},
                                             {u"size_bytes"_s, qint64(5'000'000'000)}};
        const auto sandbox = Sandbox::fromJson(object);
        QCOMPARE(sandbox.status, Sandbox::Status::Paused);
        QVERIFY(sandbox.canResume());
        QVERIFY(!sandbox.expiresAt.isValid());
        QVERIFY(sandbox.snapshot.has_value());
        QCOMPARE(sandbox.snapshot->sizeBytes, qint64(5'000'000'000));
        QCOMPARE(sandbox.snapshot->createdAt.time().msec(), 500);
        QCOMPARE(sandbox.toJson().value(u"snapshot"_s).toObject().value(u"created_at"_s).toString(),
                 u"2026-11-21T20:35:00.500Z"_s);
        QCOMPARE(Sandbox::fromJson(sandbox.toJson()), sandbox);
        QVERIFY(sandbox.toJson() == object); // every key written back, the snapshot's too
    }

    void statusNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Sandbox::Status>("status");
        QTest::newRow("starting") << u"starting"_s << Sandbox::Status::Starting;
        QTest::newRow("running") << u"running"_s << Sandbox::Status::Running;
        QTest::newRow("pausing") << u"pausing"_s << Sandbox::Status::Pausing;
        QTest::newRow("paused") << u"paused"_s << Sandbox::Status::Paused;
        QTest::newRow("resuming") << u"resuming"_s << Sandbox::Status::Resuming;
        QTest::newRow("terminated") << u"terminated"_s << Sandbox::Status::Terminated;
        QTest::newRow("failed") << u"failed"_s << Sandbox::Status::Failed;
    }

    void statusNames()
    {
        QFETCH(QString, name);
        QFETCH(Sandbox::Status, status);
        QCOMPARE(Sandbox::statusFromString(name), status);
        QCOMPARE(Sandbox::statusToString(status), name);
    }

    void unknownStatusIsKeptAsText()
    {
        auto object = parseTestObject(ExampleSandbox);
        object[u"status"_s] = u"migrating"_s;
        const auto sandbox = Sandbox::fromJson(object);
        QCOMPARE(sandbox.status, Sandbox::Status::Unknown);
        QCOMPARE(sandbox.statusText, u"migrating"_s);
        QVERIFY(!sandbox.canExec());
        QCOMPARE(sandbox.toJson().value(u"status"_s).toString(), u"migrating"_s);
    }

    void terminatedSandbox()
    {
        auto object = parseTestObject(ExampleSandbox);
        object[u"status"_s] = u"terminated"_s;
        object[u"terminated_at"_s] = u"2026-11-21T20:40:00.001Z"_s;
        object[u"termination_reason"_s] = u"timeout"_s;
        const auto sandbox = Sandbox::fromJson(object);
        QVERIFY(sandbox.isFinal());
        QCOMPARE(sandbox.terminationReason, u"timeout"_s);
        QCOMPARE(sandbox.terminatedAt.time().msec(), 1);
    }

    void fileEntryExecAndCatalogue()
    {
        const auto entry = FileEntry::fromJson(
            parseTestObject("{\"name\":\"main.py\",\"is_dir\":false,\"size\":27,\"mode\":420,"
                            "\"modified_at\":\"2026-11-21T20:32:00.123Z\"}"));
        QCOMPARE(entry.name, u"main.py"_s);
        QVERIFY(!entry.isDir);
        QCOMPARE(entry.size, 27);
        QCOMPARE(entry.mode, 0644);
        QVERIFY(entry.modifiedAt.isValid());
        QCOMPARE(FileEntry::fromJson(entry.toJson()), entry);
        QVERIFY(entry.toJson()
                == parseTestObject("{\"name\":\"main.py\",\"is_dir\":false,\"size\":27,\"mode\":420,"
                                   "\"modified_at\":\"2026-11-21T20:32:00.123Z\"}"));

        const auto result = ExecResult::fromJson(
            parseTestObject("{\"stdout\":\"4\\n\",\"stderr\":\"\",\"exit_code\":3,\"duration_ms\":120}"));
        QCOMPARE(result.stdoutText, u"4\n"_s);
        QCOMPARE(result.exitCode, 3);
        QCOMPARE(result.durationMs, 120);
        QCOMPARE(ExecResult::fromJson(result.toJson()), result);
        QVERIFY(
            result.toJson()
            == parseTestObject("{\"stdout\":\"4\\n\",\"stderr\":\"\",\"exit_code\":3,\"duration_ms\":120}"));

        const auto output = ExecChunk::fromOutputJson(
            parseTestObject("{\"stream\":\"stderr\",\"data\":\"w\\n\",\"offset\":7}"));
        QCOMPARE(output.stream, u"stderr"_s);
        QCOMPARE(output.data, u"w\n"_s);
        QCOMPARE(output.offset, 7);
        QVERIFY(!output.isFinal());
        QCOMPARE(ExecChunk::fromOutputJson(output.toJson()), output);
        const auto last = ExecChunk::fromExitJson(parseTestObject("{\"exit_code\":0,\"duration_ms\":1234}"));
        QVERIFY(last.isFinal());
        QCOMPARE(*last.exitCode, 0);
        QCOMPARE(*last.durationMs, 1234);
        QCOMPARE(ExecChunk::fromExitJson(last.toJson()), last);

        const auto templ = Template::fromJson(
            parseTestObject("{\"name\":\"python-3.12\",\"description\":\"Python\",\"available\":true}"));
        QCOMPARE(templ.name, u"python-3.12"_s);
        QVERIFY(templ.available);
        QCOMPARE(Template::fromJson(templ.toJson()), templ);
        QVERIFY(
            templ.toJson()
            == parseTestObject("{\"name\":\"python-3.12\",\"description\":\"Python\",\"available\":true}"));
        const auto region
            = Region::fromJson(parseTestObject("{\"name\":\"hel1\",\"location\":\"Helsinki, FI\"}"));
        QCOMPARE(region.location, u"Helsinki, FI"_s);
        QCOMPARE(Region::fromJson(region.toJson()), region);
        QVERIFY(region.toJson() == parseTestObject("{\"name\":\"hel1\",\"location\":\"Helsinki, FI\"}"));
    }

    void createParamsBody()
    {
        CreateSandboxParams params;
        params.templateName = u"python-3.12"_s;
        QCOMPARE(params.toJson(), (QJsonObject {{u"template"_s, u"python-3.12"_s}}));
        params.cpu = 2.0;
        params.memoryMb = 4096;
        params.network = u"restricted"_s;
        params.timeoutSeconds = 60;
        params.env = {{u"K"_s, u"V"_s}};
        params.metadata = {{u"agent_run"_s, u"r_42"_s}};
        params.region = u"hel1"_s;
        const auto body = params.toJson();
        QCOMPARE(body.value(u"cpu"_s).toDouble(), 2.0);
        QCOMPARE(body.value(u"memory_mb"_s).toInt(), 4096);
        QCOMPARE(body.value(u"network"_s).toString(), u"restricted"_s);
        QCOMPARE(body.value(u"timeout_seconds"_s).toInt(), 60);
        QCOMPARE(body.value(u"env"_s).toObject().value(u"K"_s).toString(), u"V"_s);
        QCOMPARE(body.value(u"metadata"_s).toObject().value(u"agent_run"_s).toString(), u"r_42"_s);
        QCOMPARE(body.value(u"region"_s).toString(), u"hel1"_s);
        QVERIFY(!params.validate().isError());
    }

    void validation_data()
    {
        QTest::addColumn<int>("keys");
        QTest::addColumn<int>("valueLength");
        QTest::addColumn<bool>("emoji");
        QTest::addColumn<QString>("errorField");
        QTest::newRow("16 keys") << 16 << 10 << false << QString();
        QTest::newRow("17 keys") << 17 << 10 << false << u"metadata"_s;
        QTest::newRow("256 chars") << 1 << 256 << false << QString();
        QTest::newRow("257 chars") << 1 << 257 << false << u"metadata"_s;
        // Characters, not UTF-16 units: 256 emoji are 512 units but 256 characters.
        QTest::newRow("256 emoji") << 1 << 256 << true << QString();
        QTest::newRow("257 emoji") << 1 << 257 << true << u"metadata"_s;
    }

    void validation()
    {
        QFETCH(int, keys);
        QFETCH(int, valueLength);
        QFETCH(bool, emoji);
        QFETCH(QString, errorField);
        CreateSandboxParams params;
        params.templateName = u"node-22"_s;
        QString value;
        for (int i = 0; i < valueLength; ++i)
            value += emoji ? u"\U0001F600"_s : u"x"_s;
        for (int i = 0; i < keys; ++i)
            params.metadata.insert(u"k%1"_s.arg(i), value);
        const auto error = params.validate();
        QCOMPARE(error.isError(), !errorField.isEmpty());
        if (error.isError()) {
            QCOMPARE(error.type(), u"invalid_request"_s);
            QCOMPARE(error.field(), errorField);
            QVERIFY(!error.message().isEmpty());
        }
    }

    void otherValidation()
    {
        CreateSandboxParams params;
        QCOMPARE(params.validate().field(), u"template"_s);
        params.templateName = u"python-3.12"_s;
        params.network = u"everything"_s;
        QCOMPARE(params.validate().field(), u"network"_s);
        params.network = u"open"_s;
        params.cpu = 0;
        QCOMPARE(params.validate().field(), u"cpu"_s);
        params.cpu = 0.5;
        params.memoryMb = -1;
        QCOMPARE(params.validate().field(), u"memory_mb"_s);
        params.memoryMb = 512;
        params.timeoutSeconds = 0;
        QCOMPARE(params.validate().field(), u"timeout_seconds"_s);
        params.timeoutSeconds = 1;
        QVERIFY(!params.validate().isError());
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
