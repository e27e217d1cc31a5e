#include "ui/notifications/desktopnotifier.h"

#include <KNotification>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {

QString eventId(OrkestrSession::Notification::Kind kind)
{
    switch (kind) {
    case OrkestrSession::Notification::Kind::SandboxFailed:
        return u"sandboxFailed"_s;
    case OrkestrSession::Notification::Kind::SandboxTimedOut:
        return u"sandboxTimedOut"_s;
    case OrkestrSession::Notification::Kind::CommandFinished:
        return u"commandFinished"_s;
    }
    return {};
}

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
}

void DesktopNotifier::notify(const OrkestrSession::Notification &notification)
{
    // KNotification deletes itself once closed; one still open when the window goes (no
    // notification service answered, as in a test) goes with the notifier.
    auto *desktop = new KNotification(eventId(notification.kind), KNotification::CloseOnTimeout, this);
    desktop->setTitle(notification.title);
    desktop->setText(notification.text);
    desktop->setIconName(u"eu.orkestr.Desk"_s);
    const QString sandboxId = notification.sandboxId;
    auto *show = desktop->addDefaultAction(tr("Show"));
    connect(show, &KNotificationAction::activated, this,
            [this, sandboxId] { Q_EMIT sandboxActivated(sandboxId); });
    desktop->sendEvent();
}

} // namespace OrkestrUi
