#include "server/sandboxlifecycle.h"

#include "server/execrunner.h"
#include "server/log.h"
#include "server/sandboxruntime.h"
#include "server/sandboxstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <sys/stat.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

// Deleted later: this may run inside the timer's own timeout signal.
void dropExpiry(Sandbox &sandbox)
{
    if (QTimer *timer = sandbox.expiry.release()) {
        timer->stop();
        timer->deleteLater();
    }
}

RequestProblem notReady(const QString &message, SandboxStatus status)
{
    return {409, u"sandbox_not_ready"_s, message, {{u"status"_s, statusName(status)}}};
}

} // namespace

SandboxLifecycle::SandboxLifecycle(const PlanLimits &plan, SandboxStore &store, SandboxRuntime &runtime,
                                   QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_store(store)
    , m_runtime(runtime)
{
    connect(&m_runtime, &SandboxRuntime::initDied, this, [this](const QString &id) {
        Sandbox *dead = m_store.find(id);
        if (!dead)
            return;
        // The init died on its own (not through terminate or pause): a running sandbox has
        // failed; a paused one restarts its init at the resume. Its execs died either way.
        if (dead->isRunning()) {
            finish(*dead, SandboxStatus::Failed, u"error"_s);
            return;
        }
        for (const auto &runner : std::as_const(dead->execs))
            if (runner)
                runner->sandboxEnded();
    });
}

std::optional<RequestProblem> SandboxLifecycle::requireRunning(const Sandbox &sandbox)
{
    if (sandbox.isRunning())
        return std::nullopt;
    return notReady(u"Sandbox %1 is %2, not running."_s.arg(sandbox.id, statusName(sandbox.status)),
                    sandbox.status);
}

void SandboxLifecycle::save(Sandbox &sandbox)
{
    // "resuming" is never written: should the server die meanwhile, the sandbox is still paused.
    m_store.recordChange(
        sandbox, sandbox.status != SandboxStatus::Resuming && sandbox.status != SandboxStatus::Starting);
    Q_EMIT changed(sandbox.id);
}

void SandboxLifecycle::setStatus(Sandbox &sandbox, SandboxStatus status)
{
    sandbox.status = status;
    save(sandbox);
}

void SandboxLifecycle::create(std::unique_ptr<Sandbox> sandbox, Done done)
{
    const QString dir = m_store.sandboxDir(sandbox->id);
    if (!QDir().mkpath(dir + u"/workspace"_s) || !QDir().mkpath(dir + u"/tmp"_s)) {
        done(RequestProblem {500, u"internal"_s, u"Cannot create the sandbox's directories."_s, {}});
        return;
    }
    ::chmod(QFile::encodeName(dir + u"/tmp"_s).constData(), 01777);
    sandbox->status = SandboxStatus::Starting;
    Sandbox &stored = m_store.insert(std::move(sandbox));
    const QString id = stored.id;
    m_store.recordChange(stored, false);
    Q_EMIT changed(id);
    m_runtime.startInit(stored, [this, id, done](bool ok, const QString &error) {
        Sandbox *started = m_store.find(id);
        if (!started || started->status != SandboxStatus::Starting) {
            done(std::nullopt); // terminated meanwhile: the answer shows it
            return;
        }
        if (!ok) {
            started->terminationReason = u"error"_s;
            setStatus(*started, SandboxStatus::Failed);
            done(RequestProblem {
                503, u"unavailable"_s, u"The sandbox %1 could not start: %2"_s.arg(id, error), {}});
            return;
        }
        started->status = SandboxStatus::Running;
        armExpiry(*started);
        QString saveError;
        if (!m_store.recordChange(*started, true, &saveError)) {
            finish(*started, SandboxStatus::Failed, u"error"_s);
            done(RequestProblem {
                500, u"internal"_s, u"Cannot save the sandbox's state: %1"_s.arg(saveError), {}});
            return;
        }
        Q_EMIT changed(id);
        done(std::nullopt);
    });
}

void SandboxLifecycle::freeze(Sandbox &sandbox)
{
    // The host side of each exec first (see ExecRunner::freeze), then everything in the sandbox.
    for (const auto &runner : std::as_const(sandbox.execs))
        if (runner)
            runner->freeze();
    m_runtime.signalAll(sandbox, SIGSTOP);
}

void SandboxLifecycle::thaw(Sandbox &sandbox)
{
    m_runtime.signalAll(sandbox, SIGCONT);
    for (const auto &runner : std::as_const(sandbox.execs))
        if (runner)
            runner->thaw();
}

void SandboxLifecycle::pause(Sandbox &sandbox, Done done)
{
    if (auto problem = requireRunning(sandbox))
        return done(problem);
    // A pause in progress holds a slot too, so two at once cannot exceed the cap.
    const int used = m_store.snapshotsInUse();
    if (used >= m_plan.snapshotCap) {
        return done(
            RequestProblem {402,
                            u"snapshot_cap_reached"_s,
                            u"The %1 plan keeps %2 snapshot(s) and all are in use."_s.arg(m_plan.name)
                                .arg(m_plan.snapshotCap),
                            {{u"plan"_s, m_plan.name}, {u"cap"_s, m_plan.snapshotCap}, {u"used"_s, used}}});
    }
    // Freeze first so the snapshot is consistent; the cgroup freezer is not available here.
    freeze(sandbox);
    // A stale snapshot from an interrupted earlier run goes before "pausing" is on disk: after
    // a crash, "pausing" with a snapshot file must mean this pause's complete snapshot.
    QFile::remove(m_store.snapshotPath(sandbox.id));
    setStatus(sandbox, SandboxStatus::Pausing);
    const QString id = sandbox.id;
    m_runtime.writeSnapshot(id, [this, id, done](bool ok, const QString &error) {
        Sandbox *paused = m_store.find(id);
        if (!paused || paused->status != SandboxStatus::Pausing) {
            // Terminated (or expired) while the snapshot was written.
            QFile::remove(m_store.snapshotPath(id));
            done(notReady(u"The sandbox ended while it was being paused."_s,
                          paused ? paused->status : SandboxStatus::Terminated));
            releaseFileOperations(id);
            return;
        }
        if (!ok) {
            thaw(*paused);
            setStatus(*paused, SandboxStatus::Running);
            done(RequestProblem {500, u"internal"_s, u"Cannot write the snapshot: %1"_s.arg(error), {}});
            releaseFileOperations(id);
            return;
        }
        paused->pausedAt = QDateTime::currentDateTimeUtc();
        paused->snapshotCreatedAt = paused->pausedAt;
        paused->snapshotSizeBytes = QFileInfo(m_store.snapshotPath(id)).size();
        paused->expiresAt = QDateTime();
        dropExpiry(*paused);
        setStatus(*paused, SandboxStatus::Paused);
        done(std::nullopt);
        releaseFileOperations(id);
    });
}

void SandboxLifecycle::resume(Sandbox &sandbox, Done done)
{
    if (sandbox.status != SandboxStatus::Paused) {
        return done(notReady(u"Sandbox %1 is %2, not paused."_s.arg(sandbox.id, statusName(sandbox.status)),
                             sandbox.status));
    }
    if (sandbox.initPid > 0) {
        thaw(sandbox);
        becameRunning(sandbox);
        return done(std::nullopt);
    }
    // After a server restart the processes are gone: the files come back, in a fresh init.
    setStatus(sandbox, SandboxStatus::Resuming);
    const QString id = sandbox.id;
    const auto restart = [this, id, done](bool restored, const QString &tarError) {
        Sandbox *resuming = m_store.find(id);
        if (!resuming || resuming->status != SandboxStatus::Resuming) {
            done(notReady(u"The sandbox ended while it was being resumed."_s,
                          resuming ? resuming->status : SandboxStatus::Terminated));
            return;
        }
        if (!restored)
            qCWarning(lcSandboxes).noquote()
                << u"orkestr-local: warning: the snapshot of %1 did not unpack: %2"_s.arg(id, tarError);
        const QString dir = m_store.sandboxDir(id);
        QDir().mkpath(dir + u"/workspace"_s);
        QDir().mkpath(dir + u"/tmp"_s);
        m_runtime.startInit(*resuming, [this, id, done](bool ok, const QString &error) {
            Sandbox *started = m_store.find(id);
            if (!started || started->status != SandboxStatus::Resuming) {
                done(notReady(u"The sandbox ended while it was being resumed."_s,
                              started ? started->status : SandboxStatus::Terminated));
                return;
            }
            if (!ok) {
                setStatus(*started, SandboxStatus::Paused);
                releaseFileOperations(id);
                done(RequestProblem {
                    503, u"unavailable"_s, u"The sandbox could not restart: %1"_s.arg(error), {}});
                return;
            }
            becameRunning(*started);
            done(std::nullopt);
        });
    };
    if (QFileInfo::exists(m_store.sandboxDir(id) + u"/workspace"_s))
        restart(true, {});
    else
        m_runtime.restoreSnapshot(id, restart);
}

void SandboxLifecycle::becameRunning(Sandbox &sandbox)
{
    QFile::remove(m_store.snapshotPath(sandbox.id));
    sandbox.pausedAt = QDateTime();
    sandbox.snapshotSizeBytes = -1;
    sandbox.snapshotCreatedAt = QDateTime();
    sandbox.status = SandboxStatus::Running;
    armExpiry(sandbox);
    save(sandbox);
    releaseFileOperations(sandbox.id);
}

void SandboxLifecycle::terminate(Sandbox &sandbox)
{
    if (sandbox.status != SandboxStatus::Terminated)
        finish(sandbox, SandboxStatus::Terminated, u"requested"_s);
}

void SandboxLifecycle::finish(Sandbox &sandbox, SandboxStatus status, const QString &reason)
{
    for (const auto &runner : std::as_const(sandbox.execs))
        if (runner)
            runner->sandboxEnded();
    m_runtime.stopInit(sandbox);
    dropExpiry(sandbox);
    sandbox.status = status;
    sandbox.terminationReason = reason;
    sandbox.expiresAt = QDateTime();
    if (status == SandboxStatus::Terminated) {
        sandbox.terminatedAt = QDateTime::currentDateTimeUtc();
        sandbox.pausedAt = QDateTime();
        // Terminated sandboxes keep only their record; the files and snapshot go.
        QFile::remove(m_store.snapshotPath(sandbox.id));
        QDir(m_store.sandboxDir(sandbox.id) + u"/workspace"_s).removeRecursively();
        QDir(m_store.sandboxDir(sandbox.id) + u"/tmp"_s).removeRecursively();
        sandbox.snapshotSizeBytes = -1;
    }
    save(sandbox);
    releaseFileOperations(sandbox.id);
}

void SandboxLifecycle::armExpiry(Sandbox &sandbox)
{
    sandbox.expiresAt = QDateTime::currentDateTimeUtc().addSecs(sandbox.timeoutSeconds);
    dropExpiry(sandbox);
    sandbox.expiry = std::make_unique<QTimer>();
    sandbox.expiry->setSingleShot(true);
    sandbox.expiry->setTimerType(Qt::CoarseTimer);
    // QTimer takes an int of milliseconds; long timeouts re-arm until they are due.
    const QString id = sandbox.id;
    connect(sandbox.expiry.get(), &QTimer::timeout, this, [this, id] {
        Sandbox *due = m_store.find(id);
        if (!due)
            return;
        const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(due->expiresAt);
        if (left > 0) {
            due->expiry->start(int(std::min<qint64>(left, 1LL << 30)));
            return;
        }
        finish(*due, SandboxStatus::Terminated, u"timeout"_s);
    });
    sandbox.expiry->start(int(std::min<qint64>(qint64(sandbox.timeoutSeconds) * 1000, 1LL << 30)));
}

bool SandboxLifecycle::filesBusy(const Sandbox &sandbox) const
{
    return sandbox.status == SandboxStatus::Pausing || sandbox.status == SandboxStatus::Resuming;
}

void SandboxLifecycle::whenFilesSettled(Sandbox &sandbox, std::function<void()> operation)
{
    if (filesBusy(sandbox))
        sandbox.waitingFileOperations.append(std::move(operation));
    else
        operation();
}

void SandboxLifecycle::releaseFileOperations(const QString &id)
{
    Sandbox *sandbox = m_store.find(id);
    if (!sandbox || filesBusy(*sandbox))
        return;
    const auto waiting = std::exchange(sandbox->waitingFileOperations, {});
    for (const auto &operation : waiting)
        operation();
}

void SandboxLifecycle::attach(Sandbox &sandbox, ExecRunner *runner)
{
    sandbox.execs.append(runner);
    const QString id = sandbox.id;
    connect(runner, &ExecRunner::ended, this, [this, id, runner] {
        if (Sandbox *owner = m_store.find(id))
            owner->execs.removeIf(
                [runner](const QPointer<ExecRunner> &entry) { return !entry || entry == runner; });
    });
}

} // namespace OrkestrLocal
