#include "server/metricssampler.h"

#include "server/execrunner.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxstore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
bool writeHistoryFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}
} // namespace

MetricsSampler::MetricsSampler(SandboxStore &store, SandboxLifecycle &lifecycle, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_nonce(QRandomGenerator::global()->generate())
{
    m_thread.setObjectName(u"metrics sampler"_s);
    m_workerContext = new QObject;
    m_workerContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_workerContext, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &MetricsSampler::tick);
    connect(&lifecycle, &SandboxLifecycle::changed, this, &MetricsSampler::statusChanged);
}

MetricsSampler::~MetricsSampler()
{
    m_thread.quit();
    m_thread.wait();
    // At exit the history of every sandbox goes to its directory (after a restart the sandboxes
    // that ran are failed, and their history is read from there).
    for (const auto &[id, sandbox] : m_store.all())
        if (m_history.contains(id))
            writeHistoryFile(historyPath(id), MetricsHistory::serialize(m_history.take(id)));
}

void MetricsSampler::start(int intervalMs)
{
    m_interval = intervalMs;
    m_timer.start(intervalMs);
}

template<typename Result>
void MetricsSampler::onWorker(std::function<Result(SamplerWorker &)> work,
                              std::function<void(const Result &)> done)
{
    QMetaObject::invokeMethod(m_workerContext, [this, work = std::move(work), done = std::move(done)] {
        Result result = work(m_worker);
        QMetaObject::invokeMethod(this, [done, result = std::move(result)] { done(result); });
    });
}

SandboxTarget MetricsSampler::target(const Sandbox &sandbox) const
{
    SandboxTarget target;
    target.id = sandbox.id;
    target.initPid = sandbox.initPid;
    for (const auto &runner : sandbox.execs)
        if (runner && !runner->isFinished() && runner->processId() > 0)
            target.execPids.insert(runner->processId(), runner->execId());
    target.memoryLimitBytes = qint64(sandbox.memoryMb) * 1024 * 1024;
    target.dir = m_store.sandboxDir(sandbox.id);
    target.ownNetwork = sandbox.network != u"open"_s;
    if (sandbox.proxy) {
        target.proxyRxBytes = sandbox.proxy->bytesToSandbox();
        target.proxyTxBytes = sandbox.proxy->bytesFromSandbox();
    }
    return target;
}

void MetricsSampler::tick()
{
    if (m_sampling)
        return; // the thread is behind: skip rather than queue readings up
    QList<SandboxTarget> targets;
    for (const auto &[id, sandbox] : m_store.running())
        if (sandbox->initPid > 0)
            targets.append(target(*sandbox));
    if (targets.isEmpty())
        return;
    m_sampling = true;
    onWorker<QList<SandboxReading>>([targets](SamplerWorker &worker) { return worker.sample(targets); },
                                    [this](const QList<SandboxReading> &readings) {
                                        m_sampling = false;
                                        for (const auto &reading : readings)
                                            record(reading);
                                    });
}

void MetricsSampler::record(const SandboxReading &reading)
{
    const Sandbox *sandbox = m_store.find(reading.id);
    // Paused or ended while it was read: no sample (a paused sandbox has a gap).
    if (!sandbox || !sandbox->isRunning())
        return;
    m_history.append(reading.id, reading.sample);
    m_latest[reading.id] = reading.json.isEmpty() ? reading.sample.toJsonBytes() : reading.json;
    m_latestJson.clear();
    ++m_generation;
    if (!reading.victims.isEmpty())
        Q_EMIT overMemoryLimit(reading.id, reading.victims);
}

void MetricsSampler::statusChanged(const QString &id)
{
    const Sandbox *sandbox = m_store.find(id);
    if (sandbox && sandbox->isRunning())
        return;
    if (m_latest.erase(id) > 0) {
        m_latestJson.clear();
        ++m_generation;
    }
    if (!sandbox || sandbox->isEnded())
        save(id);
}

QString MetricsSampler::historyPath(const QString &id) const
{
    return m_store.sandboxDir(id) + u"/metrics.bin"_s;
}

void MetricsSampler::save(const QString &id)
{
    const QByteArray bytes
        = m_history.contains(id) ? MetricsHistory::serialize(m_history.take(id)) : QByteArray();
    const QString path = historyPath(id);
    onWorker<bool>(
        [id, path, bytes](SamplerWorker &worker) {
            worker.forget(id);
            return bytes.isEmpty() || writeHistoryFile(path, bytes);
        },
        [](const bool &) {});
}

void MetricsSampler::history(const QString &id, qint64 sinceMs,
                             std::function<void(const QList<MetricsSample> &)> done)
{
    if (m_history.contains(id)) {
        done(m_history.since(id, sinceMs));
        return;
    }
    const QString path = historyPath(id);
    onWorker<QList<MetricsSample>>(
        [path, sinceMs](SamplerWorker &) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return QList<MetricsSample>();
            return MetricsHistory::filterSince(MetricsHistory::deserialize(file.readAll()), sinceMs);
        },
        std::move(done));
}

QByteArray MetricsSampler::latestJson()
{
    if (m_latestJson.isEmpty()) {
        QByteArray json = "{\"sandboxes\":{";
        json.reserve(qsizetype(m_latest.size()) * 240 + 20);
        for (const auto &[id, sample] : m_latest) {
            if (json.size() > 14)
                json += ',';
            json += '"' + id.toLatin1() + "\":" + sample;
        }
        json += "}}";
        m_latestJson = json;
    }
    return m_latestJson;
}

QByteArray MetricsSampler::latestEtag() const
{
    return "\"m" + QByteArray::number(m_nonce, 16) + '-' + QByteArray::number(m_generation) + '"';
}

void MetricsSampler::processes(const Sandbox &sandbox,
                               std::function<void(const QList<SandboxProcess> &)> done)
{
    onWorker<QList<SandboxProcess>>(
        [target = target(sandbox)](SamplerWorker &worker) { return worker.processes(target); },
        std::move(done));
}

void MetricsSampler::signal(const Sandbox &sandbox, qint64 pid, int signal,
                            std::function<void(std::optional<QString>)> done)
{
    onWorker<std::optional<QString>>(
        [target = target(sandbox), pid, signal](SamplerWorker &worker) {
            return worker.signal(target, pid, signal);
        },
        [done = std::move(done)](const std::optional<QString> &command) { done(command); });
}

} // namespace OrkestrLocal
