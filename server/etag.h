#pragma once

#include <QByteArray>

namespace OrkestrLocal {

// Whether an If-None-Match header names this ETag (strong or weak, or "*").
inline bool ifNoneMatchHits(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    if (ifNoneMatch.isEmpty())
        return false;
    for (const auto &candidate : ifNoneMatch.split(',')) {
        const QByteArray tag = candidate.trimmed();
        if (tag == etag || tag == "W/" + etag || tag == "*")
            return true;
    }
    return false;
}

} // namespace OrkestrLocal
