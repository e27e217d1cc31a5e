#include "server/activity.h"

#include "server/apiserver.h"
#include "server/execrunner.h"
#include "server/ids.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxstore.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

ActivityRecorder::ActivityRecorder(Journal &journal, SandboxStore &store, SandboxLifecycle &lifecycle,
                                   qint64 outputBudgetBytes, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_store(store)
    , m_retention(journal.output(), outputBudgetBytes)
{
    connect(&lifecycle, &SandboxLifecycle::changed, this, &ActivityRecorder::statusChanged);
}

void ActivityRecorder::forget(const QString &sandboxId)
{
    m_journal.forget(sandboxId);
    m_retention.forget(sandboxId);
}

void ActivityRecorder::recordRestart()
{
    // Output of sandboxes whose records are gone (the server died while it dropped them).
    m_journal.output().forgetAllBut([this](const QString &id) { return m_store.find(id) != nullptr; });
    m_retention.load();
    for (const auto &[id, sandbox] : m_store.all())
        m_status.insert(id, sandbox->status);
    // Only those the load turned failed: one journal query each, not one per sandbox.
    for (const auto &id : m_store.failedByRestart()) {
        const QString last = m_journal.lastKind(id);
        if (!last.isEmpty() && last != u"sandbox.failed"_s && last != u"sandbox.terminated"_s)
            record(id, u"sandbox.failed"_s, Actor::system(u"restart"_s),
                   {{u"detail"_s, u"The server restarted; the sandbox's processes are gone."_s}});
    }
    m_journal.markRunningExecsLost([this](const QString &sandboxId, const QJsonObject &data) {
        record(sandboxId, u"exec.finished"_s, Actor::system(u"restart"_s), data);
    });
}

void ActivityRecorder::setCause(const QString &sandboxId, const Actor &actor)
{
    m_cause.insert(sandboxId, actor);
}

void ActivityRecorder::record(const QString &sandboxId, const QString &kind, const Actor &actor,
                              const QJsonObject &data)
{
    if (m_enabled)
        m_journal.append(sandboxId, kind, actor, data);
}

void ActivityRecorder::statusChanged(const QString &id)
{
    const Sandbox *sandbox = m_store.find(id);
    if (!sandbox)
        return;
    const auto known = m_status.constFind(id);
    const std::optional<SandboxStatus> before
        = known == m_status.cend() ? std::nullopt : std::optional<SandboxStatus>(*known);
    const SandboxStatus now = sandbox->status;
    if (before == now)
        return;
    m_status.insert(id, now);
    const auto cause = [this, &id] {
        return m_cause.take(id);
    };
    const auto elapsed = [this, &id] {
        const QElapsedTimer timer = m_transitionStarted.take(id);
        return timer.isValid() ? timer.elapsed() : qint64(0);
    };
    if (before == SandboxStatus::Starting && now != SandboxStatus::Starting) {
        QJsonArray envKeys;
        for (auto it = sandbox->env.constBegin(); it != sandbox->env.constEnd(); ++it)
            envKeys.append(it.key());
        record(id, u"sandbox.created"_s, m_cause.value(id, Actor::system(u"error"_s)),
               {{u"template"_s, sandbox->templateName},
                {u"cpu"_s, sandbox->cpu},
                {u"memory_mb"_s, sandbox->memoryMb},
                {u"network"_s, sandbox->network},
                {u"timeout_seconds"_s, sandbox->timeoutSeconds},
                {u"region"_s, sandbox->region},
                {u"env_keys"_s, envKeys},
                {u"metadata"_s, sandbox->metadata}});
        if (now == SandboxStatus::Running)
            m_cause.remove(id);
    }
    switch (now) {
    case SandboxStatus::Pausing:
    case SandboxStatus::Resuming:
        m_transitionStarted[id].start();
        break;
    case SandboxStatus::Paused:
        if (before == SandboxStatus::Pausing)
            record(id, u"sandbox.paused"_s, cause(),
                   {{u"snapshot_bytes"_s, sandbox->snapshotSizeBytes}, {u"duration_ms"_s, elapsed()}});
        break;
    case SandboxStatus::Running:
        if (before == SandboxStatus::Paused || before == SandboxStatus::Resuming)
            record(id, u"sandbox.resumed"_s, cause(), {{u"duration_ms"_s, elapsed()}});
        else if (before == SandboxStatus::Pausing)
            m_cause.remove(id); // the snapshot failed; the sandbox runs on
        break;
    case SandboxStatus::Failed:
        m_cause.remove(id);
        record(id, u"sandbox.failed"_s, Actor::system(u"error"_s),
               {{u"detail"_s,
                 before == SandboxStatus::Starting ? u"The sandbox could not start."_s
                                                   : u"The sandbox's init process ended."_s}});
        break;
    case SandboxStatus::Terminated: {
        const QString reason
            = sandbox->terminationReason.isEmpty() ? u"requested"_s : sandbox->terminationReason;
        const Actor requested = m_cause.value(id, Actor::system(u"error"_s));
        m_cause.remove(id);
        QJsonObject data {{u"reason"_s, reason}};
        if (reason == u"timeout"_s)
            data.insert(u"detail"_s, u"The sandbox reached its timeout."_s);
        record(id, u"sandbox.terminated"_s,
               reason == u"requested"_s ? requested
                                        : Actor::system(reason == u"timeout"_s ? u"timeout"_s : u"error"_s),
               data);
        break;
    }
    case SandboxStatus::Starting:
        break;
    }
}

void ActivityRecorder::requestFailed(const ApiCall &call, int status, const QString &type)
{
    static const QRegularExpression sandboxPath(u"^/v1/sandboxes/(sbx_[0-9A-Za-z]+)(/|\\z)"_s);
    const auto match = sandboxPath.match(call.path());
    if (!match.hasMatch() || !m_store.find(match.captured(1)))
        return;
    record(match.captured(1), u"request.failed"_s, Actor::token(call.token()),
           {{u"method"_s, QString::fromLatin1(call.method())},
            {u"path"_s, call.path()},
            {u"status"_s, status},
            {u"error_type"_s, type},
            {u"request_id"_s, call.requestId()}});
}

namespace {
QString execStatus(const ExecOutcome &outcome)
{
    switch (outcome.kind) {
    case ExecOutcome::Kind::Exited:
    case ExecOutcome::Kind::NetworkPolicy:
        return u"exited"_s;
    case ExecOutcome::Kind::TimedOut:
        return u"timeout"_s;
    case ExecOutcome::Kind::Signalled:
    case ExecOutcome::Kind::OutputLimit:
    case ExecOutcome::Kind::MemoryLimit:
    case ExecOutcome::Kind::FailedToStart:
        break;
    }
    return u"killed"_s;
}
} // namespace

void ActivityRecorder::recordExec(const QString &sandboxId, const Actor &actor, const ExecRequest &request,
                                  const QString &mode, ExecRunner &runner)
{
    if (!m_enabled)
        return;
    ExecRecord record;
    record.execId = u"exe_"_s + newUlid();
    record.sandboxId = sandboxId;
    record.command = request.command;
    record.cwd = request.cwd;
    record.mode = mode;
    record.actor = actor;
    runner.setExecId(record.execId);
    QJsonArray envKeys;
    for (auto it = request.env.constBegin(); it != request.env.constEnd(); ++it)
        envKeys.append(it.key());
    const JournalTransaction starting(m_journal);
    m_journal.execStarted(record);
    this->record(sandboxId, u"exec.started"_s, actor,
                 {{u"exec_id"_s, record.execId},
                  {u"command"_s, request.command},
                  {u"cwd"_s, request.cwd},
                  {u"env_keys"_s, envKeys},
                  {u"timeout_seconds"_s,
                   request.timeoutSeconds > 0 ? QJsonValue(request.timeoutSeconds) : QJsonValue()},
                  {u"mode"_s, mode}});
    ExecOutputStore &output = m_journal.output();
    runner.setRecorder(
        {[this, sandboxId, execId = record.execId](OutputStream stream, const QByteArray &bytes) {
             const int which = stream == OutputStream::Stdout ? 0 : 1;
             const OutputChunk chunk = m_journal.appendOutput(sandboxId, execId, which, bytes);
             m_retention.recorded(sandboxId, execId, which, chunk.offset, bytes.size());
         },
         [&output] { return output.hasRoom(); },
         [&output, execId = record.execId] {
             return output.isStored(execId);
         }});
    connect(&m_journal, &Journal::outputCaughtUp, &runner, &ExecRunner::resumeReading);
    runner.addEndObserver([this, record, actor](const ExecOutcome &outcome) {
        ExecEnd end;
        end.status = execStatus(outcome);
        if (outcome.kind == ExecOutcome::Kind::Exited || outcome.kind == ExecOutcome::Kind::NetworkPolicy)
            end.exitCode = outcome.exitCode;
        if (outcome.kind == ExecOutcome::Kind::Signalled || outcome.kind == ExecOutcome::Kind::OutputLimit
            || outcome.kind == ExecOutcome::Kind::MemoryLimit)
            end.signal = outcome.kind == ExecOutcome::Kind::OutputLimit ? 9 : outcome.signal;
        end.durationMs = outcome.durationMs;
        end.stdoutBytes = m_journal.output().written(record.execId, 0);
        end.stderrBytes = m_journal.output().written(record.execId, 1);
        const JournalTransaction ending(m_journal);
        m_journal.execFinished(record.execId, end);
        QJsonObject data = end.toEventData(record.execId);
        if (outcome.kind == ExecOutcome::Kind::MemoryLimit)
            data.insert(u"reason"_s, u"memory_limit"_s);
        this->record(record.sandboxId, u"exec.finished"_s,
                     outcome.kind == ExecOutcome::Kind::TimedOut ? Actor::system(u"timeout"_s) : actor, data);
    });
}

} // namespace OrkestrLocal
