#pragma once

#include "core/account.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace OrkestrUi {

// "Snapshots 2 of 3 (pro)" with a small bar; always visible in the status bar.
class SnapshotQuotaWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SnapshotQuotaWidget(QWidget *parent = nullptr);
    // The account's snapshot quota, and the plan that sets it.
    void setQuota(const Orkestr::Account::Snapshots &snapshots, const QString &plan);
    void clear();
    QString text() const;

private:
    QLabel *m_label;
    QProgressBar *m_bar;
};

} // namespace OrkestrUi
