#include "server/log.h"

#include <cstdio>
#include <cstring>

namespace OrkestrLocal {

Q_LOGGING_CATEGORY(lcServer, "orkestr.server")
Q_LOGGING_CATEGORY(lcRequests, "orkestr.server.requests")
Q_LOGGING_CATEGORY(lcSandboxes, "orkestr.server.sandboxes")
Q_LOGGING_CATEGORY(lcNetwork, "orkestr.server.network")

namespace {

QtMessageHandler s_previous = nullptr;

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const char *category = context.category ? context.category : "";
    if (std::strncmp(category, "orkestr.server", 14) != 0) {
        if (s_previous)
            s_previous(type, context, message);
        return;
    }
    FILE *stream = type == QtInfoMsg && std::strcmp(category, "orkestr.server") == 0 ? stdout : stderr;
    const QByteArray line = message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fflush(stream);
}

} // namespace

void installLogHandler()
{
    s_previous = qInstallMessageHandler(handleMessage);
}

} // namespace OrkestrLocal
