#pragma once

#include "core/sandbox.h"

#include <QSet>
#include <QStringList>

namespace OrkestrUi {

// What the list shows: a sandbox matches when it contains every word of the search (in its id,
// template or metadata "key=value", case-insensitive) and its region, status and template are
// each in their facet (an empty facet means any).
struct SandboxFilter
{
    QStringList words;
    QSet<QString> regions;
    QSet<QString> statuses;
    QSet<QString> templates;
    // Only the sandboxes that need a person (session::needsAttention).
    bool attentionOnly = false;

    bool isEmpty() const
    {
        return words.isEmpty() && regions.isEmpty() && statuses.isEmpty() && templates.isEmpty()
            && !attentionOnly;
    }
    bool accepts(const Orkestr::Sandbox &sandbox) const;
    static QString searchText(const Orkestr::Sandbox &sandbox);
    friend bool operator==(const SandboxFilter &, const SandboxFilter &) = default;
};

} // namespace OrkestrUi
