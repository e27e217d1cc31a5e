#include "session/processsignaller.h"

#include "core/client.h"
#include "core/processjobs.h"
#include "session/logging.h"
#include "session/prompter.h"
#include "session/session.h"

#include <QPointer>

namespace OrkestrSession {

using namespace Qt::StringLiterals;

namespace {
// Linux numbering, as the API's signal numbers are.
constexpr std::pair<int, QLatin1StringView> SignalNames[] = {
    {1, "SIGHUP"_L1},     {2, "SIGINT"_L1},   {3, "SIGQUIT"_L1},   {4, "SIGILL"_L1},   {5, "SIGTRAP"_L1},
    {6, "SIGABRT"_L1},    {7, "SIGBUS"_L1},   {8, "SIGFPE"_L1},    {9, "SIGKILL"_L1},  {10, "SIGUSR1"_L1},
    {11, "SIGSEGV"_L1},   {12, "SIGUSR2"_L1}, {13, "SIGPIPE"_L1},  {14, "SIGALRM"_L1}, {15, "SIGTERM"_L1},
    {16, "SIGSTKFLT"_L1}, {17, "SIGCHLD"_L1}, {18, "SIGCONT"_L1},  {19, "SIGSTOP"_L1}, {20, "SIGTSTP"_L1},
    {21, "SIGTTIN"_L1},   {22, "SIGTTOU"_L1}, {23, "SIGURG"_L1},   {24, "SIGXCPU"_L1}, {25, "SIGXFSZ"_L1},
    {26, "SIGVTALRM"_L1}, {27, "SIGPROF"_L1}, {28, "SIGWINCH"_L1}, {29, "SIGIO"_L1},   {30, "SIGPWR"_L1},
    {31, "SIGSYS"_L1},
};
} // namespace

QString ProcessSignaller::Outcome::summary() const
{
    if (succeeded())
        return ProcessSignaller::tr("Sent %1 to %2 (%3).").arg(signalName(signal)).arg(pid).arg(command);
    return ProcessSignaller::tr("Could not send %1 to %2 (%3): %4")
        .arg(signalName(signal))
        .arg(pid)
        .arg(command, error.displayText());
}

ProcessSignaller::ProcessSignaller(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    qRegisterMetaType<OrkestrSession::ProcessSignaller::Outcome>();
}

bool ProcessSignaller::canSignal() const
{
    return !m_session->isReadOnly();
}

bool ProcessSignaller::signal(const QString &sandboxId, const Orkestr::ProcessInfo &process, int signal)
{
    if (!canSignal() || !m_prompter || signal < Orkestr::SignalProcessJob::MinSignal
        || signal > Orkestr::SignalProcessJob::MaxSignal)
        return false;
    Question question;
    question.title = tr("Send %1").arg(signalName(signal));
    question.text = tr("Send %1 to process %2 (%3) in %4?")
                        .arg(signalName(signal))
                        .arg(process.pid)
                        .arg(process.command, sandboxId);
    question.acceptLabel = signal == 9 ? tr("Kill") : tr("Send");
    question.destructive = true;
    const Outcome request {sandboxId, process.pid, signal, process.command, {}};
    m_prompter->confirm(question, [self = QPointer(this), request](bool accepted) {
        // The answer may come much later: the policy is checked again.
        if (accepted && self && self->canSignal())
            self->send(request);
    });
    return true;
}

void ProcessSignaller::send(const Outcome &request)
{
    qCInfo(lcSession) << "sending signal" << request.signal << "to process" << request.pid << "of"
                      << request.sandboxId;
    ++m_pending;
    Q_EMIT started(request.sandboxId, request.pid, request.signal);
    auto *job = m_session->client()->call<Orkestr::SignalProcessJob>(request.sandboxId, request.pid,
                                                                     request.signal);
    job->whenFinished(this, [this, request](Orkestr::SignalProcessJob *done) {
        --m_pending;
        Outcome outcome = request;
        outcome.error = done->error();
        if (outcome.error.isError())
            qCInfo(lcSession) << "signal failed:" << outcome.error.type() << outcome.error.requestId();
        Q_EMIT finished(outcome);
    });
}

QString ProcessSignaller::signalName(int signal)
{
    for (const auto &[number, name] : SignalNames) {
        if (number == signal)
            return name;
    }
    return tr("signal %1").arg(signal);
}

QList<int> ProcessSignaller::commonSignals()
{
    return {15, 9, 2, 1, 19, 18, 10, 12};
}

} // namespace OrkestrSession
