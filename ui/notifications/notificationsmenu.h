#pragma once

#include "session/notificationpolicy.h"

#include <QHash>
#include <QMenu>

namespace OrkestrUi {

// View › Notifications: one checkable entry per kind of notification, kept in the settings
// (NotificationPolicy::settingsKey) and applied to the policy at once.
class NotificationsMenu : public QMenu
{
    Q_OBJECT
public:
    NotificationsMenu(OrkestrSession::NotificationPolicy *policy, QWidget *parent = nullptr);

    QAction *actionFor(OrkestrSession::Notification::Kind kind) const;
    static QString kindText(OrkestrSession::Notification::Kind kind);

private:
    OrkestrSession::NotificationPolicy *m_policy;
    QHash<int, QAction *> m_actions;
};

} // namespace OrkestrUi
