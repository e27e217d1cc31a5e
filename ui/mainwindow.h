#pragma once

#include "core/account.h"
#include "core/apierror.h"

#include <QMainWindow>

#include <memory>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QMenu;
class QPushButton;

namespace Orkestr {
class Client;
} // namespace Orkestr

namespace OrkestrSession {
class Notifier;
class SandboxNotifications;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class AccountPage;
class CommandPalette;
class ConnectionManager;
class DesktopNotifier;
class SandboxTabs;
class SandboxView;
class TerminalWidget;
struct CommandResult;
class DialogPrompter;
class ProfileStore;
class FilesPanel;
class RequestInspector;
class SandboxesPage;
class TerminalTabs;
class SnapshotQuotaWidget;

// The dashboard's window: it shows the session (the account, the sandboxes, the connection's
// state) and forwards what the user asks for to it. The sandbox list is on the left, the view of
// the selected or opened sandboxes on the right; the keyboard reaches everything (Ctrl+K, Help ›
// Keyboard shortcuts), and the list has the focus after start. The status bar always shows the
// connection and the snapshot quota.
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
    TerminalTabs *terminals() const;
    FilesPanel *files() const;
    SandboxTabs *sandboxTabs() const { return m_sandboxTabs; }
    SandboxView *sandboxView() const;
    AccountPage *accountPage() const { return m_accountPage; }
    CommandPalette *commandPalette() const { return m_palette; }
    OrkestrSession::SandboxNotifications *notifications() const { return m_notifications; }
    // Replaces where notifications go (the desktop's by default; tests record them). Not owned.
    void setNotifier(OrkestrSession::Notifier *notifier);
    // Opens the sandbox in a tab of its own and shows it.
    void openSandbox(const QString &sandboxId);
    // Puts the keyboard focus on the sandbox list.
    void focusList();
    void showShortcuts();
    // The window's actions by object name (for the palette, the shortcuts dialog and tests).
    QAction *windowAction(const QString &name) const;
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
    void buildMenus();
    void installPaletteKeys();
    void addPlaceActions(QMenu *menu);
    void notifyCommand(TerminalWidget *terminal, const QString &command, const CommandResult &result);
    void updateNetworkLabel();
    void restoreLayout();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

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
    SandboxTabs *m_sandboxTabs = nullptr;
    AccountPage *m_accountPage = nullptr;
    CommandPalette *m_palette = nullptr;
    DesktopNotifier *m_desktopNotifier = nullptr;
    OrkestrSession::SandboxNotifications *m_notifications = nullptr;
    bool m_focusedOnce = false;
    RequestInspector *m_inspector = nullptr;
    QLabel *m_networkLabel = nullptr;
    QLabel *m_messageTitle = nullptr;
    QLabel *m_messageText = nullptr;
    QPushButton *m_retryButton = nullptr;
    QLabel *m_connectionLabel = nullptr;
    SnapshotQuotaWidget *m_quota = nullptr;
};

} // namespace OrkestrUi
