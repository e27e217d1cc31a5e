#pragma once

#include "server/outputfiles.h"

#include "server/loopworkers.h"

#include <functional>

namespace OrkestrLocal {

// Reads stored exec output (see ExecOutputStore) on threads of its own, so that the event loop
// never waits for the disk: a replay of a large exec from a cold page cache, or a disk that does
// not answer, holds up a reader thread, not the server. The loop queues a read with everything it
// needs (the exec's directory, the range of its index, what retention still keeps) and gets the
// chunks back through a queued call. Two threads, so that one read stuck in the disk does not
// hold up every other attacher.
class ExecOutputReader
{
public:
    static constexpr int Threads = 2;

    struct Request
    {
        QString dir; // the exec's directory
        qint64 index = -1; // the chunks after this one ...
        qint64 end = 0; // ... and before this one (what the index holds)
        qint64 retainedFrom[2] = {0, 0}; // bytes before these were dropped by retention
        int maxChunks = 0;
        qint64 maxBytes = 0; // stops after the chunk that reaches this many bytes
    };
    struct Result
    {
        QList<OutputChunk> chunks;
        qint64 last = -1; // the last chunk read, or left out because retention dropped it all
        qint64 failedIndex = -1; // a chunk that could not be read: the read stopped there
        int failedStream = 0;
    };

    // Made on the event loop's thread: the answers come back on it.
    ExecOutputReader();

    // Reads on a reader thread, then calls done with the result on the event loop's thread.
    void read(Request request, std::function<void(Result)> done);

    // The same read on the caller's thread.
    static Result readNow(const Request &request);

private:
    LoopWorkers m_workers;
};

} // namespace OrkestrLocal
