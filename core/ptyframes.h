#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QStringView>

#include <optional>

namespace Orkestr {

// How a pty session ended, as the server's exit frame says.
struct PtyExit
{
    int exitCode = -1; // -1 when the shell was killed by a signal
    std::optional<int> signal;
    qint64 durationMs = 0;

    friend bool operator==(const PtyExit &, const PtyExit &) = default;
};

// One text frame of the server (the only one the contract defines is the exit frame).
struct PtyServerFrame
{
    enum class Type {
        Exit,
        Unknown, // well-formed JSON of a type this client does not know: ignored
        Invalid, // not a JSON object with a string "type", or an exit frame with wrong fields
    };
    Type type = Type::Invalid;
    PtyExit exit;
};

// Parses a server text frame. Never throws, whatever the input.
PtyServerFrame parsePtyServerFrame(QByteArrayView utf8);

// The client's text frames.
QByteArray ptyResizeFrame(int cols, int rows);
QByteArray ptySignalFrame(int signal);

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::PtyExit)
