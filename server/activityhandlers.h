#pragma once

#include "server/apiserver.h"

namespace OrkestrLocal {

class Journal;
class SandboxStore;

// GET .../events, .../events/stream, .../execs and .../execs/{exec_id}: the journal's side of the
// API, read-only.
void registerActivityEndpoints(ApiServer &server, SandboxStore &store, Journal &journal);

} // namespace OrkestrLocal
