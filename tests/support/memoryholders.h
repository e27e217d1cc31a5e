#pragma once

// Commands that hold memory inside a sandbox, for the tests of limits and metrics (client and
// server alike).

#include <QString>

namespace MemoryHolders {

// A python command that holds `mib` MiB of touched memory for `seconds`.
inline QString holdMemory(int mib, int seconds)
{
    return QStringLiteral("python3 -c \"import time; x = chr(32) * (%1 * 1024 * 1024); time.sleep(%2)\"")
        .arg(mib)
        .arg(seconds);
}

// Two holders of `mib` MiB each in the background, then "started": together over a limit that
// either alone stays under.
inline QString holdTwoInBackground(int mib, int seconds)
{
    return holdMemory(mib, seconds) + QStringLiteral(" & ") + holdMemory(mib, seconds)
        + QStringLiteral(" & echo started");
}

} // namespace MemoryHolders
