#include "ui/sandboxes/sandboxdetails.h"

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

SandboxDetails::SandboxDetails(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_metadata(new QTableWidget(0, 2, this))
    , m_copyId(new QPushButton(tr("Copy id"), this))
    , m_empty(new QLabel(tr("Select a sandbox to see its details."), this))
    , m_content(new QWidget(this))
{
    m_copyId->setObjectName(u"copyIdButton"_s);
    connect(m_copyId, &QPushButton::clicked, this, [this] {
        if (m_sandbox)
            QGuiApplication::clipboard()->setText(m_sandbox->id);
    });
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    addField(u"id"_s, tr("Id:"));
    addField(u"status"_s, tr("Status:"));
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
    addField(u"snapshot"_s, tr("Snapshot:"));
    addField(u"env_keys"_s, tr("Environment:"));

    m_metadata->setHorizontalHeaderLabels({tr("Metadata key"), tr("Value")});
    m_metadata->horizontalHeader()->setStretchLastSection(true);
    m_metadata->verticalHeader()->hide();
    m_metadata->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_metadata->setObjectName(u"metadataTable"_s);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(m_form);
    contentLayout->addWidget(m_copyId, 0, Qt::AlignLeft);
    contentLayout->addWidget(m_metadata, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_content);
    setSandbox(std::nullopt);
}

QLabel *SandboxDetails::addField(const QString &field, const QString &label)
{
    auto *value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    value->setObjectName(u"field_"_s + field);
    m_form->addRow(label, value);
    m_fields.insert(field, value);
    return value;
}

QString SandboxDetails::fieldText(const QString &field) const
{
    const auto *label = m_fields.value(field);
    return label ? label->text() : QString();
}

void SandboxDetails::setSandbox(const std::optional<Sandbox> &sandbox)
{
    m_sandbox = sandbox;
    m_empty->setVisible(!sandbox);
    m_content->setVisible(sandbox.has_value());
    if (!sandbox)
        return;
    const Sandbox &s = *sandbox;
    const QLocale locale;
    auto when = [&](const QDateTime &time) {
        return time.isValid() ? locale.toString(time.toLocalTime(), QLocale::ShortFormat) : tr("—");
    };
    m_fields[u"id"_s]->setText(s.id);
    m_fields[u"status"_s]->setText(
        s.status == Sandbox::Status::Unknown ? s.statusText : SandboxTreeModel::statusLabel(s.status));
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

    m_metadata->setRowCount(int(s.metadata.size()));
    int row = 0;
    for (auto it = s.metadata.cbegin(); it != s.metadata.cend(); ++it, ++row) {
        m_metadata->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_metadata->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
}

} // namespace OrkestrUi
