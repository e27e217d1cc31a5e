#pragma once

#include "core/account.h"
#include "core/apierror.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Orkestr {
class Client;
class GetAccountJob;
} // namespace Orkestr

namespace OrkestrSession {

class ActivityStores;
class MetricsPoller;
class ProcessSignaller;
class SandboxActions;
class SandboxStore;

// One connection to an orkestr server as the dashboard sees it, in the role libQuotient's
// Connection plays: the client, the account (fetched, and fetched again after actions and every
// 15 s), the one write policy, and the stores and workflows built on them. Widgets read and ask
// through it; none of them holds a rule of its own.
class Session : public QObject
{
    Q_OBJECT
public:
    // Why nothing may be changed, if so.
    enum class ReadOnlyReason {
        None,
        InspectOnly, // the connection profile is set to inspect only
        TokenScopes, // the token lacks sandboxes:write
    };
    Q_ENUM(ReadOnlyReason)

    // The client is the application's (the connection manager configures it); the session is the
    // one that talks through it.
    explicit Session(Orkestr::Client *client, QObject *parent = nullptr);
    ~Session() override;

    Orkestr::Client *client() const { return m_client; }
    SandboxStore *sandboxes() const { return m_store; }
    SandboxActions *actions() const { return m_actions; }
    // The activity of each open sandbox, one store per sandbox shared by its views.
    ActivityStores *activity() const { return m_activity; }
    // The latest CPU and memory of every running sandbox, polled while a view demands it.
    MetricsPoller *metrics() const { return m_metrics; }
    // Signals to processes, under the write policy.
    ProcessSignaller *processSignaller() const { return m_processSignaller; }

    // Fetches the account (plan, quota, scopes); one request at a time. The sandbox list starts
    // updating at the same time, not one round trip later.
    void refreshAccount();
    // Takes an account as if fetched (for a caller that has one already).
    void setAccount(const Orkestr::Account &account);
    bool hasAccount() const { return m_hasAccount; }
    Orkestr::Account account() const { return m_account; }
    // What the server calls itself in its responses' Server header (empty when it says nothing).
    QString serverSoftware() const { return m_serverSoftware; }
    // The last account request succeeded.
    bool isConnected() const { return m_connected; }
    // The connection never worked, or the server now refuses the token.
    void setDisconnected();

    void setInspectOnly(bool inspectOnly);
    bool isInspectOnly() const { return m_inspectOnly; }
    ReadOnlyReason readOnlyReason() const;
    bool isReadOnly() const { return readOnlyReason() != ReadOnlyReason::None; }

    // Another server or token: forgets the account and every store's content, stops polling.
    void reset();

Q_SIGNALS:
    void accountChanged(const Orkestr::Account &account);
    void accountFailed(const Orkestr::ApiError &error);
    void writePolicyChanged(bool readOnly);

private:
    void applyAccount(const Orkestr::Account &account);
    void startUpdatesIfStopped();
    void notifyWritePolicy(ReadOnlyReason before);

    Orkestr::Client *m_client;
    SandboxStore *m_store;
    SandboxActions *m_actions;
    ActivityStores *m_activity;
    MetricsPoller *m_metrics;
    ProcessSignaller *m_processSignaller;
    QPointer<Orkestr::GetAccountJob> m_accountJob;
    Orkestr::Account m_account;
    QString m_serverSoftware;
    bool m_hasAccount = false;
    bool m_connected = false;
    bool m_inspectOnly = false;
    QTimer m_refreshTimer;
};

} // namespace OrkestrSession
