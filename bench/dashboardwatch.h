#pragma once

// bench_dashboard's figures of issue 19 (list once, then watch): the client's bytes per sandbox,
// 1,000 changes per second applied to a shown page, and the live page against the server (a
// change made through the API until painted with the watch; polls against a server without it).

#include "benchsupport.h"
#include "core/sandbox.h"

namespace Orkestr {
class LocalServerProcess;
}
namespace OrkestrSession {
class Session;
}

namespace BenchWatch {

// Heap bytes held per sandbox by a SandboxStore and a SandboxTreeModel (glibc's count of bytes
// in use, before and after the list goes in; the list itself freed).
double bytesPerSandbox(Orkestr::Client &client, QList<Orkestr::Sandbox> sandboxes);

// Applies `perSecond` changes per second for `seconds` to a shown SandboxesPage (or, not `shown`,
// to a store and a SandboxTreeModel alone, the reference), as the watch delivers them (a batch
// every 10 ms), and measures the GUI thread's stalls.
struct StallFigures
{
    double p99 = 0;
    double longest = 0;
    int applied = 0;
    double seconds = 0;
};
// `holdBack` false: the page's model applies every batch at once (as before the hold-back).
StallFigures changesPerSecond(Orkestr::Client &client, const QList<Orkestr::Sandbox> &sandboxes,
                              int perSecond, int seconds, bool shown = true, bool holdBack = true);

// The page's own poller against the server: the first list, then `rounds` resumes made through
// the API, each timed from the request until its row is painted (the watch), or until the next
// poll painted it (a server without the watch). Also from the moment the server made the change
// (its debug log of sandbox changes, which the server must have been started with:
// serverChangeLogRules()), so that the part the server spent before the change (the request's
// wait for a connection, other resumes' process starts) shows apart. Appends its rows.
void liveRounds(Orkestr::Client &client, const Orkestr::LocalServerProcess &server, int count, int changes,
                int rounds, QList<Bench::Row> *rows);

// QT_LOGGING_RULES for orkestr-local that make it log every sandbox change with its time.
QByteArray serverChangeLogRules();

} // namespace BenchWatch
