#include "session/notificationpolicy.h"

namespace OrkestrSession {

using namespace Qt::StringLiterals;

Notifier::~Notifier() = default;

NotificationPolicy::NotificationPolicy(QDateTime since)
    : m_since(std::move(since))
{
}

void NotificationPolicy::setEnabled(Notification::Kind kind, bool enabled)
{
    if (enabled)
        m_disabled.remove(kind);
    else
        m_disabled.insert(kind);
}

QString NotificationPolicy::settingsKey(Notification::Kind kind)
{
    switch (kind) {
    case Notification::Kind::SandboxFailed:
        return u"notifications/sandboxFailed"_s;
    case Notification::Kind::SandboxTimedOut:
        return u"notifications/sandboxTimedOut"_s;
    case Notification::Kind::CommandFinished:
        return u"notifications/commandFinished"_s;
    }
    return {};
}

std::optional<Notification> NotificationPolicy::forChange(std::optional<Orkestr::Sandbox::Status> before,
                                                          const Orkestr::Sandbox &after) const
{
    using Status = Orkestr::Sandbox::Status;
    if (!before && !(after.createdAt.isValid() && after.createdAt > m_since))
        return std::nullopt;
    if (before == after.status)
        return std::nullopt;
    const QString name = after.metadata.isEmpty()
        ? after.id
        : tr("%1 (%2)").arg(after.id, after.metadata.firstKey() + u'=' + after.metadata.first());
    if (after.status == Status::Failed && isEnabled(Notification::Kind::SandboxFailed))
        return Notification {Notification::Kind::SandboxFailed, tr("Sandbox failed"),
                             tr("%1 failed.").arg(name), after.id};
    if (after.status == Status::Terminated && after.terminationReason == u"timeout"_s
        && isEnabled(Notification::Kind::SandboxTimedOut))
        return Notification {
            Notification::Kind::SandboxTimedOut, tr("Sandbox timed out"),
            tr("%1 reached its timeout of %2 s and was terminated.").arg(name).arg(after.timeoutSeconds),
            after.id};
    return std::nullopt;
}

std::optional<Notification> NotificationPolicy::forCommand(const QString &sandboxId, const QString &command,
                                                           int exitCode, qint64 durationMs, bool inView) const
{
    if (inView || durationMs < m_longCommandMs || !isEnabled(Notification::Kind::CommandFinished))
        return std::nullopt;
    const QString shown = command.size() > 60 ? command.left(59) + u'…' : command;
    const qint64 seconds = durationMs / 1000;
    return Notification {
        Notification::Kind::CommandFinished, exitCode == 0 ? tr("Command finished") : tr("Command failed"),
        tr("%1 in %2 exited with %3 after %4 s.").arg(shown, sandboxId).arg(exitCode).arg(seconds),
        sandboxId};
}

} // namespace OrkestrSession
