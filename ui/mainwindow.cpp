#include "ui/mainwindow.h"

#include "core/accountjob.h"
#include "core/client.h"
#include "ui/dialogprompter.h"
#include "ui/files/filespanel.h"
#include "ui/i18n/language.h"
#include "ui/inspector/requestinspector.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profiledialog.h"
#include "ui/profiles/profilestore.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxpoller.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/snapshotquotawidget.h"
#include "ui/terminal/terminaltabs.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
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

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
enum Page { MessagePage = 0, ContentPage = 1 };
}

MainWindow::MainWindow(Orkestr::Client *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
{
    setWindowTitle(tr("Orkestr Desk"));
    buildUi();
    restoreLayout();
    // The quota changes when sandboxes are paused elsewhere too: keep it fresh.
    m_refreshTimer.setInterval(15000);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshAccount);
}

void MainWindow::buildUi()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *refresh
        = fileMenu->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refreshAccount);
    refresh->setObjectName(u"refreshAction"_s);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

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
    m_sandboxesPage = new SandboxesPage(m_client, m_tabs);
    m_tabs->addTab(m_sandboxesPage, tr("Sandboxes"));
    buildWorkbench();
    // Pause, resume, terminate and create change the quota: fetch it again.
    connect(m_sandboxesPage, &SandboxesPage::accountMayHaveChanged, this, &MainWindow::refreshAccount);

    auto *accountPage = new QWidget(m_tabs);
    auto *accountLayout = new QVBoxLayout(accountPage);
    auto *heading = new QLabel(tr("Account"), accountPage);
    heading->setFont(titleFont);
    accountLayout->addWidget(heading);
    m_accountForm = new QFormLayout;
    m_accountName = new QLabel(accountPage);
    m_plan = new QLabel(accountPage);
    m_token = new QLabel(accountPage);
    m_limits = new QLabel(accountPage);
    m_usage = new QLabel(accountPage);
    for (auto *label : {m_accountName, m_plan, m_token, m_limits, m_usage})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accountForm->addRow(tr("Account:"), m_accountName);
    m_accountForm->addRow(tr("Plan:"), m_plan);
    m_accountForm->addRow(tr("Token:"), m_token);
    m_accountForm->addRow(tr("Limits:"), m_limits);
    m_accountForm->addRow(tr("Usage:"), m_usage);
    accountLayout->addLayout(m_accountForm);
    accountLayout->addStretch();
    m_tabs->addTab(accountPage, tr("Account"));
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
    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    auto *toggleInspector = m_inspector->toggleViewAction();
    toggleInspector->setText(tr("&Request inspector"));
    toggleInspector->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    viewMenu->addAction(toggleInspector);
    viewMenu->addMenu(new LanguageMenu(this));

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
    connect(m_sandboxesPage->poller(), &SandboxPoller::stateChanged, this, &MainWindow::updateNetworkLabel);
    // Back after an outage (the list answers again): fetch the account now, not at the next
    // periodic refresh, so that the status bar and the quota are true again at once.
    connect(m_sandboxesPage->poller(), &SandboxPoller::stateChanged, this,
            [this, wasDown = false](SandboxPoller::State state) mutable {
                if (state == SandboxPoller::State::Offline || state == SandboxPoller::State::RateLimited) {
                    wasDown = true;
                } else if (state == SandboxPoller::State::Fresh && wasDown) {
                    wasDown = false;
                    if (!m_account.accountId.isEmpty())
                        refreshAccount();
                }
            });
    connect(m_client, &Orkestr::Client::rateLimitChanged, this, &MainWindow::updateNetworkLabel);

    resize(1280, 800);
}

void MainWindow::updateNetworkLabel()
{
    const auto *poller = m_sandboxesPage->poller();
    QString text;
    if (m_client->isRateLimited()) {
        text = tr("Rate limited until %1")
                   .arg(m_client->rateLimitedUntil().toLocalTime().toString(u"HH:mm:ss"));
    } else if (poller->state() == SandboxPoller::State::Offline) {
        text = tr("Offline: %1").arg(poller->lastError().displayText());
    } else if (poller->state() == SandboxPoller::State::RateLimited) {
        text = tr("Rate limited");
    }
    m_networkLabel->setText(text);
    m_networkLabel->setVisible(!text.isEmpty());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_sandboxesPage->restoreLayout(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved edits are never lost silently: each open editor asks first.
    // A question answered later closes the window again once every editor is closed.
    if (m_files->hasUnsavedChanges()) {
        event->ignore();
        m_files->closeAllEditors([window = QPointer(this)](bool closed) {
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
    // Under the list: the terminals (and files) of the selected sandbox.
    m_workbench = new QTabWidget(m_sandboxesPage);
    m_workbench->setObjectName(u"workbench"_s);
    m_terminals = new TerminalTabs(m_client, m_workbench);
    m_workbench->addTab(m_terminals, tr("Terminal"));
    m_files = new FilesPanel(m_client, new DialogPrompter(this), m_workbench);
    m_workbench->addTab(m_files, tr("Files"));
    m_sandboxesPage->setWorkbench(m_workbench);

    connect(m_sandboxesPage, &SandboxesPage::currentSandboxChanged, this,
            [this](const std::optional<Orkestr::Sandbox> &sandbox) {
                if (sandbox) {
                    m_terminals->showSandbox(*sandbox);
                    m_files->showSandbox(*sandbox);
                }
            });
    // Status changes reach the tabs of every sandbox, shown or not (a paused one offers Resume).
    auto *model = m_sandboxesPage->model();
    connect(
        model, &QAbstractItemModel::dataChanged, this,
        [this, model](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                const auto id
                    = model->index(row, 0, topLeft.parent()).data(SandboxTreeModel::SandboxIdRole).toString();
                if (const auto sandbox = model->sandbox(id))
                    m_terminals->updateSandbox(*sandbox);
            }
        });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this, model](const QModelIndex &parent, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    const auto id
                        = model->index(row, 0, parent).data(SandboxTreeModel::SandboxIdRole).toString();
                    if (!id.isEmpty()) {
                        m_terminals->forgetSandbox(id);
                        m_files->forgetSandbox(id);
                    }
                }
            });
    connect(m_terminals, &TerminalTabs::resumeRequested, this,
            [this](const QString &id) { m_sandboxesPage->run(SandboxesPage::Action::Resume, {id}); });
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
        // Another server or token: nothing of the previous list is true here.
        m_account = {};
        m_sandboxesPage->stopUpdates();
        m_sandboxesPage->model()->setSandboxes({});
        m_sandboxesPage->poller()->resetEtag();
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
    const bool inspectOnly = m_connections && m_connections->isInspectOnly();
    return inspectOnly || (m_connected && !m_account.canWrite());
}

QString MainWindow::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void MainWindow::updateReadOnlyBanner()
{
    if (m_connections && m_connections->isInspectOnly()) {
        m_banner->setText(
            tr("Inspect only: this connection is set to inspect sandboxes without changing them; "
               "every write action is disabled."));
        m_banner->show();
    } else if (m_connected && !m_account.canWrite()) {
        m_banner->setText(tr("Read-only token: it lacks the sandboxes:write scope, so every write action is "
                             "disabled."));
        m_banner->show();
    } else {
        m_banner->hide();
    }
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
    m_connected = false;
    m_messageTitle->setText(tr("Could not connect"));
    m_messageText->setText(message);
    m_retryButton->show();
    m_pages->setCurrentIndex(MessagePage);
    m_connectionLabel->setText(tr("Not connected"));
    m_quota->clear();
    updateReadOnlyBanner();
    Q_EMIT connectionFailed(Orkestr::ApiError::connectionError(message));
}

void MainWindow::refreshAccount()
{
    if (m_accountJob)
        return; // one at a time
    m_accountJob = m_client->call<Orkestr::GetAccountJob>();
    // The first list does not wait for the account: both requests go out at once, so the list is
    // on screen one round trip sooner. A refused token stops the poller as it stops this.
    if (m_sandboxesPage->poller()->state() == SandboxPoller::State::Idle)
        m_sandboxesPage->startUpdates();
    connect(m_accountJob, &Orkestr::Job::succeeded, this, [this](Orkestr::Job *job) {
        applyAccount(static_cast<Orkestr::GetAccountJob *>(job)->account());
    });
    connect(m_accountJob, &Orkestr::Job::failed, this,
            [this](Orkestr::Job *job) { applyError(job->error()); });
}

void MainWindow::applyAccount(const Orkestr::Account &account)
{
    m_account = account;
    m_connected = true;
    m_accountName->setText(u"%1 (%2)"_s.arg(account.name, account.accountId));
    m_plan->setText(account.plan);
    m_token->setText(account.canWrite() ? tr("%1 — %2").arg(account.tokenPrefix, account.scopes.join(u", "_s))
                                        : tr("%1 — %2 (read-only: inspection only)")
                                              .arg(account.tokenPrefix, account.scopes.join(u", "_s)));
    m_limits->setText(tr("%1 vCPU, %2 MB memory, %n running sandbox(es), %3 s timeout per sandbox", nullptr,
                         account.maxRunningSandboxes)
                          .arg(account.maxCpu)
                          .arg(account.maxMemoryMb)
                          .arg(account.maxTimeoutSeconds));
    m_usage->setText(tr("%1 running, %2 paused").arg(account.runningSandboxes).arg(account.pausedSandboxes));
    m_pages->setCurrentIndex(ContentPage);
    m_connectionLabel->setText(
        tr("Connected to %1 as %2").arg(m_client->baseUrl().toDisplayString(), account.name));
    m_quota->setAccount(account);
    m_sandboxesPage->setAccount(account);
    m_sandboxesPage->setInspectOnly(m_connections && m_connections->isInspectOnly());
    // A command in a terminal is a write (exec needs sandboxes:write): none in a read-only window.
    m_terminals->setEnabled(!isReadOnly());
    m_files->setReadOnly(isReadOnly());
    m_workbench->setTabToolTip(0, isReadOnly() ? tr("Read-only: commands cannot be run") : QString());
    if (m_sandboxesPage->poller()->state() == SandboxPoller::State::Idle
        || m_sandboxesPage->poller()->state() == SandboxPoller::State::Failed)
        m_sandboxesPage->startUpdates();
    updateReadOnlyBanner();
    m_refreshTimer.start();
    Q_EMIT accountChanged(account);
}

void MainWindow::applyError(const Orkestr::ApiError &error)
{
    m_connected = false;
    // A connection that worked and now fails for a while (server restarting, offline, 429, 5xx)
    // keeps the last known list on screen and tries again; only a refused token, or a connection
    // that never worked, replaces the window's content with the error.
    if (!m_account.accountId.isEmpty() && error.kind() != Orkestr::ApiError::Kind::Auth) {
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
    m_refreshTimer.stop();
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
