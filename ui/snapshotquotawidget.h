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
    void setAccount(const Orkestr::Account &account);
    void clear();
    QString text() const;

private:
    QLabel *m_label;
    QProgressBar *m_bar;
};

} // namespace OrkestrUi
