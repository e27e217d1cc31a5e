#pragma once

#include "server/journal.h"

namespace OrkestrLocal {

// Who ran an exec (its record's actor), or the system with fallbackReason when the exec is not
// known: the actor of what the exec's processes caused (a refused connection, a memory kill).
Actor execActor(Journal &journal, const QString &sandboxId, const QString &execId,
                const QString &fallbackReason);

} // namespace OrkestrLocal
