#pragma once

#include "core/account.h"
#include "core/apierror.h"

#include <QMainWindow>

#include <memory>

class QComboBox;
class QLabel;
class QFormLayout;
class QStackedWidget;
class QTabWidget;
class QPushButton;

namespace Orkestr {
class Client;
} // namespace Orkestr

namespace OrkestrSession {
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class ConnectionManager;
class DialogPrompter;
class ProfileStore;
class FilesPanel;
class RequestInspector;
class SandboxesPage;
class TerminalTabs;
class SnapshotQuotaWidget;

// The dashboard's window: it shows the session (the account, the sandboxes, the connection's
// state) and forwards what the user asks for to it. The status bar always shows the connection
// and the snapshot quota.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Orkestr::Client *client, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds the profile switcher and follows the connection manager (connecting, ready, failed).
    void setConnections(ProfileStore *profiles, ConnectionManager *connections);
    // Shown while connecting or starting the embedded server, or when that fails.
    void showStarting(const QString &what);
    void showStartFailure(const QString &message);
    // Write actions are disabled: by the profile's "inspect only", or a token without sandboxes:write
    // (the session's write policy).
    bool isReadOnly() const;
    QString bannerText() const;
    // Fetches the account (plan, quota, scopes) from the connected server.
    void refreshAccount();

    OrkestrSession::Session *session() const { return m_session; }
    Orkestr::Account account() const;
    bool isConnected() const;
    QString statusText() const;
    QString quotaText() const;
    QString errorText() const;
    SandboxesPage *sandboxesPage() const { return m_sandboxesPage; }
    TerminalTabs *terminals() const { return m_terminals; }
    FilesPanel *files() const { return m_files; }
    RequestInspector *inspector() const { return m_inspector; }
    QString networkText() const;

Q_SIGNALS:
    void accountChanged(const Orkestr::Account &account);
    void connectionFailed(const Orkestr::ApiError &error);

private:
    void buildUi();
    void applyAccount(const Orkestr::Account &account);
    void applyError(const Orkestr::ApiError &error);
    void applyWritePolicy();
    void buildWorkbench();
    void updateNetworkLabel();
    void restoreLayout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void reloadProfileBox();

    Orkestr::Client *m_client;
    OrkestrSession::Session *m_session;
    std::unique_ptr<DialogPrompter> m_prompter;
    ProfileStore *m_profiles = nullptr;
    ConnectionManager *m_connections = nullptr;
    QComboBox *m_profileBox = nullptr;
    QLabel *m_banner = nullptr;

    QStackedWidget *m_pages = nullptr;
    QTabWidget *m_tabs = nullptr;
    SandboxesPage *m_sandboxesPage = nullptr;
    QTabWidget *m_workbench = nullptr;
    TerminalTabs *m_terminals = nullptr;
    FilesPanel *m_files = nullptr;
    RequestInspector *m_inspector = nullptr;
    QLabel *m_networkLabel = nullptr;
    QLabel *m_messageTitle = nullptr;
    QLabel *m_messageText = nullptr;
    QPushButton *m_retryButton = nullptr;
    QFormLayout *m_accountForm = nullptr;
    QLabel *m_accountName = nullptr;
    QLabel *m_plan = nullptr;
    QLabel *m_token = nullptr;
    QLabel *m_limits = nullptr;
    QLabel *m_usage = nullptr;
    QLabel *m_connectionLabel = nullptr;
    SnapshotQuotaWidget *m_quota = nullptr;
};

} // namespace OrkestrUi
