#pragma once

#include "core/sandbox.h"
#include "core/ssestreamjob.h"

#include <QList>
#include <QStringList>

namespace Orkestr {

// One event of the sandbox watch stream.
struct SandboxChange
{
    enum class Kind {
        Changed, // `sandbox`: the sandbox as it is now
        Removed, // `removed`: it left the listing
        Reset, // `reset`: the server no longer has the changes asked for; list again
    };
    Kind kind = Kind::Changed;
    Sandbox sandbox; // Changed only
    QString id; // the sandbox's id (Changed and Removed)
    qint64 version = 0; // the change's version; for Reset, the server's latest

    // From an SSE event of the watch stream. nullopt for an event this client does not know (for
    // newer servers); an error for a known event with malformed data.
    static std::optional<SandboxChange> fromSse(const SseEvent &event, ApiError *error);
};

// The watch's filters (as the listing's; empty means all).
struct WatchSandboxesParams
{
    QStringList statuses;
    QStringList regions;
    QStringList templates;
};

// GET /v1/sandboxes/watch: one connection of the watch stream, from `sinceVersion` (the query on
// a first connection, Last-Event-ID on a resumed one). Emits the changes in batches (those that
// arrived together) and succeeds when the server closes the stream; after a `reset` it closes,
// and resetRequested() is true. SandboxWatcher reconnects it.
class SandboxWatchJob : public SseStreamJob
{
    Q_OBJECT
public:
    enum class Start { SinceVersion, Resume };
    SandboxWatchJob(qint64 sinceVersion, Start start = Start::SinceVersion,
                    const WatchSandboxesParams &params = {}, QObject *parent = nullptr);

    // The newest version received; the start version before any.
    qint64 lastVersion() const { return m_lastVersion; }
    int changeCount() const { return m_changes; }
    bool resetRequested() const { return m_latestVersion.has_value(); }
    // The `reset` event's latest_version.
    qint64 latestVersion() const { return m_latestVersion.value_or(0); }

Q_SIGNALS:
    // Changes (Changed and Removed) in version order, each newer than the last.
    void changes(const QList<Orkestr::SandboxChange> &changes);
    void resetReceived(qint64 latestVersion);

protected:
    ApiError handleEvent(const SseEvent &event) override;
    void afterEvents() override;

private:
    qint64 m_lastVersion = 0;
    int m_changes = 0;
    std::optional<qint64> m_latestVersion;
    bool m_resetPending = false;
    QList<SandboxChange> m_pending;
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::SandboxChange)
