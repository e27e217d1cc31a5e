// The HTTP/1.1 wire format of the lean stream transport, without a socket: where a head ends, the
// status line and headers, chunk sizes, and the chunked decoder fed in every split.

#include "core/http1parsing.h"

#include <QTest>

using namespace Orkestr::Http1;

class TestHttp1Parsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headEnd_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<qsizetype>("bodyStart");
        QTest::addColumn<qsizetype>("headEnd");
        QTest::newRow("crlf") << QByteArray("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody") << qsizetype(25)
                              << qsizetype(21);
        QTest::newRow("bare lf") << QByteArray("HTTP/1.1 200 OK\nA: b\n\nbody") << qsizetype(22)
                                 << qsizetype(20);
        QTest::newRow("not yet") << QByteArray("HTTP/1.1 200 OK\r\nA: b\r\n") << qsizetype(-1)
                                 << qsizetype(-1);
    }
    void headEnd()
    {
        QFETCH(QByteArray, data);
        QFETCH(qsizetype, bodyStart);
        QFETCH(qsizetype, headEnd);
        qsizetype end = -1;
        QCOMPARE(findHeadEnd(data, 0, &end), bodyStart);
        QCOMPARE(end, headEnd);
        // Fed a byte at a time, searching only from a little before the new bytes, as the reply does.
        for (qsizetype size = 1; size <= data.size(); ++size) {
            end = -1;
            const qsizetype found = findHeadEnd(QByteArrayView(data).first(size), size - 4, &end);
            if (found >= 0) {
                QCOMPARE(found, bodyStart);
                QCOMPARE(end, headEnd);
                return;
            }
        }
        QCOMPARE(bodyStart, qsizetype(-1));
    }

    void responseHead()
    {
        const auto head = parseResponseHead("HTTP/1.1 404 Not Found\r\nX-Request-Id: r1\r\nVary: a\r\n"
                                            "vary: b\r\nX-Folded: one\r\n two");
        QVERIFY(head);
        QCOMPARE(head->status, 404);
        QCOMPARE(head->reason, QByteArray("Not Found"));
        QCOMPARE(head->headers.size(), 3);
        QCOMPARE(head->headers[0], std::pair(QByteArray("X-Request-Id"), QByteArray("r1")));
        QCOMPARE(head->headers[1], std::pair(QByteArray("Vary"), QByteArray("a, b")));
        QCOMPARE(head->headers[2], std::pair(QByteArray("X-Folded"), QByteArray("one two")));
        QCOMPARE(parseResponseHead("HTTP/1.0 204")->status, 204);
    }

    void malformedHeads_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.6");
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK");
        QTest::newRow("status out of range") << QByteArray("HTTP/1.1 099 OK");
        QTest::newRow("no space after status") << QByteArray("HTTP/1.1 200OK");
        QTest::newRow("header without a colon") << QByteArray("HTTP/1.1 200 OK\r\nNoColon");
        QTest::newRow("space in a name") << QByteArray("HTTP/1.1 200 OK\r\nA B: c");
        QTest::newRow("folded first line") << QByteArray("HTTP/1.1 200 OK\r\n folded");
    }
    void malformedHeads()
    {
        QFETCH(QByteArray, head);
        QVERIFY(!parseResponseHead(head));
    }

    void chunkSizes()
    {
        qint64 size = -1;
        QVERIFY(parseChunkSize("1aF", &size));
        QCOMPARE(size, 0x1af);
        QVERIFY(parseChunkSize("10 ;name=value", &size));
        QCOMPARE(size, 16);
        QVERIFY(!parseChunkSize("", &size));
        QVERIFY(!parseChunkSize("zz", &size));
        QVERIFY(!parseChunkSize("10 x", &size));
        QVERIFY(!parseChunkSize("fffffffffffffffffff", &size));
    }

    void chunkedDecoderInEverySplit()
    {
        const QByteArray wire = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nafter";
        for (qsizetype split = 0; split <= wire.size(); ++split) {
            ChunkedDecoder decoder;
            QByteArray buffer = wire.first(split);
            qint64 decoded = decoder.decode(buffer, 0);
            QVERIFY(decoded >= 0);
            const qsizetype from = buffer.size();
            buffer.append(wire.sliced(split));
            const qint64 more = decoder.decode(buffer, from);
            QVERIFY(more >= 0);
            QCOMPARE(decoded + more, qint64(12));
            QCOMPARE(buffer, QByteArray("hello, world"));
            QVERIFY(decoder.isDone());
        }
    }

    void chunkedDecoderRejectsBadFraming_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("size not hex") << QByteArray("zz\r\nabc\r\n");
        QTest::newRow("data without its CRLF") << QByteArray("3\r\nabcX\r\n");
        QTest::newRow("endless size line") << QByteArray(MaxChunkLineBytes + 1, '1');
    }
    void chunkedDecoderRejectsBadFraming()
    {
        QFETCH(QByteArray, wire);
        ChunkedDecoder decoder;
        QCOMPARE(decoder.decode(wire, 0), qint64(-1));
    }

    void namesAndValues()
    {
        QVERIFY(isToken("X-Request-Id"));
        QVERIFY(!isToken(""));
        QVERIFY(!isToken("Bad:Name"));
        QVERIFY(!isToken("Bad Name"));
        QVERIFY(isFieldValue("Bearer ork_x"));
        QVERIFY(!isFieldValue("a\r\nInjected: 1"));
    }

    void errorsAsQNetworkAccessManagerReportsThem()
    {
        QCOMPARE(errorForStatus(200), QNetworkReply::NoError);
        QCOMPARE(errorForStatus(404), QNetworkReply::ContentNotFoundError);
        QCOMPARE(errorForStatus(429), QNetworkReply::UnknownContentError);
        QCOMPARE(errorForStatus(503), QNetworkReply::ServiceUnavailableError);
        QCOMPARE(errorForStatus(599), QNetworkReply::UnknownServerError);
        QCOMPARE(errorForSocket(QAbstractSocket::ConnectionRefusedError),
                 QNetworkReply::ConnectionRefusedError);
        QCOMPARE(errorForSocket(QAbstractSocket::SslHandshakeFailedError),
                 QNetworkReply::SslHandshakeFailedError);
    }
};

QTEST_MAIN(TestHttp1Parsing)
#include "tst_http1parsing.moc"
