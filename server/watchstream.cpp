#include "server/watchstream.h"

#include "server/execstream.h"
#include "server/sandboxstore.h"

#include <QJsonDocument>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// Sandboxes looked at per turn of the event loop when a filter lets few of them through.
constexpr int ScanPerTurn = 4096;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

WatchStream::WatchStream(std::shared_ptr<ApiCall> call, SandboxStore &store, WatchQuery query,
                         int keepaliveMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_filter(std::move(query.filter))
{
    const qint64 latest = m_store.latestVersion();
    auto *device = startEventStream(*call, m_keepalive, keepaliveMs);
    m_device = device;
    connect(device, &SseDevice::drained, this, &WatchStream::pump);
    connect(device, &QObject::destroyed, this, &QObject::deleteLater); // done, or the client left
    call.reset(); // the HTTP server holds the body from now on

    // A version this server never gave out (a newer one, e.g. of a data dir since replaced) or
    // one older than the changes still known: the client must list again.
    const qint64 since = query.sinceVersion.value_or(latest);
    if (since > latest || since < m_store.forgottenUpTo()) {
        device->appendEvent("event: reset\ndata: " + compact({{u"latest_version"_s, latest}}) + "\n\n");
        finish();
        return;
    }
    m_sentVersion = since;
    connect(&m_store, &SandboxStore::changed, this, &WatchStream::pump);
    pump();
}

void WatchStream::pump()
{
    if (!m_device)
        return;
    const auto &changes = m_store.byVersion();
    int scanned = 0;
    for (auto it = changes.upper_bound(m_sentVersion); it != changes.end(); ++it) {
        if (m_device->buffered() >= MaxBuffered)
            return; // drained() comes back
        if (++scanned > ScanPerTurn) {
            // Let the event loop breathe; the rest comes on the next turn.
            QMetaObject::invokeMethod(this, &WatchStream::pump, Qt::QueuedConnection);
            return;
        }
        const auto &[version, sandbox] = *it;
        if (!m_filter.matchesPlace(*sandbox)) {
            m_sentVersion = version;
            continue;
        }
        // A sandbox that left the listing, or (with a status filter) whose status is no longer
        // one of those asked for, left the client's listing.
        if (sandbox->delisted || !m_filter.matches(*sandbox))
            send("event: removed\ndata: " + compact({{u"id"_s, sandbox->id}, {u"version"_s, version}}),
                 version);
        else
            send("event: sandbox\ndata: " + compact(sandbox->toJson()), version);
    }
}

void WatchStream::send(const QByteArray &event, qint64 version)
{
    m_sentVersion = version;
    m_device->appendEvent("id: " + QByteArray::number(version) + '\n' + event + "\n\n");
    m_keepalive.start();
}

void WatchStream::finish()
{
    m_keepalive.stop();
    disconnect(&m_store, nullptr, this, nullptr);
    if (m_device)
        m_device->finish();
}

void registerWatchEndpoint(ApiServer &server, SandboxStore &store, int keepaliveMs)
{
    server.route("GET", u"/v1/sandboxes/watch"_s, ApiServer::Scope::Read,
                 [&store, keepaliveMs](const std::shared_ptr<ApiCall> &call) {
                     WatchQuery query;
                     if (auto problem
                         = parseWatchQuery(call->query(), call->request().value("last-event-id"), &query))
                         return call->sendProblem(*problem);
                     new WatchStream(call, store, std::move(query), keepaliveMs, &store);
                 });
}

} // namespace OrkestrLocal
