// fuzz_sseparser: the SSE parser claims that any split of a stream gives the same events.
// Input: a split header (see FuzzInput::splitSizes), then the stream's bytes. The stream is fed
// whole to one parser and in pieces to another; events, comments, the partial-event state and
// overflow must agree, and every event must be well-formed. Each event is also read as a change of
// the sandbox watch (SandboxChange::fromSse): any bytes give a change, an error, or nothing, and a
// change always has an id and a positive version.

#include "core/sandboxwatchjob.h"
#include "core/sseparser.h"
#include "fuzz/fuzzinput.h"

using namespace Orkestr;
using namespace OrkestrFuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QList<qsizetype> sizes = input.splitSizes();
    const QByteArray stream = input.rest();

    SseParser whole;
    const QList<SseEvent> expected = whole.feed(stream);

    SseParser pieces;
    QList<SseEvent> events;
    for (const auto piece : splitBySizes(stream, sizes)) {
        events += pieces.feed(piece);
        events += pieces.feed({}); // an empty read changes nothing
    }
    FUZZ_CHECK(events == expected);
    FUZZ_CHECK(pieces.commentCount() == whole.commentCount());
    FUZZ_CHECK(pieces.hasPartialEvent() == whole.hasPartialEvent());
    FUZZ_CHECK(pieces.overflowed() == whole.overflowed());

    // Byte by byte, the finest split.
    SseParser bytewise;
    QList<SseEvent> byBytes;
    for (qsizetype i = 0; i < stream.size(); ++i)
        byBytes += bytewise.feed(QByteArrayView(stream).sliced(i, 1));
    FUZZ_CHECK(byBytes == expected);
    FUZZ_CHECK(bytewise.hasPartialEvent() == whole.hasPartialEvent());

    for (const auto &event : expected) {
        // A field value never holds a line end: lines end at CR or LF.
        FUZZ_CHECK(!event.event.contains('\n') && !event.event.contains('\r'));
        FUZZ_CHECK(!event.id.contains('\n') && !event.id.contains('\r') && !event.id.contains('\0'));
        FUZZ_CHECK(!event.data.contains('\r'));
        // Only data lines join with '\n': the data holds no more lines than the stream.
        FUZZ_CHECK(event.data.count('\n') <= stream.count('\n') + stream.count('\r'));

        ApiError error;
        const auto change = SandboxChange::fromSse(event, &error);
        FUZZ_CHECK(!(change && error.isError()));
        if (change && change->kind != SandboxChange::Kind::Reset) {
            FUZZ_CHECK(!change->id.isEmpty() && change->version > 0);
            FUZZ_CHECK(change->kind == SandboxChange::Kind::Removed
                       || (change->sandbox.id == change->id && change->sandbox.version == change->version));
        }
    }

    // A stream that ends with a blank line has no partial event; a reset parser is a new one.
    if (!whole.overflowed()) {
        SseParser terminated;
        terminated.feed(stream);
        terminated.feed("\n\n");
        FUZZ_CHECK(!terminated.hasPartialEvent());
        terminated.reset();
        FUZZ_CHECK(terminated.feed(stream) == expected);
    }
    return 0;
}
