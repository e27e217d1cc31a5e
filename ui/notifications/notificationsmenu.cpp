#include "ui/notifications/notificationsmenu.h"

#include "session/texttables.h"

#include <QSettings>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Kind = OrkestrSession::Notification::Kind;

NotificationsMenu::NotificationsMenu(OrkestrSession::NotificationPolicy *policy, QWidget *parent)
    : QMenu(tr("&Notifications"), parent)
    , m_policy(policy)
{
    setObjectName(u"notificationsMenu"_s);
    const QSettings settings;
    for (const Kind kind : {Kind::SandboxFailed, Kind::SandboxTimedOut, Kind::CommandFinished}) {
        auto *action = addAction(kindText(kind));
        action->setCheckable(true);
        const bool enabled
            = settings.value(OrkestrSession::NotificationPolicy::settingsKey(kind), true).toBool();
        action->setChecked(enabled);
        m_policy->setEnabled(kind, enabled);
        connect(action, &QAction::toggled, this, [this, kind](bool on) {
            m_policy->setEnabled(kind, on);
            QSettings().setValue(OrkestrSession::NotificationPolicy::settingsKey(kind), on);
        });
        m_actions.insert(int(kind), action);
    }
}

QAction *NotificationsMenu::actionFor(Kind kind) const
{
    return m_actions.value(int(kind));
}

QString NotificationsMenu::kindText(Kind kind)
{
    static constexpr std::pair<Kind, const char *> texts[] = {
        {Kind::SandboxFailed, QT_TR_NOOP("When a sandbox fails")},
        {Kind::SandboxTimedOut, QT_TR_NOOP("When a sandbox reaches its timeout")},
        {Kind::CommandFinished, QT_TR_NOOP("When a long command ends in a terminal out of view")},
    };
    return OrkestrSession::enumText<NotificationsMenu>(texts, kind);
}

} // namespace OrkestrUi
