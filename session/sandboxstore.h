#pragma once

#include "core/sandbox.h"
#include "core/stringtable.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace Orkestr {
class Client;
struct SandboxChange;
} // namespace Orkestr

namespace OrkestrSession {

class SandboxPoller;

// Every sandbox the session knows, by id, with the counts of each region, status and template.
// The poller fills it (a listing, then the watch's changes); an action's answer updates one
// sandbox at once. Of two copies of a sandbox the one with the higher version wins, so a change
// that arrives twice, or late, is ignored. Strings that recur across sandboxes (template, region,
// status, network, termination reason, env and metadata keys) are shared, not copied per sandbox
// (Sandbox::shareStrings). What changes is announced
// as ids (removed, then changed, then added, so that a reader sees a consistent store in each);
// readers take the data from here, not from a display model.
class SandboxStore : public QObject
{
    Q_OBJECT
public:
    enum class Facet { Region, Status, Template };

    explicit SandboxStore(Orkestr::Client *client, QObject *parent = nullptr);
    ~SandboxStore() override;

    SandboxPoller *poller() const { return m_poller; }
    // Starts polling, and fetches the regions' locations (for labels such as "fsn1 — Falkenstein").
    void startUpdates();
    // Region name -> location, e.g. "fsn1" -> "Falkenstein, DE".
    const QHash<QString, QString> &regionLocations() const { return m_regionLocations; }

    std::optional<Orkestr::Sandbox> sandbox(const QString &id) const;
    // For readers on the hot path: nullptr when unknown; valid until the store next changes.
    const Orkestr::Sandbox *find(const QString &id) const;
    bool contains(const QString &id) const { return m_sandboxes.contains(id); }
    QList<Orkestr::Sandbox> sandboxes() const;
    // Calls visit(const Sandbox &) with every sandbox, without copying any (for a search or a
    // count on every keystroke or poll).
    template<class Visit> void forEach(Visit &&visit) const
    {
        for (const auto *sandbox : m_sandboxes)
            visit(*sandbox);
    }
    int count() const { return int(m_sandboxes.size()); }
    // How many sandboxes have each value of a facet.
    const QHash<QString, int> &facetCounts(Facet facet) const { return m_facetCounts[int(facet)]; }

    // A complete list: what is new is added, what is gone removed, what differs changed.
    void setSandboxes(const QList<Orkestr::Sandbox> &sandboxes);
    // Part of a list (a first page): adds and changes, removes nothing.
    void mergeSandboxes(const QList<Orkestr::Sandbox> &sandboxes);
    // A listing delivered page by page (the poller's): each page adds and changes like
    // mergeSandboxes(); at its end, the sandboxes that no page held are removed.
    void beginListing();
    void mergeListingPage(const QList<Orkestr::Sandbox> &page);
    void endListing();
    // One sandbox from an action's answer, without waiting for the next poll.
    void updateSandbox(const Orkestr::Sandbox &sandbox);
    // The watch's changes: changed sandboxes and removed ones, each applied unless the store has
    // the same or a newer version of it already.
    void applyChanges(const QList<Orkestr::SandboxChange> &changes);
    // Another server or token: forgets every sandbox, stops polling and forgets the ETag.
    void reset();

Q_SIGNALS:
    void sandboxesRemoved(const QStringList &ids);
    void sandboxesChanged(const QStringList &ids);
    void sandboxesAdded(const QStringList &ids);
    // Once per burst of changes, from the event loop.
    void facetCountsChanged();
    void regionLocationsChanged();

private:
    void apply(const QList<Orkestr::Sandbox> &sandboxes, bool complete);
    // Removes every sandbox whose id is not in `kept`; returns the removed ids.
    QStringList removeAllBut(const QSet<QString> &kept);
    void countFacets(const Orkestr::Sandbox &sandbox, int delta);
    // Stores `sandbox` when it is new, or newer than and different from the stored copy.
    enum class Stored { Added, Changed, Unchanged };
    Stored store(const Orkestr::Sandbox &sandbox);
    using Sandboxes = QHash<QString, Orkestr::Sandbox *>;
    Sandboxes::iterator remove(Sandboxes::iterator it);
    void announce(const QStringList &removed, const QStringList &changed, const QStringList &added);

    Orkestr::Client *m_client;
    SandboxPoller *m_poller;
    QHash<QString, QString> m_regionLocations;
    // Owned, each in its own allocation: a hash keeps spare room for a quarter to a half of its
    // entries, cheap for a pointer, dear for a whole sandbox. The key shares the sandbox's id.
    Sandboxes m_sandboxes;
    QHash<QString, int> m_facetCounts[3];
    Orkestr::StringTable m_strings;
    // The ids the pages of a listing held so far; only needed when the store held sandboxes
    // before it began (a first listing removes nothing).
    QSet<QString> m_listed;
    bool m_listingReplaces = false;
    bool m_facetCountsChanged = false;
    bool m_facetSignalPending = false;
};

} // namespace OrkestrSession
