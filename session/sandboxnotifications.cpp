#include "session/sandboxnotifications.h"

#include "session/sandboxstore.h"

namespace OrkestrSession {

SandboxNotifications::SandboxNotifications(SandboxStore *store, Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_notifier(notifier)
{
    connect(store, &SandboxStore::sandboxesAdded, this, &SandboxNotifications::onAddedOrChanged);
    connect(store, &SandboxStore::sandboxesChanged, this, &SandboxNotifications::onAddedOrChanged);
    connect(store, &SandboxStore::sandboxesRemoved, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            m_statuses.remove(id);
    });
}

void SandboxNotifications::reset()
{
    m_statuses.clear();
    m_policy.setSince(QDateTime::currentDateTimeUtc());
}

void SandboxNotifications::onAddedOrChanged(const QStringList &ids)
{
    for (const QString &id : ids) {
        const Orkestr::Sandbox *sandbox = m_store->find(id);
        if (!sandbox)
            continue;
        const auto known = m_statuses.constFind(id);
        const std::optional<Orkestr::Sandbox::Status> before
            = known == m_statuses.cend() ? std::nullopt : std::optional(*known);
        m_statuses.insert(id, sandbox->status);
        if (const auto notification = m_policy.forChange(before, *sandbox); notification && m_notifier)
            m_notifier->notify(*notification);
    }
}

void SandboxNotifications::commandFinished(const QString &sandboxId, const QString &command, int exitCode,
                                           qint64 durationMs, bool inView)
{
    if (const auto notification = m_policy.forCommand(sandboxId, command, exitCode, durationMs, inView);
        notification && m_notifier)
        m_notifier->notify(*notification);
}

} // namespace OrkestrSession
