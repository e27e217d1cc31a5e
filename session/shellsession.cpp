#include "session/shellsession.h"

#include "core/assignandnotify.h"
#include "core/client.h"
#include "core/ptysession.h"

#include <QSet>

namespace OrkestrSession {

using namespace Qt::StringLiterals;
using Orkestr::ApiError;
using Orkestr::PtyExit;
using Orkestr::PtySession;

namespace {
QSet<QString> &unsupportedServers()
{
    static QSet<QString> servers;
    return servers;
}

QString serverKey(const QUrl &server)
{
    return server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments).toString();
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return ShellSession::tr("%1 ms").arg(ms);
    return ShellSession::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 2);
}

QString signalName(int signal)
{
    static const QHash<int, QString> names
        = {{1, u"SIGHUP"_s},  {2, u"SIGINT"_s},   {3, u"SIGQUIT"_s},  {6, u"SIGABRT"_s},
           {9, u"SIGKILL"_s}, {11, u"SIGSEGV"_s}, {13, u"SIGPIPE"_s}, {15, u"SIGTERM"_s}};
    return names.value(signal);
}
} // namespace

ShellSession::ShellSession(Orkestr::Client *client, QString sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
{
}

ShellSession::~ShellSession() = default;

bool ShellSession::isKnownUnsupported(const QUrl &server)
{
    return unsupportedServers().contains(serverKey(server));
}

void ShellSession::forgetSupport()
{
    unsupportedServers().clear();
}

void ShellSession::setState(State state)
{
    Orkestr::assignAndNotify(this, m_state, state, &ShellSession::stateChanged);
}

void ShellSession::start(int cols, int rows)
{
    if (isActive() || !m_client)
        return;
    if (cols > 0 && rows > 0)
        m_size = QSize(cols, rows);
    m_error = {};
    m_exit.reset();
    m_waitingForRunning = false;
    if (m_pty) {
        m_pty->disconnect(this);
        m_pty->deleteLater();
    }
    m_pty = new PtySession(m_client, m_sandboxId, this);
    connect(m_pty, &PtySession::opened, this, [this] { setState(State::Running); });
    connect(m_pty, &PtySession::output, this, &ShellSession::output);
    connect(m_pty, &PtySession::exited, this, [this](const PtyExit &exit) { m_exit = exit; });
    connect(m_pty, &PtySession::failed, this, [this](const ApiError &error) { m_error = error; });
    connect(m_pty, &PtySession::closed, this, &ShellSession::onClosed);
    setState(State::Connecting);
    Orkestr::PtyOptions options;
    options.cols = m_size.width();
    options.rows = m_size.height();
    m_pty->open(options);
}

void ShellSession::onClosed()
{
    if (m_exit) {
        setState(State::Exited);
        Q_EMIT exited(*m_exit);
        return;
    }
    if (!m_error.isError() || m_error.kind() == ApiError::Kind::Cancelled) { // stopped here
        setState(State::Idle);
        return;
    }
    if (m_error.isUnsupportedEndpoint() && m_client)
        unsupportedServers().insert(serverKey(m_client->baseUrl()));
    // Refused because the sandbox is paused or starting: try again once it runs.
    m_waitingForRunning = m_error.kind() == ApiError::Kind::SandboxNotReady;
    setState(State::Failed);
    Q_EMIT failed(m_error);
    if (m_error.isUnsupportedEndpoint())
        Q_EMIT unsupported();
}

void ShellSession::stop()
{
    m_waitingForRunning = false;
    if (m_pty && m_pty->state() != PtySession::State::Closed)
        m_pty->close();
}

void ShellSession::type(const QByteArray &bytes)
{
    if (m_pty && isActive())
        m_pty->write(bytes);
}

void ShellSession::resizeTo(int cols, int rows)
{
    if (cols <= 0 || rows <= 0)
        return;
    m_size = QSize(cols, rows);
    if (m_pty)
        m_pty->resize(cols, rows);
}

void ShellSession::setSandboxStatus(Orkestr::Sandbox::Status status)
{
    if (status == Orkestr::Sandbox::Status::Running && m_waitingForRunning && m_state == State::Failed)
        start(m_size.width(), m_size.height());
}

QString ShellSession::exitSummary(const PtyExit &exit)
{
    if (exit.signal) {
        const QString name = signalName(*exit.signal);
        return name.isEmpty()
            ? tr("killed by signal %1 · %2").arg(*exit.signal).arg(durationText(exit.durationMs))
            : tr("killed by signal %1 (%2) · %3").arg(*exit.signal).arg(name, durationText(exit.durationMs));
    }
    return tr("exit %1 · %2").arg(exit.exitCode).arg(durationText(exit.durationMs));
}

} // namespace OrkestrSession
