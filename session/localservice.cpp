#include "session/localservice.h"

#include "core/localserverprocess.h"
#include "session/logging.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace OrkestrSession {

namespace {

constexpr int ProbeTimeoutMs = 1500;
constexpr int RetryIntervalMs = 200;

} // namespace

LocalService::LocalService(QObject *parent)
    : QObject(parent)
    , m_tokenName(u"orkestr-desk"_s)
{
    m_target.baseUrl = defaultUrl();
    m_target.dataDir = defaultDataDir();
    m_target.program = Orkestr::LocalServerProcess::findProgram();
    m_target.service = true;
    const QString systemctl = QStandardPaths::findExecutable(u"systemctl"_s);
    if (!systemctl.isEmpty())
        setStartCommand(systemctl, {u"--user"_s, u"start"_s, u"orkestr-local.service"_s});

    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &LocalService::probe);
    m_deadline.setSingleShot(true);
    // Covers the start command too: systemctl may wait long on a service manager that hangs.
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_stage != Stage::Starting && m_stage != Stage::Waiting)
            return;
        if (m_starter.state() != QProcess::NotRunning)
            m_starter.kill();
        giveUp(tr("The orkestr-local service did not answer at %1 after it was started.")
                   .arg(m_target.baseUrl.toDisplayString()));
    });

    connect(&m_starter, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        if (m_stage != Stage::Starting)
            return;
        if (status != QProcess::NormalExit || exitCode != 0) {
            const QString why = QString::fromUtf8(m_starter.readAllStandardError()).trimmed();
            giveUp(tr("Could not start the orkestr-local service: %1")
                       .arg(why.isEmpty() ? tr("%1 exited with code %2").arg(m_startProgram).arg(exitCode)
                                          : why));
            return;
        }
        m_stage = Stage::Waiting;
        probe();
    });
    connect(&m_starter, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && m_stage == Stage::Starting)
            giveUp(tr("Could not run %1: %2").arg(m_startProgram, m_starter.errorString()));
    });

    connect(&m_tokenTool, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QByteArray output = m_tokenTool.readAllStandardOutput().trimmed();
        if (m_stage != Stage::Minting)
            return;
        if (status != QProcess::NormalExit || exitCode != 0 || !output.startsWith("ork_")) {
            giveUp(tr("Could not create a token for the orkestr-local service: %1")
                       .arg(QString::fromUtf8(m_tokenTool.readAllStandardError()).trimmed()));
            return;
        }
        m_token = QString::fromUtf8(output);
        // The token works only if the service really keeps its tokens in this data directory.
        m_stage = Stage::Verifying;
        probe();
    });
    connect(&m_tokenTool, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && m_stage == Stage::Minting)
            giveUp(tr("Could not run %1: %2").arg(m_target.program, m_tokenTool.errorString()));
    });
}

LocalService::~LocalService()
{
    // An aborted probe still finishes: it must not start the next stage now.
    m_stage = Stage::Idle;
    if (m_probe)
        m_probe->abort();
}

QString LocalService::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/orkestr-local"_s;
}

void LocalService::setStartCommand(const QString &program, const QStringList &arguments)
{
    m_startProgram = program;
    m_startArguments = arguments;
}

void LocalService::connectToService()
{
    if (m_stage != Stage::Idle)
        return;
    m_token.clear();
    m_stage = Stage::Probing;
    probe();
}

void LocalService::probe()
{
    QUrl url = m_target.baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/v1/account"_s);
    QNetworkRequest request(url);
    request.setTransferTimeout(ProbeTimeoutMs);
    if (m_stage == Stage::Verifying)
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    m_probe = m_network.get(request);
    connect(m_probe, &QNetworkReply::finished, this, [this, reply = m_probe.data()] { probed(reply); });
}

void LocalService::probed(QNetworkReply *reply)
{
    reply->deleteLater();
    const bool answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    const bool isOrkestrLocal = reply->rawHeader("Server").startsWith("orkestr-local/");
    const QString address = m_target.baseUrl.toDisplayString();
    if (answered && !isOrkestrLocal) {
        giveUp(tr("Another program than orkestr-local answers at %1.").arg(address));
        return;
    }
    switch (m_stage) {
    case Stage::Probing:
        if (isOrkestrLocal)
            mintToken();
        else
            startService();
        return;
    case Stage::Waiting:
        if (isOrkestrLocal) {
            m_deadline.stop();
            mintToken();
        } else {
            m_retry.start(RetryIntervalMs);
        }
        return;
    case Stage::Verifying:
        if (reply->error() == QNetworkReply::NoError) {
            m_stage = Stage::Idle;
            qCInfo(lcSession).noquote() << "using the orkestr-local service at" << address;
            Q_EMIT ready(m_target.baseUrl);
        } else {
            m_token.clear();
            giveUp(tr("The orkestr-local service at %1 does not accept a token made in %2: it keeps "
                      "its data elsewhere.")
                       .arg(address, m_target.dataDir));
        }
        return;
    case Stage::Idle:
    case Stage::Starting:
    case Stage::Minting:
        return;
    }
}

void LocalService::startService()
{
    if (m_startProgram.isEmpty()) {
        giveUp(tr("No orkestr-local service answers at %1.").arg(m_target.baseUrl.toDisplayString()));
        return;
    }
    m_stage = Stage::Starting;
    m_deadline.start(m_startTimeoutMs);
    m_starter.start(m_startProgram, m_startArguments);
}

void LocalService::mintToken()
{
    m_stage = Stage::Minting;
    m_tokenTool.start(m_target.program,
                      {u"token"_s, u"create"_s, u"--replace"_s, u"--name"_s, m_tokenName, u"--data-dir"_s,
                       m_target.dataDir});
}

void LocalService::giveUp(const QString &reason)
{
    m_stage = Stage::Idle;
    m_retry.stop();
    m_deadline.stop();
    if (m_probe)
        m_probe->abort();
    qCInfo(lcSession).noquote() << reason;
    Q_EMIT unavailable(reason);
}

} // namespace OrkestrSession
