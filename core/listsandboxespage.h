#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Orkestr {

// One page of GET /v1/sandboxes, parsed.
struct SandboxPage
{
    ApiError error;
    QList<Sandbox> sandboxes;
    QString nextCursor; // empty after the last page (null on the wire)
};

// Parses a page's body, on any thread. The strings that recur across sandboxes (template, status,
// region, ...) share one table for the process, so a long listing holds one copy of each. The
// body is dropped once it is read, before the sandboxes are made (given the only copy, it is freed).
SandboxPage parseSandboxPage(QByteArray body);

// A page's next_cursor read without parsing the page, so that the next page can be asked for while
// this one is parsed: found when it is the first or the last member of the body's object, with
// null or a string value without escapes (an empty string for null). Otherwise nothing: then only
// parsing the page can tell. The parse checks it (a body that is no JSON object, or names
// next_cursor twice, is caught there).
std::optional<QString> peekNextCursor(QByteArrayView body);

} // namespace Orkestr
