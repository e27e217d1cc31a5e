#pragma once

// Sandbox records for the benchmarks of issue 19, as orkestr-local keeps them: 80 % paused with a
// snapshot, 12 % failed, 8 % terminated within the last 30 minutes, created one every 20 s up to a
// minute ago (so their ids sort by creation, as on the server). The same records every run.

#include "server/sandbox.h"

#include <QString>

#include <vector>

namespace Bench {

std::vector<OrkestrLocal::Sandbox> makeSandboxes(int count);

// Writes them straight into a fresh data dir's database (the rows the server writes, the change
// counter and the migration marked done) with their directories, so the server starts on them
// without migrating.
void seedDatabase(const QString &dataDir, const std::vector<OrkestrLocal::Sandbox> &sandboxes);

// The previous release's layout: one directory with a state.json per sandbox.
void seedStateJson(const QString &dataDir, const std::vector<OrkestrLocal::Sandbox> &sandboxes);

} // namespace Bench
