#pragma once

// How orkestr-local starts its children (the bubblewrap inits, nsenter for execs, tar for
// snapshots): none may outlive the server or keep its listening socket, and sandbox processes
// get the sandbox's CPU limit.

#include <QByteArray>
#include <QList>
#include <QProcess>

#include <functional>

namespace OrkestrLocal {

struct ChildSetup
{
    // Runs first in the child (before exec), e.g. to move pipe ends to fixed descriptors.
    std::function<void()> modifier;
    // Descriptors from this one up are closed at exec (3: keep only stdin, stdout, stderr).
    int lowestFdToClose = 3;
    // CPUs the child (and everything it starts) is pinned to; empty: no pinning.
    QList<int> cpus;
    // Forbid sched_setaffinity() to the child and its descendants (seccomp), so that the pinning
    // is a limit and not a suggestion.
    bool lockAffinity = false;
    // The cgroup.procs file (encoded path) the child moves itself into before exec, so that it
    // and everything it starts are under the sandbox's cgroup limits; empty: stays where it is.
    QByteArray cgroupProcs;
};

// Configures process before start(): vfork-style start (clone with CLONE_VFORK: no window in
// which a forked copy of the server waits for the parent), PR_SET_PDEATHSIG(SIGKILL) (and an
// exit if the server died before that took effect), signal handlers reset, every descriptor
// above setup.lowestFdToClose closed at exec, then the cgroup and the CPU pinning.
void prepareChild(QProcess &process, const ChildSetup &setup = {});

// The CPUs this process may run on (its own affinity mask), in ascending order.
QList<int> availableCpus();

// Whether a seccomp filter against sched_setaffinity is built in for this architecture.
bool canLockAffinity();

} // namespace OrkestrLocal
