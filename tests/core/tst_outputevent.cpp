// decodeOutputEvent, the exec stream's fast path for "output" events: where it answers, it must
// give exactly what the general path (QJsonDocument, ExecChunk::fromOutputJson) gives; where the
// input is anything unusual it must decline, so that the general path decides (and reports).

#include "core/outputevent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {

// What the general path makes of json, or nothing when it is not a JSON object.
std::optional<DecodedOutputEvent> generalPath(const QByteArray &json)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    DecodedOutputEvent event;
    event.chunk = ExecChunk::fromOutputJson(document.object());
    event.utf8Bytes = event.chunk.data.toUtf8().size();
    return event;
}

} // namespace

class TestOutputEvent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("fast"); // whether the fast path answers

        QTest::newRow("as the server sends it")
            << "{\"stream\":\"stdout\",\"data\":\"hello\\n\",\"offset\":0}"_ba << true;
        QTest::newRow("stderr, other key order")
            << "{\"offset\":12,\"data\":\"oops\",\"stream\":\"stderr\"}"_ba << true;
        QTest::newRow("whitespace everywhere")
            << " \r\n{ \"stream\" :\t\"stdout\" , \"data\" : \"x\" , \"offset\" : 3 }\n "_ba << true;
        QTest::newRow("every simple escape")
            << "{\"stream\":\"stdout\",\"data\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"offset\":1}"_ba << true;
        QTest::newRow("unicode escapes")
            << "{\"stream\":\"stdout\",\"data\":\"\\u00fc\\u20AC\\u0000\\u001f\",\"offset\":1}"_ba << true;
        QTest::newRow("surrogate pair")
            << "{\"stream\":\"stdout\",\"data\":\"\\ud83d\\ude00\",\"offset\":1}"_ba << true;
        QTest::newRow("raw UTF-8")
            << "{\"stream\":\"stdout\",\"data\":\"gr\xC3\xBC\xC3\x9F \xF0\x9F\x98\x80\",\"offset\":9}"_ba
            << true;
        QTest::newRow("unknown fields")
            << "{\"stream\":\"stdout\",\"seq\":7,\"note\":\"n\",\"data\":\"d\",\"offset\":2}"_ba << true;
        QTest::newRow("missing fields") << "{\"data\":\"only\"}"_ba << true;
        QTest::newRow("empty object") << "{}"_ba << true;
        QTest::newRow("negative offset") << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":-5}"_ba << true;
        QTest::newRow("15-digit offset")
            << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":123456789012345}"_ba << true;
        QTest::newRow("another stream name") << "{\"stream\":\"pty\",\"data\":\"x\",\"offset\":0}"_ba << true;

        QTest::newRow("16-digit offset")
            << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1234567890123456}"_ba << false;
        QTest::newRow("fractional offset")
            << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1.5}"_ba << false;
        QTest::newRow("exponent") << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1e3}"_ba << false;
        QTest::newRow("leading zero") << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":01}"_ba << false;
        QTest::newRow("offset as a string")
            << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":\"1\"}"_ba << false;
        QTest::newRow("data as a number") << "{\"stream\":\"stdout\",\"data\":5,\"offset\":1}"_ba << false;
        QTest::newRow("nested object")
            << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1,\"x\":{}}"_ba << false;
        QTest::newRow("literal") << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1,\"x\":true}"_ba
                                 << false;
        QTest::newRow("duplicate key")
            << "{\"stream\":\"stdout\",\"data\":\"a\",\"data\":\"b\",\"offset\":1}"_ba << false;
        QTest::newRow("lone high surrogate")
            << "{\"stream\":\"stdout\",\"data\":\"\\ud83d\",\"offset\":1}"_ba << false;
        QTest::newRow("lone low surrogate")
            << "{\"stream\":\"stdout\",\"data\":\"\\ude00x\",\"offset\":1}"_ba << false;
        QTest::newRow("bad escape") << "{\"stream\":\"stdout\",\"data\":\"\\q\",\"offset\":1}"_ba << false;
        QTest::newRow("short unicode escape")
            << "{\"stream\":\"stdout\",\"data\":\"\\u12\",\"offset\":1}"_ba << false;
        QTest::newRow("raw control character")
            << "{\"stream\":\"stdout\",\"data\":\"a\tb\",\"offset\":1}"_ba << false;
        QTest::newRow("invalid UTF-8")
            << "{\"stream\":\"stdout\",\"data\":\"\xC3\",\"offset\":1}"_ba << false;
        QTest::newRow("truncated") << "{\"stream\":\"stdout\",\"data\":\"abc"_ba << false;
        QTest::newRow("trailing bytes") << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1} x"_ba << false;
        QTest::newRow("trailing comma") << "{\"stream\":\"stdout\",\"data\":\"\",\"offset\":1,}"_ba << false;
        QTest::newRow("array") << "[]"_ba << false;
        QTest::newRow("empty") << ""_ba << false;
    }

    void decodes()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, fast);
        const auto decoded = decodeOutputEvent(json);
        QCOMPARE(decoded.has_value(), fast);
        if (!decoded)
            return;
        const auto expected = generalPath(json);
        QVERIFY2(expected.has_value(), "the fast path accepted what QJsonDocument rejects");
        QCOMPARE(decoded->chunk, expected->chunk);
        QCOMPARE(decoded->utf8Bytes, expected->utf8Bytes);
    }

    // A special byte (an escape, a quote inside, a raw control character, a multi-byte character)
    // at every position of plain text around the 8- and 16-byte steps of the decoder: the fast path
    // agrees with the general one, or declines.
    void specialAtEveryPosition()
    {
        const QList<QByteArray> specials
            = {"\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9", "\x01", "\\", "\\x", "\\ud83d"};
        for (const QByteArray &special : specials) {
            for (int before = 0; before <= 40; ++before) {
                for (const int after : {0, 1, 7, 8, 15, 16, 17, 40}) {
                    const QByteArray text = QByteArray(before, 'a') + special + QByteArray(after, 'b');
                    const QByteArray json = "{\"stream\":\"stdout\",\"data\":\"" + text + "\",\"offset\":3}";
                    const auto decoded = decodeOutputEvent(json);
                    const auto expected = generalPath(json);
                    if (!decoded)
                        continue; // declined: the general path decides (and may reject)
                    QVERIFY2(expected.has_value(), json.constData());
                    QCOMPARE(decoded->chunk, expected->chunk);
                    QCOMPARE(decoded->utf8Bytes, expected->utf8Bytes);
                }
            }
        }
        // The plain ones must take the fast path.
        QVERIFY(decodeOutputEvent("{\"stream\":\"stdout\",\"data\":\"" + QByteArray(33, 'a') + "\\n"
                                  + QByteArray(20, 'b') + "\",\"offset\":0}")
                    .has_value());
    }

    // Output dense with escapes, as `yes` and progress bars write it: random runs of one-letter
    // escapes (an escaped backslash and \u escapes among them, at every alignment) and plain bytes,
    // long enough for the decoder's 16-byte steps. The fast path agrees with QJsonDocument.
    void denseEscapes()
    {
        const QList<QByteArray> tokens
            = {"y", "\\n", "\\t", "\\r", "\\b", "\\f", "\\\"", "\\/", "\\\\", "ab", "\\u00e9", "é", "\\n\\n"};
        QRandomGenerator random(221126);
        int fast = 0;
        for (int round = 0; round < 3000; ++round) {
            QByteArray text;
            const int count = int(random.bounded(120));
            // Mostly "y\n" and plain letters, with a rarer token now and then.
            for (int i = 0; i < count; ++i) {
                const auto pick = random.bounded(10);
                text += pick < 4 ? QByteArray("y")
                    : pick < 8   ? QByteArray("\\n")
                                 : tokens.at(random.bounded(tokens.size()));
            }
            const QByteArray json = "{\"stream\":\"stdout\",\"data\":\"" + text + "\",\"offset\":7}";
            const auto expected = generalPath(json);
            QVERIFY2(expected.has_value(), json.constData());
            const auto decoded = decodeOutputEvent(json);
            if (!decoded)
                continue;
            ++fast;
            QCOMPARE(decoded->chunk, expected->chunk);
            QCOMPARE(decoded->utf8Bytes, expected->utf8Bytes);
        }
        QCOMPARE(fast, 3000); // every one of them is for the fast path
    }

    // Whatever QJsonDocument writes for an output event (random text, control characters,
    // non-ASCII, astral characters), the fast path reads back exactly.
    void readsWhatQJsonDocumentWrites()
    {
        QRandomGenerator random(20261122);
        for (int round = 0; round < 500; ++round) {
            QString text;
            const int length = int(random.bounded(300));
            for (int i = 0; i < length; ++i) {
                switch (random.bounded(5)) {
                case 0:
                    text.append(QChar(char16_t(random.bounded(0x20)))); // control characters
                    break;
                case 1:
                    text.append(QChar(char16_t(u"\"\\/"[random.bounded(3)])));
                    break;
                case 2:
                    text.append(QChar(char16_t(0xA0 + random.bounded(0xD000))));
                    break;
                case 3:
                    text.append(QString::fromUcs4(
                        std::array<char32_t, 1> {char32_t(0x10000 + random.bounded(0xFFFFF))}.data(), 1));
                    break;
                default:
                    text.append(QChar(char16_t(0x20 + random.bounded(0x5F))));
                }
            }
            const QJsonObject object {{u"stream"_s, round % 2 ? u"stdout"_s : u"stderr"_s},
                                      {u"data"_s, text},
                                      {u"offset"_s, qint64(random.bounded(1 << 30))}};
            const QByteArray json
                = QJsonDocument(object).toJson(round % 3 ? QJsonDocument::Compact : QJsonDocument::Indented);
            const auto decoded = decodeOutputEvent(json);
            QVERIFY2(decoded.has_value(), json.constData());
            QCOMPARE(decoded->chunk.data, text);
            QCOMPARE(decoded->chunk, ExecChunk::fromOutputJson(object));
            QCOMPARE(decoded->utf8Bytes, text.toUtf8().size());
        }
    }
};

QTEST_GUILESS_MAIN(TestOutputEvent)
#include "tst_outputevent.moc"
