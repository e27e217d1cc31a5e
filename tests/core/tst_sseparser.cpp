// The SSE parser is fed the same streams split at every byte position (and byte by byte):
// the events must not depend on how the bytes arrive.

#include "core/sseparser.h"

#include <QTest>

using namespace Orkestr;

namespace {
SseEvent ev(const char *event, const char *data)
{
    SseEvent e;
    e.event = event;
    e.data = data;
    return e;
}

// feedInPlace, with each piece in a buffer of its own that is overwritten right after the call: an
// event that still pointed into a piece afterwards would show the overwrite (or ASan would).
QList<SseEvent> feedAllInPlace(SseParser &parser, const QList<QByteArrayView> &pieces)
{
    QList<SseEvent> events;
    for (const auto &piece : pieces) {
        QByteArray buffer = piece.toByteArray();
        for (auto event : parser.feedInPlace(buffer)) {
            event.data = QByteArray(event.data.constData(), event.data.size());
            events.append(event);
        }
        buffer.fill('#');
    }
    return events;
}

QList<SseEvent> feedAll(SseParser &parser, const QList<QByteArrayView> &pieces)
{
    QList<SseEvent> events;
    for (const auto &piece : pieces)
        events += parser.feed(piece);
    return events;
}
} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splits_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QList<SseEvent>>("expected");

        const QByteArray contract = "event: output\n"
                                    "data: {\"stream\":\"stdout\",\"data\":\"hello\\n\",\"offset\":0}\n"
                                    "\n"
                                    "event: output\n"
                                    "data: {\"stream\":\"stderr\",\"data\":\"warning\\n\",\"offset\":0}\n"
                                    "\n"
                                    "event: exit\n"
                                    "data: {\"exit_code\":0,\"duration_ms\":1234}\n"
                                    "\n";
        const QList<SseEvent> contractEvents {
            ev("output", "{\"stream\":\"stdout\",\"data\":\"hello\\n\",\"offset\":0}"),
            ev("output", "{\"stream\":\"stderr\",\"data\":\"warning\\n\",\"offset\":0}"),
            ev("exit", "{\"exit_code\":0,\"duration_ms\":1234}"),
        };
        QTest::newRow("contract LF") << contract << contractEvents;
        QByteArray crlf = contract;
        crlf.replace("\n", "\r\n");
        QTest::newRow("contract CRLF") << crlf << contractEvents;
        QByteArray cr = contract;
        cr.replace("\n", "\r");
        QTest::newRow("contract CR") << cr << contractEvents;

        QTest::newRow("keepalives and comments") << QByteArray(
            ": keepalive\n\n: keepalive\r\nevent: output\n: in the middle\ndata: x\n\n: keepalive\n")
                                                 << QList<SseEvent> {ev("output", "x")};
        QTest::newRow("multi-line data") << QByteArray("data: one\ndata: two\ndata:three\ndata\n\n")
                                         << QList<SseEvent> {ev("message", "one\ntwo\nthree\n")};
        QTest::newRow("no space after colon, extra space kept")
            << QByteArray("event:exit\ndata:  two spaces\n\n") << QList<SseEvent> {ev("exit", " two spaces")};
        QTest::newRow("event without data is dropped")
            << QByteArray("event: output\n\nevent: exit\ndata: {}\n\n") << QList<SseEvent> {ev("exit", "{}")};
        QTest::newRow("unfinished event is not emitted")
            << QByteArray("event: exit\ndata: {}\n") << QList<SseEvent> {};
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF"
                                                       "event: exit\ndata: 1\n\n")
                                         << QList<SseEvent> {ev("exit", "1")};
        QTest::newRow("utf-8 data") << QByteArray("data: gr\xC3\xBC\xC3\x9F \xF0\x9F\x98\x80\r\n\r\n")
                                    << QList<SseEvent> {ev("message", "gr\xC3\xBC\xC3\x9F \xF0\x9F\x98\x80")};
        QTest::newRow("mixed line ends") << QByteArray("event: a\r\ndata: 1\r\rdata: 2\n\r\n")
                                         << QList<SseEvent> {ev("a", "1"), ev("message", "2")};
    }

    void splits()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QList<SseEvent>, expected);

        {
            SseParser whole;
            QCOMPARE(whole.feed(stream), expected);
        }
        // Every split into two pieces.
        for (qsizetype at = 0; at <= stream.size(); ++at) {
            SseParser parser;
            const QByteArrayView view(stream);
            const auto events = feedAll(parser, {view.first(at), view.sliced(at)});
            if (events != expected)
                QFAIL(qPrintable(QStringLiteral("split at byte %1 gives different events").arg(at)));
            SseParser inPlace;
            if (feedAllInPlace(inPlace, {view.first(at), view.sliced(at)}) != expected)
                QFAIL(qPrintable(QStringLiteral("split at byte %1 differs in place").arg(at)));
        }
        // Every split into three pieces.
        for (qsizetype a = 0; a <= stream.size(); ++a) {
            for (qsizetype b = a; b <= stream.size(); ++b) {
                SseParser parser;
                const QByteArrayView view(stream);
                const auto events = feedAll(parser, {view.first(a), view.sliced(a, b - a), view.sliced(b)});
                if (events != expected)
                    QFAIL(qPrintable(QStringLiteral("split at bytes %1 and %2 differs").arg(a).arg(b)));
                SseParser inPlace;
                if (feedAllInPlace(inPlace, {view.first(a), view.sliced(a, b - a), view.sliced(b)})
                    != expected)
                    QFAIL(qPrintable(
                        QStringLiteral("split at bytes %1 and %2 differs in place").arg(a).arg(b)));
            }
        }
        // Byte by byte.
        SseParser parser;
        QList<SseEvent> events;
        for (char c : std::as_const(stream))
            events += parser.feed(QByteArrayView(&c, 1));
        QCOMPARE(events, expected);
    }

    void partialEventAndComments()
    {
        SseParser parser;
        QVERIFY(!parser.hasPartialEvent());
        parser.feed(": keepalive\n");
        QCOMPARE(parser.commentCount(), 1);
        QVERIFY(!parser.hasPartialEvent());
        parser.feed("event: exit\nda");
        QVERIFY(parser.hasPartialEvent());
        const auto events = parser.feed("ta: 1\n\n");
        QCOMPARE(events.size(), 1);
        QVERIFY(!parser.hasPartialEvent());
    }

    void overlongLineStopsTheParser()
    {
        SseParser parser;
        QVERIFY(parser.feed("data: a\n\n").size() == 1);
        const QByteArray chunk(1024 * 1024, 'x');
        for (int i = 0; i < 4; ++i)
            parser.feed(chunk);
        QVERIFY(!parser.overflowed());
        parser.feed(chunk);
        QVERIFY(parser.overflowed());
        QVERIFY(parser.feed("\n\ndata: b\n\n").isEmpty());
    }

    void idPersists()
    {
        SseParser parser;
        const auto events = parser.feed("id: 7\ndata: a\n\ndata: b\n\n");
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].id, QByteArray("7"));
        QCOMPARE(events[1].id, QByteArray("7"));
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
