#pragma once

#include "server/requestparsing.h"

#include <QUrlQuery>

#include <optional>

namespace OrkestrLocal {

// The request checks of the metrics and processes endpoints, as pure functions (fuzzed in
// fuzz/fuzz_server_monitor.cpp).

// POST .../processes/{pid}/signal: {"signal": 1..31}; 400 invalid_request naming "signal".
std::optional<RequestProblem> parseSignalRequest(const QJsonObject &body, int *signal);

// GET .../metrics: since, an RFC 3339 timestamp with a zone (Z or an offset); without it, an
// hour before nowMs. 400 invalid_request naming "since" otherwise.
std::optional<RequestProblem> parseMetricsQuery(const QUrlQuery &query, qint64 nowMs, qint64 *sinceMs);

} // namespace OrkestrLocal
