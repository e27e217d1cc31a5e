#include "ui/sandboxes/sandboxdetails.h"

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

SandboxDetails::SandboxDetails(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_title(new QLabel(this))
    , m_empty(new QLabel(tr("Select a sandbox to see its details."), this))
    , m_content(new QWidget(this))
{
    setObjectName(u"sandboxOverview"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"overviewTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *actions = new QHBoxLayout;
    m_actionButtons.insert(
        int(Action::Pause),
        addButton(tr("Pause"), u"overviewPause"_s, tr("Snapshot the sandbox and stop its compute meter")));
    m_actionButtons.insert(int(Action::Resume),
                           addButton(tr("Resume"), u"overviewResume"_s, tr("Resume from the snapshot")));
    m_actionButtons.insert(
        int(Action::Terminate),
        addButton(tr("Terminate"), u"overviewTerminate"_s, tr("End the sandbox for good")));
    m_openTerminal = addButton(tr("Open terminal"), u"overviewTerminal"_s, tr("Run commands in the sandbox"));
    m_copyId = addButton(tr("Copy id"), u"copyIdButton"_s, tr("Copy the sandbox id to the clipboard"));
    for (const Action action : {Action::Pause, Action::Resume, Action::Terminate}) {
        auto *button = m_actionButtons.value(int(action));
        connect(button, &QPushButton::clicked, this, [this, action] { Q_EMIT actionRequested(action); });
        actions->addWidget(button);
    }
    connect(m_openTerminal, &QPushButton::clicked, this, &SandboxDetails::terminalRequested);
    connect(m_copyId, &QPushButton::clicked, this, [this] {
        if (m_sandbox)
            QGuiApplication::clipboard()->setText(m_sandbox->id);
    });
    actions->addWidget(m_openTerminal);
    actions->addWidget(m_copyId);
    actions->addStretch();

    addField(u"status"_s, tr("Status:"));
    addField(u"time_left"_s, tr("Time left:"));
    addField(u"id"_s, tr("Id:"));
    addField(u"template"_s, tr("Template:"));
    addField(u"region"_s, tr("Region:"));
    addField(u"cpu"_s, tr("CPU:"));
    addField(u"memory_mb"_s, tr("Memory:"));
    addField(u"network"_s, tr("Network:"));
    addField(u"timeout_seconds"_s, tr("Timeout:"));
    addField(u"created_at"_s, tr("Created:"));
    addField(u"expires_at"_s, tr("Expires:"));
    addField(u"paused_at"_s, tr("Paused:"));
    addField(u"terminated_at"_s, tr("Terminated:"));
    addField(u"termination_reason"_s, tr("Reason:"));
    addField(u"ended_by"_s, tr("Ended by:"))->setText(tr("—"));
    addField(u"snapshot"_s, tr("Snapshot:"));
    addField(u"env_keys"_s, tr("Environment:"));
    addField(u"metadata"_s, tr("Metadata:"));
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->addWidget(m_title);
    contentLayout->addLayout(actions);
    contentLayout->addLayout(m_form);
    contentLayout->addStretch();
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addWidget(m_scroll);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SandboxDetails::updateTimeLeft);
    setSandbox(std::nullopt);
}

QPushButton *SandboxDetails::addButton(const QString &text, const QString &name, const QString &tip)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setToolTip(tip);
    return button;
}

QLabel *SandboxDetails::addField(const QString &field, const QString &label)
{
    auto *value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    value->setObjectName(u"field_"_s + field);
    // A screen reader reads the field's name with its value.
    value->setAccessibleName(QString(label).remove(u':'));
    m_form->addRow(label, value);
    m_fields.insert(field, value);
    return value;
}

QString SandboxDetails::fieldText(const QString &field) const
{
    const auto *label = m_fields.value(field);
    return label ? label->text() : QString();
}

QPushButton *SandboxDetails::actionButton(Action action) const
{
    return m_actionButtons.value(int(action));
}

void SandboxDetails::setActionEnabled(Action action, bool enabled)
{
    if (auto *button = actionButton(action))
        button->setEnabled(enabled);
}

void SandboxDetails::setTerminalEnabled(bool enabled)
{
    m_openTerminal->setEnabled(enabled);
}

void SandboxDetails::setEnding(const QString &text)
{
    m_fields[u"ended_by"_s]->setText(text.isEmpty() ? tr("—") : text);
}

void SandboxDetails::updateTimeLeft()
{
    if (!m_sandbox)
        return;
    const Sandbox &s = *m_sandbox;
    QString text;
    if (s.status == Sandbox::Status::Paused)
        text = tr("paused (the countdown stops)");
    else if (s.isFinal() || !s.expiresAt.isValid())
        text = tr("—");
    else
        text = SandboxTreeModel::formatTimeLeft(
            std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(s.expiresAt)));
    m_fields[u"time_left"_s]->setText(text);
}

void SandboxDetails::setSandbox(const std::optional<Sandbox> &sandbox)
{
    m_sandbox = sandbox;
    m_empty->setVisible(!sandbox);
    m_scroll->setVisible(sandbox.has_value());
    if (!sandbox) {
        m_countdown.stop();
        return;
    }
    const Sandbox &s = *sandbox;
    const QLocale locale;
    auto when = [&](const QDateTime &time) {
        return time.isValid() ? locale.toString(time.toLocalTime(), QLocale::ShortFormat) : tr("—");
    };
    const QString status
        = s.status == Sandbox::Status::Unknown ? s.statusText : SandboxTreeModel::statusLabel(s.status);
    m_title->setText(tr("%1 — %2").arg(s.id, status));
    m_fields[u"id"_s]->setText(s.id);
    m_fields[u"status"_s]->setText(status);
    m_fields[u"template"_s]->setText(s.templateName);
    m_fields[u"region"_s]->setText(s.region);
    m_fields[u"cpu"_s]->setText(tr("%1 vCPU").arg(locale.toString(s.cpu, 'g', 3)));
    m_fields[u"memory_mb"_s]->setText(tr("%1 MB").arg(s.memoryMb));
    m_fields[u"network"_s]->setText(s.network);
    m_fields[u"timeout_seconds"_s]->setText(tr("%1 s").arg(s.timeoutSeconds));
    m_fields[u"created_at"_s]->setText(when(s.createdAt));
    m_fields[u"expires_at"_s]->setText(s.status == Sandbox::Status::Paused ? tr("not while paused")
                                                                           : when(s.expiresAt));
    m_fields[u"paused_at"_s]->setText(when(s.pausedAt));
    m_fields[u"terminated_at"_s]->setText(when(s.terminatedAt));
    m_fields[u"termination_reason"_s]->setText(s.terminationReason.isEmpty() ? tr("—") : s.terminationReason);
    if (s.snapshot) {
        const qint64 ageSeconds = s.snapshot->createdAt.secsTo(QDateTime::currentDateTimeUtc());
        m_fields[u"snapshot"_s]->setText(
            tr("%1, taken %2 ago")
                .arg(locale.formattedDataSize(s.snapshot->sizeBytes),
                     SandboxTreeModel::formatTimeLeft(std::max<qint64>(1, ageSeconds))));
    } else {
        m_fields[u"snapshot"_s]->setText(tr("none"));
    }
    // Env values are secrets: the API never returns them, and only the names are shown.
    m_fields[u"env_keys"_s]->setText(s.envKeys.isEmpty() ? tr("none") : s.envKeys.join(u", "_s));
    QStringList metadata;
    for (auto it = s.metadata.cbegin(); it != s.metadata.cend(); ++it)
        metadata.append(it.key() + u" = "_s + it.value());
    m_fields[u"metadata"_s]->setText(metadata.isEmpty() ? tr("none") : metadata.join(u'\n'));
    updateTimeLeft();
    m_countdown.start();
}

} // namespace OrkestrUi
