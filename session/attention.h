#pragma once

#include "core/sandbox.h"

#include <QDateTime>

#include <chrono>

namespace OrkestrSession {

// Sandboxes that need a person soon: failed ones, and running ones that expire within this.
inline constexpr std::chrono::minutes ExpiringSoon {5};

bool needsAttention(const Orkestr::Sandbox &sandbox, const QDateTime &now);

// What the window's attention strip shows.
struct AttentionSummary
{
    int failed = 0;
    int expiringSoon = 0;
    bool quotaFull = false;
    bool rateLimited = false;
    bool disconnected = false;

    void count(const Orkestr::Sandbox &sandbox, const QDateTime &now);
    int sandboxes() const { return failed + expiringSoon; }
    bool isEmpty() const { return sandboxes() == 0 && !quotaFull && !rateLimited && !disconnected; }
    friend bool operator==(const AttentionSummary &, const AttentionSummary &) = default;
};

} // namespace OrkestrSession
