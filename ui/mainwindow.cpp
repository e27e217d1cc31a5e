#include "ui/mainwindow.h"

#include "core/accountjob.h"
#include "core/client.h"
#include "ui/snapshotquotawidget.h"

#include <QAction>
#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
enum Page { MessagePage = 0, AccountPage = 1 };
}

MainWindow::MainWindow(Orkestr::Client *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
{
    setWindowTitle(tr("Orkestr Desk"));
    buildUi();
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
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

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
    connect(m_retryButton, &QPushButton::clicked, this, &MainWindow::refreshAccount);
    messageLayout->addWidget(m_messageTitle);
    messageLayout->addWidget(m_messageText);
    messageLayout->addWidget(m_retryButton, 0, Qt::AlignHCenter);
    messageLayout->addStretch();
    m_pages->addWidget(messagePage);

    auto *accountPage = new QWidget(m_pages);
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
    m_pages->addWidget(accountPage);
    setCentralWidget(m_pages);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addWidget(m_connectionLabel, 1);
    m_quota = new SnapshotQuotaWidget(this);
    m_quota->setObjectName(u"snapshotQuota"_s);
    statusBar()->addPermanentWidget(m_quota);

    resize(960, 640);
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
    m_messageTitle->setText(tr("The local server could not start"));
    m_messageText->setText(message);
    m_retryButton->hide();
    m_pages->setCurrentIndex(MessagePage);
    m_connectionLabel->setText(tr("Not connected"));
    m_quota->clear();
}

void MainWindow::refreshAccount()
{
    if (m_accountJob)
        return; // one at a time
    m_accountJob = m_client->call<Orkestr::GetAccountJob>();
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
    m_limits->setText(tr("%1 vCPU, %2 MB memory, %3 running sandboxes, %4 s timeout per sandbox")
                          .arg(account.maxCpu)
                          .arg(account.maxMemoryMb)
                          .arg(account.maxRunningSandboxes)
                          .arg(account.maxTimeoutSeconds));
    m_usage->setText(tr("%1 running, %2 paused").arg(account.runningSandboxes).arg(account.pausedSandboxes));
    m_pages->setCurrentIndex(AccountPage);
    m_connectionLabel->setText(
        tr("Connected to %1 as %2").arg(m_client->baseUrl().toDisplayString(), account.name));
    m_quota->setAccount(account);
    m_refreshTimer.start();
    Q_EMIT accountChanged(account);
}

void MainWindow::applyError(const Orkestr::ApiError &error)
{
    m_connected = false;
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
