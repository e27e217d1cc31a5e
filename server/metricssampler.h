#pragma once

#include "server/metricshistory.h"
#include "server/samplerworker.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace OrkestrLocal {

class SandboxLifecycle;
class SandboxStore;
struct Sandbox;

// Samples every running sandbox every IntervalMs: CPU, resident memory and processes from /proc,
// disk use of its workspace and tmp (refreshed at most every 20 s), network counters of its
// namespace (and of its proxy). The /proc work runs on a thread of its own (SamplerWorker); the
// event loop only hands it the list of sandboxes and stores what comes back. Paused sandboxes
// are not sampled (a gap in their history). It also answers the process list and signals
// through that thread, so that no /proc scan runs on the event loop.
class MetricsSampler : public QObject
{
    Q_OBJECT
public:
    static constexpr int IntervalMs = 2000;

    MetricsSampler(SandboxStore &store, SandboxLifecycle &lifecycle, QObject *parent = nullptr);
    ~MetricsSampler() override;

    void start(int intervalMs = IntervalMs);
    int intervalMs() const { return m_interval; }

    // What the sampler's thread needs to know of a sandbox.
    SandboxTarget target(const Sandbox &sandbox) const;

    // The sandbox's samples at or after sinceMs, oldest first (read from its file for an ended
    // sandbox, on the sampler's thread).
    void history(const QString &id, qint64 sinceMs, std::function<void(const QList<MetricsSample> &)> done);
    // The latest sample of every running sandbox, {"sandboxes": {"sbx_...": sample}} as compact
    // JSON, and its ETag: both change only when a reading arrives or a sandbox stops running.
    QByteArray latestJson();
    QByteArray latestEtag() const;

    void processes(const Sandbox &sandbox, std::function<void(const QList<SandboxProcess> &)> done);
    void signal(const Sandbox &sandbox, qint64 pid, int signal,
                std::function<void(std::optional<QString>)> done);

    // Records a reading as if it had been taken (benchmarks seed thousands of sandboxes with it).
    void record(const SandboxReading &reading);

Q_SIGNALS:
    // A reading found the sandbox over its memory limit (victims: its largest processes).
    void overMemoryLimit(const QString &id, const QList<MemoryVictim> &victims);

private:
    void tick();
    void statusChanged(const QString &id);
    void save(const QString &id);
    QString historyPath(const QString &id) const;
    // Runs work on the sampler's thread, then done on this one (dropped if this is gone).
    template<typename Result>
    void onWorker(std::function<Result(SamplerWorker &)> work, std::function<void(const Result &)> done);

    SandboxStore &m_store;
    QTimer m_timer;
    int m_interval = IntervalMs;
    QThread m_thread;
    QObject *m_workerContext = nullptr; // lives on m_thread
    SamplerWorker m_worker; // used only on m_thread
    bool m_sampling = false; // a reading is under way: the next tick waits for it
    MetricsHistory m_history;
    std::map<QString, QByteArray> m_latest; // running sandboxes only: their last sample as JSON
    QByteArray m_latestJson; // empty: to be joined again
    quint64 m_generation = 0;
    quint32 m_nonce = 0;
};

} // namespace OrkestrLocal
