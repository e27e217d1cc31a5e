#include "ui/profiles/connectionmanager.h"

#include "core/client.h"
#include "core/localserverprocess.h"
#include "ui/profiles/profilestore.h"

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ConnectionManager::ConnectionManager(Orkestr::Client *client, ProfileStore *profiles, TokenVault *vault,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_profiles(profiles)
    , m_vault(vault)
{
    connect(m_profiles, &ProfileStore::currentChanged, this,
            [this](const ConnectionProfile &profile) { activate(profile); });
    connect(m_vault, &TokenVault::keychainUnavailable, this, &ConnectionManager::notice);
    connect(m_vault, &TokenVault::tokenRead, this,
            [this](const QString &profileId, const QString &token, TokenVault::Source) {
                if (profileId != m_active.id || m_active.embedded)
                    return;
                if (token.isEmpty()) {
                    Q_EMIT failed(tr("No token is stored for \"%1\": set one under Connection › Manage "
                                     "connections, or in ORKESTR_API_KEY.")
                                      .arg(m_active.name));
                    return;
                }
                m_client->setToken(token);
                Q_EMIT ready(m_active);
            });
    connect(m_vault, &TokenVault::tokenWritten, this,
            [this](const QString &, bool persisted, const QString &message) {
                if (!persisted)
                    Q_EMIT notice(message);
            });
}

ConnectionManager::~ConnectionManager() = default;

void ConnectionManager::connectCurrent()
{
    activate(m_profiles->current());
}

void ConnectionManager::connectTo(const QUrl &url, bool allowInsecureHttp)
{
    ConnectionProfile adHoc;
    adHoc.id = u"command-line"_s;
    adHoc.name = url.toDisplayString();
    adHoc.baseUrl = url;
    adHoc.allowInsecureHttp = allowInsecureHttp;
    activate(adHoc);
}

void ConnectionManager::setToken(const QString &profileId, const QString &token)
{
    m_vault->write(profileId, token);
    if (profileId == m_active.id)
        activate(m_active);
}

void ConnectionManager::forgetToken(const QString &profileId)
{
    m_vault->remove(profileId);
}

void ConnectionManager::activate(const ConnectionProfile &profile)
{
    m_active = profile;
    m_client->setToken({});
    m_client->setAllowInsecureHttp(profile.allowInsecureHttp);
    if (profile.embedded) {
        startEmbedded();
        return;
    }
    m_client->setBaseUrl(profile.baseUrl);
    Q_EMIT connecting(tr("Connecting to %1…").arg(profile.baseUrl.toDisplayString()));
    m_vault->read(profile.id);
}

void ConnectionManager::setLocalService(OrkestrSession::LocalService *service)
{
    m_localService = service;
    connect(service, &OrkestrSession::LocalService::ready, this,
            [this](const QUrl &url) { useLocalServer(url, m_localService->token()); });
    connect(service, &OrkestrSession::LocalService::unavailable, this, [this] {
        m_localServiceUnavailable = true;
        if (m_active.embedded)
            startEmbedded();
    });
}

OrkestrSession::LocalServerTarget ConnectionManager::localServer() const
{
    if (!m_active.embedded || !m_client->hasToken())
        return {};
    if (m_localService && m_localService->isReady()
        && m_client->baseUrl() == m_localService->target().baseUrl)
        return m_localService->target();
    if (m_embedded && m_embedded->isReady())
        return {m_embedded->program(), m_embedded->dataDir(), m_embedded->url(), false};
    return {};
}

void ConnectionManager::useLocalServer(const QUrl &url, const QString &token)
{
    if (!m_active.embedded)
        return;
    m_client->setBaseUrl(url);
    m_client->setToken(token);
    Q_EMIT ready(m_active);
}

void ConnectionManager::startEmbedded()
{
    // The service first, each time (it may have been stopped or restarted meanwhile).
    if (m_localService && !m_localServiceUnavailable) {
        Q_EMIT connecting(tr("Looking for the orkestr-local service…"));
        m_localService->connectToService();
        return;
    }
    if (m_embedded && m_embedded->isReady()) {
        useLocalServer(m_embedded->url(), m_embedded->token());
        return;
    }
    Q_EMIT connecting(tr("Starting the local server…"));
    if (!m_embedded) {
        m_embedded = new Orkestr::LocalServerProcess(this);
        connect(m_embedded, &Orkestr::LocalServerProcess::ready, this,
                [this](const QUrl &url) { useLocalServer(url, m_embedded->token()); });
        connect(m_embedded, &Orkestr::LocalServerProcess::failed, this, [this](const QString &message) {
            // Forget the failed process, so that "Try again" starts a new one.
            m_embedded->deleteLater();
            m_embedded = nullptr;
            if (m_active.embedded)
                Q_EMIT failed(message);
        });
        m_embedded->setExtraArguments(m_embeddedArguments);
        m_embedded->start();
    }
}

} // namespace OrkestrUi
