#pragma once

#include "session/localservice.h"

#include <QObject>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <functional>

namespace OrkestrSession {

// What an agent needs to reach a local orkestr-local: its token (shown once), the base URL for
// the SDK's baseUrl option, and ready-to-paste snippets. The snippets read the token from
// ORKESTR_API_KEY, so only exportLine() carries the secret.
struct AgentCredentials
{
    QString name;
    bool canWrite = false;
    QString token;
    QUrl baseUrl;

    QString exportLine() const;
    QString baseUrlText() const;
    QString javaScriptSnippet() const;
    QString pythonSnippet() const;
};

// The "Connect an agent" workflow: mints a named token with the chosen scopes in a local
// orkestr-local's data directory (the token subcommand, run asynchronously; the running server
// reloads tokens.json), then hands the secret to the keeper (the keychain) and reports it once.
class AgentTokenIssuer : public QObject
{
    Q_OBJECT
public:
    // Stores the secret under a name, e.g. in the keychain; called before issued().
    using Keeper = std::function<void(const QString &entry, const QString &secret)>;

    explicit AgentTokenIssuer(LocalServerTarget target, QObject *parent = nullptr);

    void setKeeper(Keeper keeper) { m_keeper = std::move(keeper); }
    LocalServerTarget target() const { return m_target; }

    // Empty when the name can be used; else why not, for the dialog to show.
    static QString checkName(const QString &name);
    // The keychain entry of an agent's token.
    static QString keychainEntry(const QString &name) { return QStringLiteral("agent/") + name; }

    void issue(const QString &name, bool canWrite);
    bool isBusy() const { return m_tool.state() != QProcess::NotRunning; }

Q_SIGNALS:
    void issued(const OrkestrSession::AgentCredentials &credentials);
    void failed(const QString &message);

private:
    LocalServerTarget m_target;
    Keeper m_keeper;
    QProcess m_tool;
    AgentCredentials m_pending;
};

} // namespace OrkestrSession
