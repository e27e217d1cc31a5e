#pragma once

#include "core/account.h"

#include <QLabel>
#include <QProgressBar>
#include <QUrl>
#include <QWidget>

class QGridLayout;

namespace OrkestrUi {

// The account at a glance: the plan, the limits against what is in use (drawn as bars), the
// token's prefix and scopes, and which server this is.
class AccountPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountPage(QWidget *parent = nullptr);

    // The account, and the server that reports it: its address and the version it reports (empty
    // when it reports none).
    void setAccount(const Orkestr::Account &account, const QUrl &server, const QString &serverVersion);
    void clear();

    // What a bar shows, e.g. "3 of 20": for tests and accessibility.
    QString runningText() const { return m_running->format(); }
    QString snapshotsText() const { return m_snapshots->format(); }
    QString scopesText() const { return m_scopes->text(); }

private:
    QProgressBar *addBar(QGridLayout *grid, int row, const QString &label, const QString &name);
    static void setBar(QProgressBar *bar, int value, int maximum, const QString &text);

    QLabel *m_name;
    QLabel *m_plan;
    QProgressBar *m_running;
    QProgressBar *m_snapshots;
    QLabel *m_paused;
    QLabel *m_cpuCap;
    QLabel *m_memoryCap;
    QLabel *m_timeoutCap;
    QLabel *m_tokenPrefix;
    QLabel *m_scopes;
    QLabel *m_access;
    QLabel *m_serverUrl;
    QLabel *m_serverVersion;
};

} // namespace OrkestrUi
