#include "ui/mainwindow.h"

#include "core/client.h"
#include "session/processsignaller.h"
#include "session/sandboxactions.h"
#include "session/sandboxnotifications.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/account/accountpage.h"
#include "ui/activity/activitytab.h"
#include "ui/dialogprompter.h"
#include "ui/files/filespanel.h"
#include "ui/i18n/language.h"
#include "ui/inspector/requestinspector.h"
#include "ui/notifications/desktopnotifier.h"
#include "ui/palette/palettekeys.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profiledialog.h"
#include "ui/profiles/profilestore.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxview/sandboxtabs.h"
#include "ui/snapshotquotawidget.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <qtermwidget.h>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
enum Page { MessagePage = 0, ContentPage = 1 };
}

MainWindow::MainWindow(Orkestr::Client *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_session(new OrkestrSession::Session(client, this))
    , m_prompter(std::make_unique<DialogPrompter>(this))
{
    m_session->actions()->setPrompter(m_prompter.get());
    m_session->processSignaller()->setPrompter(m_prompter.get());
    m_desktopNotifier = new DesktopNotifier(this);
    m_notifications
        = new OrkestrSession::SandboxNotifications(m_session->sandboxes(), m_desktopNotifier, this);
    connect(m_desktopNotifier, &DesktopNotifier::sandboxActivated, this, [this](const QString &id) {
        showNormal();
        raise();
        activateWindow();
        openSandbox(id);
    });
    setWindowTitle(tr("Orkestr Desk"));
    buildUi();
    restoreLayout();
    connect(m_session, &OrkestrSession::Session::accountChanged, this, &MainWindow::applyAccount);
    connect(m_session, &OrkestrSession::Session::accountFailed, this, &MainWindow::applyError);
    connect(m_session, &OrkestrSession::Session::writePolicyChanged, this, &MainWindow::applyWritePolicy);
    applyWritePolicy();
}

MainWindow::~MainWindow()
{
    // The session's workflows ask through the prompter: none may ask once the window is going.
    m_session->actions()->setPrompter(nullptr);
    m_session->processSignaller()->setPrompter(nullptr);
    // The widgets show the session: they go first (children are deleted in the order they were
    // made, and the session was made first).
    delete centralWidget();
}

void MainWindow::buildUi()
{
    m_pages = new QStackedWidget(this);

    auto *messagePage = new QWidget(m_pages);
    auto *messageLayout = new QVBoxLayout(messagePage);
    messageLayout->addStretch();
    m_messageTitle = new QLabel(messagePage);
    m_messageTitle->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_messageTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_messageTitle->setFont(titleFont);
    m_messageText = new QLabel(messagePage);
    m_messageText->setObjectName(u"messageText"_s);
    m_messageText->setAlignment(Qt::AlignCenter);
    m_messageText->setWordWrap(true);
    m_messageText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(tr("Try again"), messagePage);
    m_retryButton->setObjectName(u"retryButton"_s);
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        // Without a token the connection itself failed (no server, no stored token): start over.
        if (m_connections && !m_client->hasToken())
            m_connections->connectCurrent();
        else
            refreshAccount();
    });
    messageLayout->addWidget(m_messageTitle);
    messageLayout->addWidget(m_messageText);
    messageLayout->addWidget(m_retryButton, 0, Qt::AlignHCenter);
    messageLayout->addStretch();
    m_pages->addWidget(messagePage);

    m_tabs = new QTabWidget(m_pages);
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->setDocumentMode(true);
    m_sandboxesPage = new SandboxesPage(m_session, m_tabs);
    m_tabs->addTab(m_sandboxesPage, tr("Sandboxes"));
    buildWorkbench();

    m_accountPage = new AccountPage(m_tabs);
    m_tabs->addTab(m_accountPage, tr("Account"));
    m_pages->addWidget(m_tabs);

    m_banner = new QLabel(this);
    m_banner->setObjectName(u"readOnlyBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    // Amber in both light and dark palettes, with text readable on it.
    bannerPalette.setColor(QPalette::Window, QColor(0xf5, 0xc2, 0x11));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    m_banner->setPalette(bannerPalette);
    m_banner->hide();
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_inspector = new RequestInspector(m_client, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspector);
    m_inspector->hide();
    buildMenus();
    installPaletteKeys();

    m_networkLabel = new QLabel(this);
    m_networkLabel->setObjectName(u"networkLabel"_s);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addWidget(m_connectionLabel, 1);
    m_quota = new SnapshotQuotaWidget(this);
    m_quota->setObjectName(u"snapshotQuota"_s);
    statusBar()->addPermanentWidget(m_networkLabel);
    statusBar()->addPermanentWidget(m_quota);
    // Offline and rate-limited states stay visible in the status bar while they last.
    connect(m_session->sandboxes()->poller(), &OrkestrSession::SandboxPoller::stateChanged, this,
            &MainWindow::updateNetworkLabel);
    connect(m_client, &Orkestr::Client::rateLimitChanged, this, &MainWindow::updateNetworkLabel);
}

void MainWindow::installPaletteKeys()
{
    // In the terminal (its view forwards keys to its prompt) Ctrl+K deletes to the end of the
    // line, as readline's kill-line in a shell does.
    new PaletteKeys(windowAction(u"paletteAction"_s), this, [](const QWidget *focus) {
        for (const QWidget *widget = focus; widget; widget = widget->parentWidget()) {
            if (qobject_cast<const PromptEdit *>(widget) || qobject_cast<const QTermWidget *>(widget))
                return true;
        }
        return false;
    });
}

void MainWindow::updateNetworkLabel()
{
    using State = OrkestrSession::SandboxPoller::State;
    const auto *poller = m_session->sandboxes()->poller();
    QString text;
    if (m_client->isRateLimited()) {
        text = tr("Rate limited until %1")
                   .arg(m_client->rateLimitedUntil().toLocalTime().toString(u"HH:mm:ss"));
    } else if (poller->state() == State::Offline) {
        text = tr("Offline: %1").arg(poller->lastError().displayText());
    } else if (poller->state() == State::RateLimited) {
        text = tr("Rate limited");
    }
    m_networkLabel->setText(text);
    m_networkLabel->setVisible(!text.isEmpty());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_sandboxesPage->restoreLayout(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved edits are never lost silently: each open editor asks first.
    // A question answered later closes the window again once every editor is closed.
    if (files()->hasUnsavedChanges()) {
        event->ignore();
        files()->closeAllEditors([window = QPointer(this)](bool closed) {
            if (closed && window)
                QMetaObject::invokeMethod(window, &QWidget::close, Qt::QueuedConnection);
        });
        return;
    }
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    m_sandboxesPage->saveLayout(settings);
    QMainWindow::closeEvent(event);
}

void MainWindow::buildWorkbench()
{
    // Beside the list: the selected sandbox, and those opened in tabs of their own.
    m_sandboxTabs = new SandboxTabs(m_session, m_prompter.get(), m_sandboxesPage);
    m_sandboxesPage->setWorkbench(m_sandboxTabs);
    connect(m_sandboxesPage, &SandboxesPage::currentSandboxChanged, this,
            [this](const std::optional<Orkestr::Sandbox> &sandbox) {
                m_sandboxTabs->setSelected(sandbox ? sandbox->id : QString());
            });
    connect(m_sandboxesPage, &SandboxesPage::openRequested, this, &MainWindow::openSandbox);
    connect(terminals(), &TerminalTabs::commandFinished, this, &MainWindow::notifyCommand);
    // The Activity tab's outcomes (an export, a saved output, a request that failed) in the status line.
    connect(sandboxView()->activity(), &ActivityTab::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 15000); });
}

TerminalTabs *MainWindow::terminals() const
{
    return m_sandboxTabs->view()->terminals();
}

FilesPanel *MainWindow::files() const
{
    return m_sandboxTabs->view()->files();
}

SandboxView *MainWindow::sandboxView() const
{
    return m_sandboxTabs->view();
}

void MainWindow::setNotifier(OrkestrSession::Notifier *notifier)
{
    m_notifications->setNotifier(notifier ? notifier : m_desktopNotifier);
}

void MainWindow::notifyCommand(TerminalWidget *terminal, const QString &command, const CommandResult &result)
{
    using Outcome = CommandResult::Outcome;
    // Only commands that ended: a detached or cut-off one may still be running.
    if (result.outcome != Outcome::Exited && result.outcome != Outcome::TimedOut
        && result.outcome != Outcome::Killed)
        return;
    const bool inView = terminal->isVisible() && isActiveWindow() && !isMinimized();
    m_notifications->commandFinished(terminal->sandboxId(), command,
                                     result.outcome == Outcome::Exited ? result.exitCode : -1,
                                     result.durationMs, inView);
}

void MainWindow::openSandbox(const QString &sandboxId)
{
    if (sandboxId.isEmpty())
        return;
    m_tabs->setCurrentWidget(m_sandboxesPage);
    m_sandboxTabs->open(sandboxId);
    sandboxView()->focusPlace(sandboxView()->currentPlace());
}

void MainWindow::focusList()
{
    m_tabs->setCurrentWidget(m_sandboxesPage);
    m_sandboxesPage->focusList();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Every shortcut works right after start: the keys of the list need the focus there.
    if (!m_focusedOnce) {
        m_focusedOnce = true;
        m_sandboxesPage->focusList();
    }
}

void MainWindow::setConnections(ProfileStore *profiles, ConnectionManager *connections)
{
    m_profiles = profiles;
    m_connections = connections;
    auto *toolbar = addToolBar(tr("Connection"));
    toolbar->setObjectName(u"connectionToolbar"_s);
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Connection: "), toolbar));
    m_profileBox = new QComboBox(toolbar);
    m_profileBox->setObjectName(u"profileBox"_s);
    m_profileBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolbar->addWidget(m_profileBox);
    auto *manage = toolbar->addAction(tr("Manage connections…"), this, [this] {
        ProfileDialog dialog(m_profiles, m_connections, this);
        dialog.exec();
    });
    manage->setObjectName(u"manageConnections"_s);
    reloadProfileBox();
    // One click switches: the store remembers the choice and the manager reconnects.
    connect(m_profileBox, &QComboBox::activated, this,
            [this](int index) { m_profiles->setCurrent(m_profileBox->itemData(index).toString()); });
    connect(m_profiles, &ProfileStore::profilesChanged, this, &MainWindow::reloadProfileBox);
    connect(m_profiles, &ProfileStore::currentChanged, this, &MainWindow::reloadProfileBox);
    connect(m_connections, &ConnectionManager::connecting, this, &MainWindow::showStarting);
    connect(m_connections, &ConnectionManager::ready, this, [this] {
        // Another server or token: nothing of the previous account or list is true here.
        m_session->reset();
        m_notifications->reset();
        m_session->setInspectOnly(m_connections->isInspectOnly());
        reloadProfileBox();
        refreshAccount();
    });
    connect(m_connections, &ConnectionManager::failed, this, &MainWindow::showStartFailure);
    connect(m_connections, &ConnectionManager::notice, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
}

void MainWindow::reloadProfileBox()
{
    if (!m_profileBox)
        return;
    const QSignalBlocker blocker(m_profileBox);
    m_profileBox->clear();
    for (const auto &profile : m_profiles->profiles()) {
        m_profileBox->addItem(profile.inspectOnly ? tr("%1 (inspect only)").arg(profile.name) : profile.name,
                              profile.id);
    }
    // A server given on the command line is not a saved profile, but it is what is connected.
    if (m_connections && m_connections->active().id == u"command-line"_s) {
        m_profileBox->addItem(tr("%1 (command line)").arg(m_connections->active().name),
                              m_connections->active().id);
        m_profileBox->setCurrentIndex(m_profileBox->count() - 1);
        return;
    }
    m_profileBox->setCurrentIndex(m_profileBox->findData(m_profiles->currentId()));
}

bool MainWindow::isReadOnly() const
{
    return m_session->isReadOnly();
}

Orkestr::Account MainWindow::account() const
{
    return m_session->account();
}

bool MainWindow::isConnected() const
{
    return m_session->isConnected();
}

QString MainWindow::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void MainWindow::applyWritePolicy()
{
    switch (m_session->readOnlyReason()) {
    case OrkestrSession::Session::ReadOnlyReason::InspectOnly:
        m_banner->setText(
            tr("Inspect only: this connection is set to inspect sandboxes without changing them; "
               "every write action is disabled."));
        m_banner->show();
        break;
    case OrkestrSession::Session::ReadOnlyReason::TokenScopes:
        m_banner->setText(tr("Read-only token: it lacks the sandboxes:write scope, so every write action is "
                             "disabled."));
        m_banner->show();
        break;
    case OrkestrSession::Session::ReadOnlyReason::None:
        m_banner->hide();
        break;
    }
    sandboxView()->setReadOnly(isReadOnly());
}

void MainWindow::showStarting(const QString &what)
{
    m_messageTitle->setText(tr("Connecting…"));
    m_messageText->setText(what);
    m_retryButton->hide();
    m_pages->setCurrentIndex(MessagePage);
    m_connectionLabel->setText(what);
}

void MainWindow::showStartFailure(const QString &message)
{
    m_session->setDisconnected();
    m_messageTitle->setText(tr("Could not connect"));
    m_messageText->setText(message);
    m_retryButton->show();
    m_pages->setCurrentIndex(MessagePage);
    m_connectionLabel->setText(tr("Not connected"));
    m_quota->clear();
    m_accountPage->clear();
    Q_EMIT connectionFailed(Orkestr::ApiError::connectionError(message));
}

void MainWindow::refreshAccount()
{
    m_session->refreshAccount();
}

void MainWindow::applyAccount(const Orkestr::Account &account)
{
    m_accountPage->setAccount(account, m_client->baseUrl(), m_session->serverSoftware());
    m_pages->setCurrentIndex(ContentPage);
    m_connectionLabel->setText(
        tr("Connected to %1 as %2").arg(m_client->baseUrl().toDisplayString(), account.name));
    m_quota->setQuota(account.snapshots, account.plan);
    Q_EMIT accountChanged(account);
}

void MainWindow::applyError(const Orkestr::ApiError &error)
{
    // A connection that worked and now fails for a while (server restarting, offline, 429, 5xx)
    // keeps the last known list on screen and tries again; only a refused token, or a connection
    // that never worked, replaces the window's content with the error.
    if (m_session->hasAccount() && error.kind() != Orkestr::ApiError::Kind::Auth) {
        m_connectionLabel->setText(tr("Connection lost, retrying: %1").arg(error.displayText()));
        Q_EMIT connectionFailed(error);
        return;
    }
    QString title;
    QString hint;
    switch (error.kind()) {
    case Orkestr::ApiError::Kind::Auth:
        title = tr("The server refused the API token");
        hint = tr("Check the token of this connection profile.");
        break;
    case Orkestr::ApiError::Kind::Connection:
        title = tr("The server cannot be reached");
        hint = tr("Check the address and that the server is running.");
        break;
    case Orkestr::ApiError::Kind::RateLimit:
        title = tr("Too many requests");
        hint = tr("The server asks to wait before trying again.");
        break;
    default:
        title = tr("The server answered with an error");
        break;
    }
    m_messageTitle->setText(title);
    m_messageText->setText(hint.isEmpty() ? error.displayText() : u"%1\n%2"_s.arg(error.displayText(), hint));
    m_retryButton->show();
    m_pages->setCurrentIndex(MessagePage);
    m_connectionLabel->setText(tr("Not connected: %1").arg(error.displayText()));
    m_quota->clear();
    Q_EMIT connectionFailed(error);
}

QString MainWindow::networkText() const
{
    return m_networkLabel->text();
}

QString MainWindow::statusText() const
{
    return m_connectionLabel->text();
}
QString MainWindow::quotaText() const
{
    return m_quota->text();
}
QString MainWindow::errorText() const
{
    return m_messageText->text();
}

} // namespace OrkestrUi
