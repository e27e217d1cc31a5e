#pragma once

#include "core/sandbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QString>

#include <optional>

namespace OrkestrSession {

// Something worth a desktop notification: it needs a person, and they may not be looking.
struct Notification
{
    enum class Kind {
        SandboxFailed, // a sandbox became failed
        SandboxTimedOut, // a sandbox was ended by its timeout
        CommandFinished, // a long command finished in a terminal that is not in view
    };
    Kind kind = Kind::SandboxFailed;
    QString title;
    QString text;
    QString sandboxId;
};

// Shows notifications: the desktop's in the app, a recorder in tests.
class Notifier
{
public:
    virtual ~Notifier();
    virtual void notify(const Notification &notification) = 0;
};

// Decides which changes deserve a notification, and which kinds the user switched off.
class NotificationPolicy
{
    Q_DECLARE_TR_FUNCTIONS(NotificationPolicy)
public:
    // Changes are notified only for sandboxes that were seen before, or that were created after
    // `since` (so connecting to an account with old failed sandboxes raises nothing).
    explicit NotificationPolicy(QDateTime since = QDateTime::currentDateTimeUtc());

    // After connecting to another server or account.
    void setSince(const QDateTime &since) { m_since = since; }
    void setEnabled(Notification::Kind kind, bool enabled);
    bool isEnabled(Notification::Kind kind) const { return !m_disabled.contains(kind); }
    // Commands shorter than this are not "long" (default 10 s).
    void setLongCommandMs(qint64 ms) { m_longCommandMs = ms; }

    // `before` is the status the sandbox had when last seen; none when it is seen for the first time.
    std::optional<Notification> forChange(std::optional<Orkestr::Sandbox::Status> before,
                                          const Orkestr::Sandbox &after) const;
    std::optional<Notification> forCommand(const QString &sandboxId, const QString &command, int exitCode,
                                           qint64 durationMs, bool inView) const;

    // Settings keys, one per kind.
    static QString settingsKey(Notification::Kind kind);

private:
    QDateTime m_since;
    QSet<Notification::Kind> m_disabled;
    qint64 m_longCommandMs = 10000;
};

} // namespace OrkestrSession
