#pragma once

#include "core/account.h"

#include <QUrl>
#include <QWidget>

class QFormLayout;
class QGridLayout;
class QLabel;
class QProgressBar;

namespace OrkestrUi {

// The account at a glance: the plan, the limits against what is in use (drawn as bars), the
// token's prefix and scopes, and which server this is.
class AccountPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountPage(QWidget *parent = nullptr);

    void setAccount(const Orkestr::Account &account);
    // The server's address and the version it reports (empty when it reports none).
    void setServer(const QUrl &url, const QString &version);
    void clear();

    // What a bar shows, e.g. "3 of 20": for tests and accessibility.
    QString runningText() const;
    QString snapshotsText() const;
    QString scopesText() const;

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
