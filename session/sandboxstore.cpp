#include "session/sandboxstore.h"

#include "core/catalogjobs.h"
#include "core/client.h"
#include "session/logging.h"
#include "session/sandboxpoller.h"

#include <QSet>

namespace OrkestrSession {

using Orkestr::Sandbox;

SandboxStore::SandboxStore(Orkestr::Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_poller(new SandboxPoller(client, this))
{
    connect(m_poller, &SandboxPoller::sandboxesChanged, this, &SandboxStore::setSandboxes);
    // A long list shows its first page (the newest sandboxes) while the rest is fetched.
    connect(m_poller, &SandboxPoller::firstPageReceived, this, &SandboxStore::mergeSandboxes);
}

SandboxStore::~SandboxStore() = default;

std::optional<Sandbox> SandboxStore::sandbox(const QString &id) const
{
    if (const auto it = m_sandboxes.constFind(id); it != m_sandboxes.cend())
        return *it;
    return std::nullopt;
}

const Sandbox *SandboxStore::find(const QString &id) const
{
    const auto it = m_sandboxes.constFind(id);
    return it == m_sandboxes.cend() ? nullptr : &*it;
}

void SandboxStore::setSandboxes(const QList<Sandbox> &sandboxes)
{
    apply(sandboxes, true);
}

void SandboxStore::mergeSandboxes(const QList<Sandbox> &sandboxes)
{
    apply(sandboxes, false);
}

void SandboxStore::updateSandbox(const Sandbox &sandbox)
{
    apply({sandbox}, false);
}

void SandboxStore::startUpdates()
{
    m_poller->start();
    m_client->call<Orkestr::GetRegionsJob>()->then(this, [this](Orkestr::GetRegionsJob *job) {
        QHash<QString, QString> locations;
        for (const auto &region : job->regions())
            locations.insert(region.name, region.location);
        if (locations == m_regionLocations)
            return;
        m_regionLocations = locations;
        Q_EMIT regionLocationsChanged();
    });
}

void SandboxStore::reset()
{
    m_poller->stop();
    m_poller->resetEtag();
    setSandboxes({});
}

void SandboxStore::apply(const QList<Sandbox> &sandboxes, bool complete)
{
    QStringList added;
    QStringList changed;
    qsizetype known = 0;
    for (const auto &sandbox : sandboxes) {
        auto it = m_sandboxes.find(sandbox.id);
        if (it == m_sandboxes.end()) {
            it = m_sandboxes.insert(sandbox.id, sandbox);
            countFacets(*it, 1);
            added.append(sandbox.id);
            continue;
        }
        ++known;
        if (*it == sandbox)
            continue; // the common case of a poll: nothing changed
        const bool sameFacets = it->region == sandbox.region && it->statusText == sandbox.statusText
            && it->templateName == sandbox.templateName;
        if (!sameFacets)
            countFacets(*it, -1);
        *it = sandbox;
        if (!sameFacets)
            countFacets(*it, 1);
        changed.append(sandbox.id);
    }
    QStringList removed;
    // When every sandbox known before is in the list (ids are unique in a list), nothing is gone,
    // and the set of ids below (10,000 strings hashed on every poll) is not needed.
    if (complete && known + added.size() != m_sandboxes.size()) {
        QSet<QString> seen;
        seen.reserve(sandboxes.size());
        for (const auto &sandbox : sandboxes)
            seen.insert(sandbox.id);
        for (auto it = m_sandboxes.begin(); it != m_sandboxes.end();) {
            if (seen.contains(it.key())) {
                ++it;
                continue;
            }
            countFacets(*it, -1);
            removed.append(it.key());
            it = m_sandboxes.erase(it);
        }
    }
    if (!added.isEmpty() || !changed.isEmpty() || !removed.isEmpty())
        qCDebug(lcSession) << "sandboxes: added" << added.size() << "changed" << changed.size() << "removed"
                           << removed.size();
    if (!removed.isEmpty())
        Q_EMIT sandboxesRemoved(removed);
    if (!changed.isEmpty())
        Q_EMIT sandboxesChanged(changed);
    if (!added.isEmpty())
        Q_EMIT sandboxesAdded(added);
}

void SandboxStore::countFacets(const Sandbox &sandbox, int delta)
{
    const auto add = [delta](QHash<QString, int> &counts, const QString &value) {
        if ((counts[value] += delta) <= 0)
            counts.remove(value);
    };
    add(m_facetCounts[int(Facet::Region)], sandbox.region);
    add(m_facetCounts[int(Facet::Status)], sandbox.statusText);
    add(m_facetCounts[int(Facet::Template)], sandbox.templateName);
    m_facetCountsChanged = true;
    if (!m_facetSignalPending) {
        // Once per burst of changes (a poll may change hundreds of sandboxes).
        m_facetSignalPending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_facetSignalPending = false;
                if (std::exchange(m_facetCountsChanged, false))
                    Q_EMIT facetCountsChanged();
            },
            Qt::QueuedConnection);
    }
}

} // namespace OrkestrSession
