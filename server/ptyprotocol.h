#pragma once

#include "server/requestparsing.h"

#include <QByteArrayView>
#include <QUrlQuery>

#include <optional>

namespace OrkestrLocal {

// The wire format of GET /v1/sandboxes/{id}/pty as pure functions (fuzzed in
// fuzz/fuzz_server_ptycontrol.cpp): the upgrade's query and the client's text frames.

// The query of the upgrade. An empty command means the sandbox's login shell.
struct PtyRequest
{
    int cols = 80;
    int rows = 24;
    QString cwd = QStringLiteral("/workspace");
    QString command;
};

// cols and rows 1..1000, cwd absolute, command not blank; none may hold a NUL. 400
// invalid_request naming the field otherwise.
std::optional<RequestProblem> parsePtyQuery(const QUrlQuery &query, PtyRequest *request);

// One text frame from the client.
struct PtyControl
{
    enum class Kind {
        Resize, // cols and rows, each 1..1000
        Signal, // signal, 1..31
        Unknown, // an object with a type this server does not know: ignored (forward compatible)
        Invalid, // not a JSON object with a string type, or a known type with bad fields (problem)
    };
    Kind kind = Kind::Invalid;
    int cols = 0;
    int rows = 0;
    int signal = 0;
    QString problem; // Invalid: why, naming the field (the close frame's reason)
};
PtyControl parsePtyControl(QByteArrayView frame);

} // namespace OrkestrLocal
