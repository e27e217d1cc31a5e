#include "ui/terminal/terminalsession.h"

#include "core/client.h"
#include "core/execstreamjob.h"
#include "session/shellquote.h"
#include "session/terminalcommand.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

using OrkestrSession::shellQuote;
using OrkestrSession::TerminalCommand;

namespace {
// Where a command goes when the tracked directory is gone (the sandbox's home).
constexpr QStringView HomeDirectory = u"/workspace";
// What `env --chdir` exits with when it cannot enter the directory, before the shell starts.
constexpr int CannotRun = 125;
} // namespace

TerminalSession::TerminalSession(Orkestr::Client *client, const QString &sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
    qRegisterMetaType<OrkestrUi::CommandResult>();
    // Random per session so that a command cannot fake the trailer by accident.
    m_nonce = QRandomGenerator::system()->generate64();
    m_marker = TerminalCommand::marker(m_nonce);
}

TerminalSession::~TerminalSession()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->abort();
    }
}

QString TerminalSession::wrap(const QString &command) const
{
    return TerminalCommand::wrap(command, m_nonce);
}

QString TerminalSession::exportedVariables() const
{
    QString text;
    for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
        text += u"export "_s + it.key() + u'=' + shellQuote(it.value()) + u'\n';
    return text;
}

bool TerminalSession::run(const QString &command)
{
    if (isRunning())
        return false;
    m_command = command;
    m_pending.clear();
    m_trailer.clear();
    m_inTrailer = false;
    m_detaching = false;
    m_exitCode.reset();
    m_durationMs = 0;
    Orkestr::ExecOptions options;
    options.timeoutSeconds = m_timeoutSeconds;
    options.cwd = m_cwd;
    options.env = m_env;
    auto *job = new Orkestr::ExecStreamJob(m_sandboxId, wrap(command), options);
    // The chunks go to the screen as they come; keeping them all too would hold the whole output
    // (twice its size, as UTF-16) until the command ends.
    job->setCollectOutput(false);
    m_job = job;
    connect(job, &Orkestr::ExecStreamJob::chunk, this, &TerminalSession::onChunk);
    connect(job, &Orkestr::Job::finished, this, &TerminalSession::onFinished);
    job->setReceivePaused(m_outputPaused);
    m_elapsed.start();
    Q_EMIT started(command);
    m_client->run(job);
    return true;
}

void TerminalSession::setOutputPaused(bool paused)
{
    m_outputPaused = paused;
    if (m_job)
        m_job->setReceivePaused(paused);
}

void TerminalSession::detach()
{
    if (!m_job)
        return;
    Orkestr::ExecStreamJob *job = m_job;
    job->disconnect(this);
    m_job.clear();
    job->abort();
    CommandResult result;
    result.outcome = CommandResult::Outcome::Detached;
    result.durationMs = m_elapsed.elapsed();
    finish(result);
}

void TerminalSession::onChunk(const Orkestr::ExecChunk &chunk)
{
    if (chunk.isFinal()) {
        m_exitCode = chunk.exitCode;
        m_durationMs = chunk.durationMs.value_or(m_elapsed.elapsed());
        return;
    }
    if (chunk.stream == u"stderr"_s) {
        Q_EMIT output(chunk.data, Stream::Stderr);
        return;
    }
    if (m_inTrailer) {
        m_trailer += chunk.data;
        return;
    }
    m_pending += chunk.data;
    const qsizetype at = m_pending.indexOf(m_marker);
    if (at >= 0) {
        const QString shown = m_pending.left(at);
        m_trailer = m_pending.mid(at + m_marker.size());
        m_pending.clear();
        m_inTrailer = true;
        if (!shown.isEmpty())
            Q_EMIT output(shown, Stream::Stdout);
        return;
    }
    // Hold back only a tail that could still grow into the marker.
    qsizetype keep = m_pending.size();
    for (qsizetype i = qMax<qsizetype>(0, m_pending.size() - m_marker.size() + 1); i < m_pending.size();
         ++i) {
        if (m_pending.at(i) == m_marker.at(0) && m_marker.startsWith(QStringView(m_pending).mid(i))) {
            keep = i;
            break;
        }
    }
    const QString shown = m_pending.left(keep);
    m_pending.remove(0, keep);
    if (!shown.isEmpty())
        Q_EMIT output(shown, Stream::Stdout);
}

void TerminalSession::takeTrailer()
{
    if (!m_inTrailer) {
        // The shell never started: the directory is gone (removed by an earlier command).
        if (m_exitCode == CannotRun && m_cwd != HomeDirectory) {
            m_cwd = HomeDirectory.toString();
            Q_EMIT workingDirectoryChanged(m_cwd);
        }
        return;
    }
    const auto state = TerminalCommand::parseTrailer(m_trailer);
    if (!state)
        return;
    m_env = TerminalCommand::nextEnv(m_env, *state);
    if (state->cwd != m_cwd) {
        m_cwd = state->cwd;
        Q_EMIT workingDirectoryChanged(m_cwd);
    }
}

void TerminalSession::onFinished(Orkestr::Job *job)
{
    if (job != m_job)
        return;
    m_job.clear();
    if (!m_pending.isEmpty()) {
        Q_EMIT output(m_pending, Stream::Stdout);
        m_pending.clear();
    }
    CommandResult result;
    result.durationMs = m_elapsed.elapsed();
    if (job->status() == Orkestr::Job::Status::Succeeded) {
        takeTrailer();
        result.exitCode = m_exitCode.value_or(0);
        result.durationMs = m_durationMs;
        finish(result);
        return;
    }
    const Orkestr::ApiError &error = job->error();
    result.message = error.message();
    switch (error.kind()) {
    case Orkestr::ApiError::Kind::ExecTimeout:
        result.outcome = CommandResult::Outcome::TimedOut;
        result.durationMs = error.durationMs() > 0 ? error.durationMs() : result.durationMs;
        break;
    case Orkestr::ApiError::Kind::ExecKilled:
        result.outcome = CommandResult::Outcome::Killed;
        result.signal = error.signal();
        result.durationMs = error.durationMs() > 0 ? error.durationMs() : result.durationMs;
        break;
    case Orkestr::ApiError::Kind::SandboxNotReady:
        result.outcome = CommandResult::Outcome::NotReady;
        result.sandboxStatus = error.sandboxStatus();
        break;
    case Orkestr::ApiError::Kind::Connection:
        result.outcome = CommandResult::Outcome::ConnectionLost;
        break;
    case Orkestr::ApiError::Kind::Cancelled:
        result.outcome = CommandResult::Outcome::Detached;
        break;
    default:
        result.outcome = CommandResult::Outcome::Failed;
        result.message = error.displayText();
        break;
    }
    finish(result);
    if (result.outcome == CommandResult::Outcome::NotReady)
        Q_EMIT sandboxNotReady(result.sandboxStatus);
}

void TerminalSession::finish(const CommandResult &result)
{
    m_command.clear();
    Q_EMIT finished(result);
}

} // namespace OrkestrUi
