#include "session/activitystores.h"

#include "session/activitystore.h"

namespace OrkestrSession {

ActivityStores::ActivityStores(Orkestr::Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

ActivityStores::~ActivityStores() = default;

std::shared_ptr<ActivityStore> ActivityStores::find(const QString &sandboxId) const
{
    return m_stores.value(sandboxId).lock();
}

std::shared_ptr<ActivityStore> ActivityStores::store(const QString &sandboxId)
{
    if (auto existing = find(sandboxId))
        return existing;
    m_stores.removeIf([](const auto &entry) { return entry.value().expired(); });
    auto *store = new ActivityStore(m_client, sandboxId, this);
    // The last holder may let go inside one of the store's own signals: delete it from the event
    // loop. A store still alive when the registry goes is deleted with it (its child).
    std::shared_ptr<ActivityStore> shared(store, [guard = QPointer<ActivityStore>(store)](ActivityStore *) {
        if (guard)
            guard->deleteLater();
    });
    m_stores.insert(sandboxId, shared);
    store->setOwnTokenPrefix(m_ownTokenPrefix);
    store->start();
    return shared;
}

int ActivityStores::count() const
{
    int alive = 0;
    for (const auto &store : m_stores)
        alive += store.expired() ? 0 : 1;
    return alive;
}

void ActivityStores::setOwnTokenPrefix(const QString &prefix)
{
    m_ownTokenPrefix = prefix;
    for (const auto &entry : std::as_const(m_stores)) {
        if (const auto store = entry.lock())
            store->setOwnTokenPrefix(prefix);
    }
}

void ActivityStores::reset()
{
    m_stores.clear();
}

} // namespace OrkestrSession
