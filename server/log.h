#pragma once

// orkestr-local's logging categories. Everything the server logs goes through them; the message
// handler (installLogHandler) prints their messages as plain lines, so that the request log keeps
// its format for the tools that parse it. Tokens never appear in a message, at most their prefix.

#include <QLoggingCategory>

namespace OrkestrLocal {

Q_DECLARE_LOGGING_CATEGORY(lcServer) // orkestr.server: start-up, configuration, errors
Q_DECLARE_LOGGING_CATEGORY(lcRequests) // orkestr.server.requests: one line per request
Q_DECLARE_LOGGING_CATEGORY(lcSandboxes) // orkestr.server.sandboxes: lifecycle and persistence
Q_DECLARE_LOGGING_CATEGORY(lcNetwork) // orkestr.server.network: the network policy's refusals

// Prints messages of the orkestr.server categories without decoration: info of orkestr.server on
// stdout (the start-up lines), everything else on stderr. Other categories keep Qt's handler.
void installLogHandler();

} // namespace OrkestrLocal
