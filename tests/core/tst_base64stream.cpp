// The streaming base64 encoder (file writes) and decoder (file reads): exact sizes, round trips
// of binary data of odd sizes, every split of the response, and malformed input.

#include "core/base64jsonencoder.h"
#include "core/base64streamdecoder.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (auto &b : bytes)
        b = char(generator.bounded(256));
    return bytes;
}

// Reads the whole device in pieces of `piece` bytes, as the network layer would.
QByteArray drain(QIODevice *device, qint64 piece)
{
    QByteArray out;
    QByteArray buffer(piece, Qt::Uninitialized);
    for (;;) {
        const qint64 n = device->read(buffer.data(), piece);
        if (n <= 0)
            break;
        out.append(buffer.constData(), n);
    }
    return out;
}
} // namespace

class TestBase64Stream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encoder_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qint64>("piece");
        for (qsizetype size : {0, 1, 2, 3, 4, 5, 47, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, 300001}) {
            for (qint64 piece : {1, 7, 4096, 1 << 20}) {
                if (size > 100000 && piece < 4096)
                    continue;
                QTest::addRow("%lld bytes, read %lld", qlonglong(size), piece) << size << piece;
            }
        }
    }

    void encoder()
    {
        QFETCH(qsizetype, size);
        QFETCH(qint64, piece);
        const QByteArray raw = randomBytes(size, quint32(size));
        QBuffer source;
        source.setData(raw);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QJsonObject fields {{u"path"_s, u"/workspace/a \"quoted\" \u00e9.bin"_s}, {u"mode"_s, 420}};
        Base64JsonEncoder encoder(fields, &source, size);
        QVERIFY(encoder.isSequential());
        const qint64 announced = encoder.size();
        const QByteArray body = drain(&encoder, piece);
        QCOMPARE(qint64(body.size()), announced);
        QVERIFY(encoder.atEnd());

        QJsonParseError error;
        const auto document = QJsonDocument::fromJson(body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const auto object = document.object();
        QCOMPARE(object.value(u"path"_s).toString(), fields.value(u"path"_s).toString());
        QCOMPARE(object.value(u"mode"_s).toInt(), 420);
        QCOMPARE(object.value(u"encoding"_s).toString(), u"base64"_s);
        QCOMPARE(QByteArray::fromBase64(object.value(u"content"_s).toString().toLatin1()), raw);
    }

    void encoderFailsWhenTheSourceIsShort()
    {
        QBuffer source;
        source.setData(QByteArray(100, 'x'));
        QVERIFY(source.open(QIODevice::ReadOnly));
        Base64JsonEncoder encoder({}, &source, 1000);
        const QByteArray body = drain(&encoder, 4096);
        QVERIFY(body.size() < encoder.size());
        QVERIFY(encoder.errorString().contains(u"early"_s));
    }

    void decoder_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("escapedSlashes");
        for (qsizetype size : {0, 1, 2, 3, 4, 5, 100, 65536, 65537, 200003})
            QTest::addRow("%lld bytes", qlonglong(size)) << size << false;
        QTest::newRow("escaped slashes") << qsizetype(3000) << true;
    }

    void decoder()
    {
        QFETCH(qsizetype, size);
        QFETCH(bool, escapedSlashes);
        const QByteArray raw = randomBytes(size, quint32(size) + 7);
        QByteArray base64 = raw.toBase64();
        if (escapedSlashes)
            base64.replace("/", "\\/");
        // Fields on both sides of the content, nested values and a key that only looks similar.
        const QByteArray body
            = "{\"path\": \"/workspace/x \\\"content\\\".bin\", \"size\": " + QByteArray::number(size)
            + ", \"meta\": {\"content\": \"not this\"}, \"encoding\":\"base64\",\n \"content\" : \"" + base64
            + "\", \"tail\": [1, \"}\"]}";
        for (qsizetype piece : {qsizetype(1), qsizetype(3), qsizetype(1000), body.size()}) {
            if (piece < 1000 && size > 70000)
                continue;
            QBuffer target;
            QVERIFY(target.open(QIODevice::WriteOnly));
            Base64StreamDecoder decoder(&target);
            for (qsizetype at = 0; at < body.size(); at += piece)
                QVERIFY2(decoder.feed(QByteArrayView(body).sliced(at, std::min(piece, body.size() - at))),
                         qPrintable(decoder.errorString()));
            QVERIFY2(decoder.finish(), qPrintable(decoder.errorString()));
            QCOMPARE(target.data(), raw);
            QCOMPARE(decoder.decodedBytes(), qint64(size));
            const auto envelope = decoder.envelope();
            QCOMPARE(envelope.value(u"path"_s).toString(), u"/workspace/x \"content\".bin"_s);
            QCOMPARE(envelope.value(u"size"_s).toInteger(), qint64(size));
            QCOMPARE(envelope.value(u"meta"_s).toObject().value(u"content"_s).toString(), u"not this"_s);
            QVERIFY(!envelope.contains(u"content"_s));
        }
    }

    void decoderEverySplit()
    {
        const QByteArray raw = randomBytes(20, 1);
        const QByteArray body
            = "{\"path\":\"/a\",\"size\":20,\"encoding\":\"base64\",\"content\":\"" + raw.toBase64() + "\"}";
        for (qsizetype at = 0; at <= body.size(); ++at) {
            QBuffer target;
            QVERIFY(target.open(QIODevice::WriteOnly));
            Base64StreamDecoder decoder(&target);
            QVERIFY(decoder.feed(QByteArrayView(body).first(at)));
            QVERIFY(decoder.feed(QByteArrayView(body).sliced(at)));
            QVERIFY2(decoder.finish(), qPrintable(decoder.errorString()));
            QCOMPARE(target.data(), raw);
        }
    }

    void decoderRejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated in content") << QByteArray("{\"content\":\"AAAA") << u"ended before"_s;
        QTest::newRow("truncated after content") << QByteArray("{\"content\":\"AAAA\"") << u"ended before"_s;
        QTest::newRow("no content") << QByteArray("{\"path\":\"/a\"}") << u"no \"content\""_s;
        QTest::newRow("bad base64") << QByteArray("{\"content\":\"AA*A\"}") << u"base64"_s;
        QTest::newRow("bad length") << QByteArray("{\"content\":\"AAAAA\"}") << u"base64"_s;
        QTest::newRow("padding in the middle") << QByteArray("{\"content\":\"AA==AAAA\"}") << u"base64"_s;
        QTest::newRow("not a string") << QByteArray("{\"content\":12}") << u"not a string"_s;
        QTest::newRow("twice") << QByteArray("{\"content\":\"\",\"content\":\"\"}") << u"twice"_s;
        QTest::newRow("trailing garbage") << QByteArray("{\"content\":\"\"}x") << u"after its JSON"_s;
        QTest::newRow("wrong encoding")
            << QByteArray("{\"encoding\":\"hex\",\"content\":\"\"}") << u"encoding"_s;
    }

    void decoderRejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QBuffer target;
        QVERIFY(target.open(QIODevice::WriteOnly));
        Base64StreamDecoder decoder(&target);
        const bool ok = decoder.feed(body) && decoder.finish();
        QVERIFY(!ok);
        QVERIFY2(decoder.errorString().contains(message), qPrintable(decoder.errorString()));
    }

    void roundTrip()
    {
        // The encoder's output is a response the decoder accepts, for binary content.
        const QByteArray raw = randomBytes(123457, 99);
        QBuffer source;
        source.setData(raw);
        QVERIFY(source.open(QIODevice::ReadOnly));
        Base64JsonEncoder encoder({{u"path"_s, u"/tmp/b"_s}}, &source, raw.size());
        QBuffer target;
        QVERIFY(target.open(QIODevice::WriteOnly));
        Base64StreamDecoder decoder(&target);
        QByteArray piece(1500, Qt::Uninitialized);
        for (;;) {
            const qint64 n = encoder.read(piece.data(), piece.size());
            if (n <= 0)
                break;
            QVERIFY(decoder.feed(QByteArrayView(piece.constData(), n)));
        }
        QVERIFY2(decoder.finish(), qPrintable(decoder.errorString()));
        QCOMPARE(target.data(), raw);
    }
};

QTEST_GUILESS_MAIN(TestBase64Stream)
#include "tst_base64stream.moc"
