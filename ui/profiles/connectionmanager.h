#pragma once

#include "core/localserverprocess.h"
#include "session/localservice.h"
#include "ui/profiles/connectionprofile.h"
#include "ui/profiles/tokenvault.h"

#include <QObject>
#include <QPointer>

namespace Orkestr {
class Client;
} // namespace Orkestr

namespace OrkestrUi {

class ProfileStore;

// Connects the one Client of the window to the current profile: starts the embedded
// orkestr-local when that profile is chosen, or reads the profile's token from the vault.
class ConnectionManager : public QObject
{
    Q_OBJECT
public:
    ConnectionManager(Orkestr::Client *client, ProfileStore *profiles, TokenVault *vault,
                      QObject *parent = nullptr);
    ~ConnectionManager() override;

    // Connects to the store's current profile.
    void connectCurrent();
    // Connects to a server given on the command line, without saving a profile.
    void connectTo(const QUrl &url, bool allowInsecureHttp);
    // Saves a token for a profile (keychain, or memory with a message) and reconnects if current.
    void setToken(const QString &profileId, const QString &token);
    // Removes a profile's token from the keychain and from memory.
    void forgetToken(const QString &profileId);

    // Options for the embedded orkestr-local, e.g. {"--plan", "free"}; set before connecting.
    void setEmbeddedArguments(const QStringList &arguments) { m_embeddedArguments = arguments; }
    // The orkestr-local user service to prefer over the embedded server for the embedded
    // profile; without one (or when it is unavailable) the embedded server starts as before.
    void setLocalService(OrkestrSession::LocalService *service);
    // The local server the client talks to (the service or the embedded one); invalid for others.
    OrkestrSession::LocalServerTarget localServer() const;
    TokenVault *vault() const { return m_vault; }

    ConnectionProfile active() const { return m_active; }
    bool isInspectOnly() const { return m_active.inspectOnly; }
    Orkestr::LocalServerProcess *embeddedServer() const { return m_embedded; }

Q_SIGNALS:
    // What the status bar says while connecting.
    void connecting(const QString &description);
    // The client is configured for the profile: fetch the account.
    void ready(const OrkestrUi::ConnectionProfile &profile);
    void failed(const QString &message);
    // Something the user should know but that does not stop the connection (no keychain).
    void notice(const QString &message);

private:
    void activate(const ConnectionProfile &profile);
    void startEmbedded();
    // Connects the client to the service or the embedded server, if the Local profile is active.
    void useLocalServer(const QUrl &url, const QString &token);

    Orkestr::Client *m_client;
    ProfileStore *m_profiles;
    TokenVault *m_vault;
    QPointer<Orkestr::LocalServerProcess> m_embedded;
    QPointer<OrkestrSession::LocalService> m_localService;
    bool m_localServiceUnavailable = false;
    ConnectionProfile m_active;
    QStringList m_embeddedArguments;
};

} // namespace OrkestrUi
