#pragma once

#include "server/apiserver.h"
#include "server/sandboxquery.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace OrkestrLocal {

class SandboxStore;
class SseDevice;

// GET /v1/sandboxes/watch: the sandboxes that changed after a version, as server-sent events in
// version order (each sandbox once, as it is now, under the version of its latest change), then
// live changes as the store announces them, with keepalives. `removed` for a sandbox that left
// the (filtered) listing; one `reset` and the end when the changes asked for were forgotten. It
// reads the store only while the socket drains, so a slow client holds a version, not a queue.
// It deletes itself when the client goes.
class WatchStream : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBuffered = 256 * 1024;

    WatchStream(std::shared_ptr<ApiCall> call, SandboxStore &store, WatchQuery query, int keepaliveMs,
                QObject *parent = nullptr);

private:
    void pump();
    void send(const QByteArray &event, qint64 version);
    void finish();

    SandboxStore &m_store;
    SandboxFilter m_filter;
    QPointer<SseDevice> m_device;
    qint64 m_sentVersion = 0;
    QTimer m_keepalive;
};

// Registers GET /v1/sandboxes/watch (scope read).
void registerWatchEndpoint(ApiServer &server, SandboxStore &store, int keepaliveMs);

} // namespace OrkestrLocal
