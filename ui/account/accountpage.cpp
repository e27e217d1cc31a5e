#include "ui/account/accountpage.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString durationText(int seconds)
{
    if (seconds >= 3600 && seconds % 3600 == 0)
        return AccountPage::tr("%n hour(s)", nullptr, seconds / 3600);
    if (seconds >= 60 && seconds % 60 == 0)
        return AccountPage::tr("%n minute(s)", nullptr, seconds / 60);
    return AccountPage::tr("%n second(s)", nullptr, seconds);
}

} // namespace

AccountPage::AccountPage(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(16);

    auto *header = new QHBoxLayout;
    m_name = valueLabel(this, u"accountName"_s);
    QFont titleFont = m_name->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_name->setFont(titleFont);
    m_plan = valueLabel(this, u"accountPlan"_s);
    m_plan->setAccessibleName(tr("Plan"));
    m_plan->setMargin(4);
    m_plan->setFrameShape(QFrame::StyledPanel);
    header->addWidget(m_name);
    header->addWidget(m_plan);
    header->addStretch();
    layout->addLayout(header);

    auto *usageBox = new QGroupBox(tr("Limits and usage"), this);
    auto *grid = new QGridLayout(usageBox);
    grid->setColumnStretch(1, 1);
    m_running = addBar(grid, 0, tr("Running sandboxes"), u"runningBar"_s);
    m_snapshots = addBar(grid, 1, tr("Snapshots"), u"snapshotsBar"_s);
    m_paused = valueLabel(usageBox, u"pausedSandboxes"_s);
    grid->addWidget(m_paused, 2, 1);
    layout->addWidget(usageBox);

    auto *capsBox = new QGroupBox(tr("Largest sandbox this plan allows"), this);
    auto *caps = new QFormLayout(capsBox);
    m_cpuCap = valueLabel(capsBox, u"cpuCap"_s);
    m_memoryCap = valueLabel(capsBox, u"memoryCap"_s);
    m_timeoutCap = valueLabel(capsBox, u"timeoutCap"_s);
    caps->addRow(tr("CPU:"), m_cpuCap);
    caps->addRow(tr("Memory:"), m_memoryCap);
    caps->addRow(tr("Lifetime:"), m_timeoutCap);
    layout->addWidget(capsBox);

    auto *tokenBox = new QGroupBox(tr("API token"), this);
    auto *token = new QFormLayout(tokenBox);
    m_tokenPrefix = valueLabel(tokenBox, u"tokenPrefix"_s);
    m_tokenPrefix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_scopes = valueLabel(tokenBox, u"tokenScopes"_s);
    m_access = valueLabel(tokenBox, u"tokenAccess"_s);
    m_access->setWordWrap(true);
    token->addRow(tr("Prefix:"), m_tokenPrefix);
    token->addRow(tr("Scopes:"), m_scopes);
    token->addRow(QString(), m_access);
    layout->addWidget(tokenBox);

    auto *serverBox = new QGroupBox(tr("Server"), this);
    auto *server = new QFormLayout(serverBox);
    m_serverUrl = valueLabel(serverBox, u"serverUrl"_s);
    m_serverVersion = valueLabel(serverBox, u"serverVersion"_s);
    server->addRow(tr("Address:"), m_serverUrl);
    server->addRow(tr("Version:"), m_serverVersion);
    layout->addWidget(serverBox);

    layout->addStretch();
    for (auto *form : {caps, token, server}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            auto *labelItem = form->itemAt(row, QFormLayout::LabelRole);
            auto *fieldItem = form->itemAt(row, QFormLayout::FieldRole);
            auto *label = labelItem ? qobject_cast<QLabel *>(labelItem->widget()) : nullptr;
            if (label && fieldItem && fieldItem->widget()) {
                label->setBuddy(fieldItem->widget());
                fieldItem->widget()->setAccessibleName(label->text().chopped(1));
            }
        }
    }
    clear();
}

QProgressBar *AccountPage::addBar(QGridLayout *grid, int row, const QString &label, const QString &name)
{
    auto *caption = new QLabel(label, grid->parentWidget());
    auto *bar = new QProgressBar(grid->parentWidget());
    bar->setObjectName(name);
    bar->setAccessibleName(label);
    bar->setMinimumWidth(240);
    caption->setBuddy(bar);
    grid->addWidget(caption, row, 0);
    grid->addWidget(bar, row, 1);
    return bar;
}

void AccountPage::setBar(QProgressBar *bar, int value, int maximum, const QString &text)
{
    bar->setRange(0, std::max(1, maximum));
    bar->setValue(std::clamp(value, 0, std::max(1, maximum)));
    bar->setFormat(text);
    bar->setAccessibleDescription(text);
    bar->setToolTip(text);
}

void AccountPage::setAccount(const Orkestr::Account &account, const QUrl &server,
                             const QString &serverVersion)
{
    const QLocale locale;
    m_name->setText(account.name.isEmpty() ? account.accountId : u"%1"_s.arg(account.name));
    m_name->setToolTip(account.accountId);
    m_plan->setText(tr("%1 plan").arg(account.plan));
    m_plan->setVisible(true);
    setBar(m_running, account.usage.running, account.limits.maxRunningSandboxes,
           tr("%1 of %2 running").arg(account.usage.running).arg(account.limits.maxRunningSandboxes));
    setBar(m_snapshots, account.snapshots.used, account.snapshots.cap,
           account.snapshots.isFull()
               ? tr("%1 of %2 in use: full").arg(account.snapshots.used).arg(account.snapshots.cap)
               : tr("%1 of %2 in use").arg(account.snapshots.used).arg(account.snapshots.cap));
    // A full quota is what stops the next pause: draw it in the warning colour.
    QPalette palette = m_snapshots->palette();
    palette.setColor(QPalette::Highlight,
                     account.snapshots.isFull() ? QColor(0xd9, 0x7a, 0x00)
                                                : this->palette().color(QPalette::Highlight));
    m_snapshots->setPalette(palette);
    m_paused->setText(tr("%n paused sandbox(es), each keeping one snapshot", nullptr, account.usage.paused));
    m_cpuCap->setText(tr("%1 cores").arg(locale.toString(account.limits.maxCpu, 'g', 3)));
    m_memoryCap->setText(locale.formattedDataSize(qint64(account.limits.maxMemoryMb) * 1024 * 1024, 1,
                                                  QLocale::DataSizeTraditionalFormat));
    m_timeoutCap->setText(durationText(account.limits.maxTimeoutSeconds));
    m_tokenPrefix->setText(account.token.prefix + u"…"_s);
    m_scopes->setText(account.token.scopes.join(u", "_s));
    m_access->setText(
        account.canWrite()
            ? tr("This token may create, change and terminate sandboxes.")
            : tr("Read-only: this token lacks sandboxes:write, so the dashboard only inspects."));
    m_serverUrl->setText(server.toDisplayString());
    m_serverVersion->setText(serverVersion.isEmpty() ? tr("not reported") : serverVersion);
}

void AccountPage::clear()
{
    m_name->setText(tr("Not connected"));
    m_name->setToolTip({});
    m_plan->setVisible(false);
    setBar(m_running, 0, 1, tr("unknown"));
    setBar(m_snapshots, 0, 1, tr("unknown"));
    for (auto *label : {m_paused, m_cpuCap, m_memoryCap, m_timeoutCap, m_tokenPrefix, m_scopes, m_access,
                        m_serverUrl, m_serverVersion})
        label->clear();
}

} // namespace OrkestrUi
