// fuzz_ptyframe: the pty's server text frames (parsePtyServerFrame) and the client's own frames.
// Input: the frame's bytes, as a WebSocket text frame would carry them.
// Properties: any input parses to Exit, Unknown or Invalid without a crash; an exit frame has
// either an exit code >= -1 and no signal, or a signal in 1..255 (code -1 when null), and a
// duration >= 0; the exit frame re-encoded parses back to the same exit; the client's resize and
// signal frames are well-formed JSON that a server reads back as given.

#include "core/ptyframes.h"
#include "fuzz/fuzzinput.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Orkestr;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const PtyServerFrame frame = parsePtyServerFrame(text);
    if (frame.type == PtyServerFrame::Type::Exit) {
        const PtyExit &exit = frame.exit;
        FUZZ_CHECK(exit.exitCode >= -1);
        FUZZ_CHECK(exit.durationMs >= 0);
        if (exit.signal)
            FUZZ_CHECK(*exit.signal >= 1 && *exit.signal <= 255);
        else
            FUZZ_CHECK(exit.exitCode >= -1);
        QJsonObject again {{u"type"_s, u"exit"_s}, {u"duration_ms"_s, double(exit.durationMs)}};
        again.insert(u"exit_code"_s,
                     exit.signal && exit.exitCode == -1 ? QJsonValue() : QJsonValue(exit.exitCode));
        again.insert(u"signal"_s, exit.signal ? QJsonValue(*exit.signal) : QJsonValue());
        const PtyServerFrame reparsed = parsePtyServerFrame(QJsonDocument(again).toJson());
        FUZZ_CHECK(reparsed.type == PtyServerFrame::Type::Exit);
        FUZZ_CHECK(reparsed.exit == exit);
    }

    // The client's frames, with numbers taken from the input.
    FuzzInput input(data, size);
    const int cols = int(input.byte()) << 8 | input.byte();
    const int rows = int(input.byte()) << 8 | input.byte();
    const auto resize = QJsonDocument::fromJson(ptyResizeFrame(cols, rows)).object();
    FUZZ_CHECK(resize.value(u"type"_s).toString() == u"resize"_s);
    FUZZ_CHECK(resize.value(u"cols"_s).toInt() == cols && resize.value(u"rows"_s).toInt() == rows);
    const int signal = input.byte();
    const auto signalFrame = QJsonDocument::fromJson(ptySignalFrame(signal)).object();
    FUZZ_CHECK(signalFrame.value(u"type"_s).toString() == u"signal"_s);
    FUZZ_CHECK(signalFrame.value(u"signal"_s).toInt() == signal);
    return 0;
}
