#include "core/localserverprocess.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>

namespace Orkestr {

using namespace Qt::StringLiterals;

LocalServerProcess::LocalServerProcess(QObject *parent)
    : QObject(parent)
    , m_program(findProgram())
    , m_tokenName(u"orkestr-desk"_s)
{
    connect(&m_tokenTool, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QByteArray output = m_tokenTool.readAllStandardOutput().trimmed();
        if (status != QProcess::NormalExit || exitCode != 0 || !output.startsWith("ork_")) {
            fail(tr("Could not create a token for the local server: %1")
                     .arg(QString::fromUtf8(m_tokenTool.readAllStandardError()).trimmed()));
            return;
        }
        m_token = QString::fromUtf8(output);
        startServer();
    });
    connect(&m_tokenTool, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Could not start %1: %2").arg(m_program, m_tokenTool.errorString()));
    });
    connect(&m_server, &QProcess::readyReadStandardOutput, this, [this] {
        m_stdout.append(m_server.readAllStandardOutput());
        if (m_url.isValid())
            return;
        // The server announces itself with "listening on http://127.0.0.1:PORT".
        const qsizetype at = m_stdout.indexOf("listening on ");
        const qsizetype end = m_stdout.indexOf('\n', at);
        if (at >= 0 && end > at) {
            m_url = QUrl(QString::fromUtf8(m_stdout.mid(at + 13, end - at - 13).trimmed()));
            qCInfo(lcCore).noquote() << "local server" << m_server.processId() << "ready at"
                                     << m_url.toString();
            Q_EMIT ready(m_url);
        }
    });
    connect(&m_server, &QProcess::readyReadStandardError, this, [this] {
        m_log.append(m_server.readAllStandardError());
        // Keep the tail only: the request log grows without bound otherwise.
        if (m_log.size() > 256 * 1024)
            m_log.remove(0, m_log.size() - 128 * 1024);
    });
    connect(&m_server, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        if (!m_url.isValid())
            fail(tr("The local server stopped before it was ready: %1")
                     .arg(QString::fromUtf8(m_log.right(2000)).trimmed()));
        m_url.clear();
        qCInfo(lcCore) << "local server exited with code" << exitCode;
        Q_EMIT exited(exitCode);
    });
    connect(&m_server, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Could not start %1: %2").arg(m_program, m_server.errorString()));
    });
}

LocalServerProcess::~LocalServerProcess()
{
    stop();
}

QString LocalServerProcess::findProgram()
{
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(u"orkestr-local"_s);
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString onPath = QStandardPaths::findExecutable(u"orkestr-local"_s);
    return onPath.isEmpty() ? u"orkestr-local"_s : onPath;
}

void LocalServerProcess::start()
{
    m_url.clear();
    m_token.clear();
    m_stdout.clear();
    if (m_dataDir.isEmpty())
        m_dataDir
            = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/local-server"_s;
    m_tokenTool.start(
        m_program,
        {u"token"_s, u"create"_s, u"--replace"_s, u"--name"_s, m_tokenName, u"--data-dir"_s, m_dataDir});
}

void LocalServerProcess::startServer()
{
    QStringList arguments {u"--listen"_s, u"127.0.0.1:0"_s, u"--data-dir"_s, m_dataDir};
    arguments += m_extraArguments;
    // The server is ours: it ends with us even when we crash or are killed, never left behind.
    m_server.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_server.start(m_program, arguments);
}

void LocalServerProcess::stop()
{
    if (m_tokenTool.state() != QProcess::NotRunning) {
        m_tokenTool.kill();
        m_tokenTool.waitForFinished(1000);
    }
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.terminate();
    if (!m_server.waitForFinished(3000)) {
        m_server.kill();
        m_server.waitForFinished(1000);
    }
}

void LocalServerProcess::fail(const QString &message)
{
    // The server's own log may be quoted: it must not carry the token anywhere.
    const QString text = redacted(message, m_token);
    qCWarning(lcCore).noquote() << text;
    Q_EMIT failed(text);
}

} // namespace Orkestr
