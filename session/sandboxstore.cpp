#include "session/sandboxstore.h"

#include "core/catalogjobs.h"
#include "core/client.h"
#include "core/sandboxwatchjob.h"
#include "session/logging.h"
#include "session/sandboxpoller.h"

namespace OrkestrSession {

using Orkestr::Sandbox;

SandboxStore::SandboxStore(Orkestr::Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_poller(new SandboxPoller(client, this))
{
    // A long list shows its first page (the newest sandboxes) while the rest is fetched, and each
    // page is stored as it comes: the whole listing is never held twice.
    connect(m_poller, &SandboxPoller::listingStarted, this, &SandboxStore::beginListing);
    connect(m_poller, &SandboxPoller::listingPage, this, &SandboxStore::mergeListingPage);
    connect(m_poller, &SandboxPoller::listingFinished, this, &SandboxStore::endListing);
    connect(m_poller, &SandboxPoller::changesReceived, this, &SandboxStore::applyChanges);
}

SandboxStore::~SandboxStore()
{
    qDeleteAll(m_sandboxes);
}

std::optional<Sandbox> SandboxStore::sandbox(const QString &id) const
{
    if (const Sandbox *found = find(id))
        return *found;
    return std::nullopt;
}

const Sandbox *SandboxStore::find(const QString &id) const
{
    return m_sandboxes.value(id);
}

QList<Sandbox> SandboxStore::sandboxes() const
{
    QList<Sandbox> list;
    list.reserve(m_sandboxes.size());
    for (const auto *sandbox : m_sandboxes)
        list.append(*sandbox);
    return list;
}

void SandboxStore::setSandboxes(const QList<Sandbox> &sandboxes)
{
    apply(sandboxes, true);
}

void SandboxStore::mergeSandboxes(const QList<Sandbox> &sandboxes)
{
    apply(sandboxes, false);
}

void SandboxStore::beginListing()
{
    m_listed = QSet<QString>();
    m_listingReplaces = !m_sandboxes.isEmpty();
}

void SandboxStore::mergeListingPage(const QList<Sandbox> &page)
{
    if (m_listingReplaces) {
        for (const auto &sandbox : page)
            m_listed.insert(sandbox.id);
    }
    apply(page, false);
}

void SandboxStore::endListing()
{
    if (std::exchange(m_listingReplaces, false) && m_listed.size() != m_sandboxes.size())
        announce(removeAllBut(m_listed), {}, {});
    // Assigning a new set frees the old one's buckets (clearing would keep them).
    m_listed = QSet<QString>();
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

SandboxStore::Stored SandboxStore::store(const Sandbox &sandbox)
{
    auto it = m_sandboxes.find(sandbox.id);
    if (it == m_sandboxes.end()) {
        auto *added = new Sandbox(sandbox);
        added->shareStrings(m_strings);
        m_sandboxes.insert(added->id, added);
        countFacets(*added, 1);
        return Stored::Added;
    }
    Sandbox &stored = **it;
    // The newest wins: a copy older than the stored one (a listing page made before a change the
    // watch delivered) changes nothing. Without versions (an older server) the last one wins.
    if (sandbox.version > 0 && stored.version > sandbox.version)
        return Stored::Unchanged;
    if (stored == sandbox)
        return Stored::Unchanged; // the common case of a poll: nothing changed
    const bool sameFacets = stored.region == sandbox.region && stored.statusText == sandbox.statusText
        && stored.templateName == sandbox.templateName;
    if (!sameFacets)
        countFacets(stored, -1);
    stored = sandbox;
    stored.shareStrings(m_strings);
    if (!sameFacets)
        countFacets(stored, 1);
    return Stored::Changed;
}

SandboxStore::Sandboxes::iterator SandboxStore::remove(Sandboxes::iterator it)
{
    countFacets(**it, -1);
    // The key shares the sandbox's id: it goes first.
    const Sandbox *gone = *it;
    it = m_sandboxes.erase(it);
    delete gone;
    return it;
}

void SandboxStore::apply(const QList<Sandbox> &sandboxes, bool complete)
{
    QStringList added;
    QStringList changed;
    for (const auto &sandbox : sandboxes) {
        switch (store(sandbox)) {
        case Stored::Added:
            added.append(sandbox.id);
            break;
        case Stored::Changed:
            changed.append(sandbox.id);
            break;
        case Stored::Unchanged:
            break;
        }
    }
    QStringList removed;
    // When every sandbox known before is in the list (ids are unique in a list), nothing is gone,
    // and the set of ids below (10,000 strings hashed on every poll) is not needed.
    if (complete && sandboxes.size() != m_sandboxes.size()) {
        QSet<QString> seen;
        seen.reserve(sandboxes.size());
        for (const auto &sandbox : sandboxes)
            seen.insert(sandbox.id);
        removed = removeAllBut(seen);
    }
    announce(removed, changed, added);
}

QStringList SandboxStore::removeAllBut(const QSet<QString> &kept)
{
    QStringList removed;
    for (auto it = m_sandboxes.begin(); it != m_sandboxes.end();) {
        if (kept.contains(it.key())) {
            ++it;
            continue;
        }
        removed.append(it.key());
        it = remove(it);
    }
    return removed;
}

void SandboxStore::applyChanges(const QList<Orkestr::SandboxChange> &changes)
{
    // A sandbox may change several times in one batch, or come and go: each id that really
    // changed is announced once, in the one list that describes it after the batch.
    QHash<QString, bool> knownBefore;
    QStringList touched;
    for (const auto &change : changes) {
        if (change.kind == Orkestr::SandboxChange::Kind::Reset)
            continue;
        const auto it = m_sandboxes.find(change.id);
        if (!knownBefore.contains(change.id))
            knownBefore.insert(change.id, it != m_sandboxes.end());
        if (change.kind == Orkestr::SandboxChange::Kind::Removed) {
            if (it != m_sandboxes.end() && (*it)->version <= change.version) {
                remove(it);
                touched.append(change.id);
            }
        } else if (store(change.sandbox) != Stored::Unchanged) {
            touched.append(change.id);
        }
    }
    QStringList added;
    QStringList changed;
    QStringList removed;
    QSet<QString> announced;
    for (const auto &id : std::as_const(touched)) {
        if (announced.contains(id))
            continue;
        announced.insert(id);
        const bool known = m_sandboxes.contains(id);
        const bool before = knownBefore.value(id);
        if (known && before)
            changed.append(id);
        else if (known)
            added.append(id);
        else if (before)
            removed.append(id);
    }
    announce(removed, changed, added);
}

void SandboxStore::announce(const QStringList &removed, const QStringList &changed, const QStringList &added)
{
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
