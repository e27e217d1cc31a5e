#include "ui/snapshotquotawidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace OrkestrUi {

SnapshotQuotaWidget::SnapshotQuotaWidget(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(80);
    m_bar->setMaximumHeight(10);
    m_label->setObjectName(QStringLiteral("snapshotQuotaLabel"));
    m_bar->setAccessibleName(tr("Snapshot quota"));
    clear();
}

void SnapshotQuotaWidget::setQuota(const Orkestr::Account::Snapshots &snapshots, const QString &plan)
{
    m_label->setText(tr("Snapshots %1 of %2 (%3)").arg(snapshots.used).arg(snapshots.cap).arg(plan));
    m_bar->setRange(0, std::max(1, snapshots.cap));
    m_bar->setValue(std::min(snapshots.used, snapshots.cap));
    m_bar->setVisible(true);
    const QString tip = snapshots.isFull()
        ? tr("Every snapshot slot is in use: resume or terminate a paused sandbox before pausing another.")
        : tr("Each paused sandbox keeps one snapshot; the %1 plan allows %2.").arg(plan).arg(snapshots.cap);
    setToolTip(tip);
}

void SnapshotQuotaWidget::clear()
{
    m_label->setText(tr("Snapshots: unknown"));
    m_bar->setVisible(false);
    setToolTip({});
}

QString SnapshotQuotaWidget::text() const
{
    return m_label->text();
}

} // namespace OrkestrUi
