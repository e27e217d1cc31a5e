#pragma once

#include "server/requestparsing.h"

#include <QUrlQuery>

#include <optional>

namespace OrkestrLocal {

// The event kinds of the contract's journal.
const QStringList &eventKinds();

// A query of one sandbox's events (GET .../events and .../events/stream).
struct EventQuery
{
    std::optional<qint64> afterSeq;
    std::optional<qint64> beforeSeq;
    QStringList kinds; // exact kinds, or families as "exec.*"
    int limit = 200;
};
// 400 invalid_request naming the field: a seq that is not a whole number >= 0, both seqs, an
// unknown kind or family, a limit outside 1..1000.
std::optional<RequestProblem> parseEventQuery(const QUrlQuery &query, EventQuery *request);

// The seq a stream starts after: after_seq, else Last-Event-ID, else none (new events only).
std::optional<RequestProblem> parseStreamStart(const QUrlQuery &query, const QByteArray &lastEventId,
                                               std::optional<qint64> *afterSeq);

// A query of one sandbox's exec records (GET .../execs).
struct ExecQuery
{
    QStringList statuses;
    QString before; // an exec_id; newest first
    int limit = 100;
};
std::optional<RequestProblem> parseExecQuery(const QUrlQuery &query, ExecQuery *request);

} // namespace OrkestrLocal
