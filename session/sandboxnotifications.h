#pragma once

#include "session/notificationpolicy.h"

#include <QHash>
#include <QObject>

namespace OrkestrSession {

class SandboxStore;

// Watches the store and raises a notification when a sandbox fails or is ended by its timeout.
// It remembers only each sandbox's last status, so the decision needs no copy of the store.
class SandboxNotifications : public QObject
{
    Q_OBJECT
public:
    SandboxNotifications(SandboxStore *store, Notifier *notifier, QObject *parent = nullptr);

    NotificationPolicy &policy() { return m_policy; }
    // Where notifications go (not owned; the desktop's in the app, a recorder in tests).
    void setNotifier(Notifier *notifier) { m_notifier = notifier; }
    Notifier *notifier() const { return m_notifier; }
    // A command ended in a terminal: notified when it was long and its terminal out of view.
    void commandFinished(const QString &sandboxId, const QString &command, int exitCode, qint64 durationMs,
                         bool inView);
    // Another server or account: sandboxes seen from now on are new.
    void reset();

private:
    void onAddedOrChanged(const QStringList &ids);

    SandboxStore *m_store;
    Notifier *m_notifier;
    NotificationPolicy m_policy;
    QHash<QString, Orkestr::Sandbox::Status> m_statuses;
};

} // namespace OrkestrSession
