#pragma once

#include "server/requestparsing.h"

#include <QUrlQuery>

#include <optional>

namespace OrkestrLocal {

struct Sandbox;

// The filters of GET /v1/sandboxes and of its watch: status, region and template, each may
// repeat (any of the given values matches); none given matches every sandbox.
struct SandboxFilter
{
    QStringList statuses;
    QStringList regions;
    QStringList templates;

    bool matches(const Sandbox &sandbox) const;
    // Region and template only: what never changes in a sandbox's life.
    bool matchesPlace(const Sandbox &sandbox) const;
};
// 400 invalid_request naming the field: a status the contract does not know, a region or
// template that is not a name (lower-case letters, digits, '.', '_', '-'; at most 64).
std::optional<RequestProblem> parseSandboxFilter(const QUrlQuery &query, SandboxFilter *filter);

// GET /v1/sandboxes/watch: the filters and the version the client has (since_version, else the
// Last-Event-ID header; neither: only changes from now on).
struct WatchQuery
{
    SandboxFilter filter;
    std::optional<qint64> sinceVersion;
};
std::optional<RequestProblem> parseWatchQuery(const QUrlQuery &query, const QByteArray &lastEventId,
                                              WatchQuery *request);

} // namespace OrkestrLocal
