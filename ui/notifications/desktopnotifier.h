#pragma once

#include "session/notificationpolicy.h"

#include <QObject>

namespace OrkestrUi {

// Notifications through the desktop's notification service (KF6 Notifications: the freedesktop
// service on Linux desktops, with the events named in orkestr-desk.notifyrc). Clicking one
// asks the window to show the sandbox.
class DesktopNotifier : public QObject, public OrkestrSession::Notifier
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    void notify(const OrkestrSession::Notification &notification) override;

Q_SIGNALS:
    void sandboxActivated(const QString &sandboxId);
};

} // namespace OrkestrUi
