#include "server/ratelimiter.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

std::optional<RateLimiter> RateLimiter::parse(const QString &spec)
{
    QString count = spec.trimmed();
    int window = 60;
    if (count.endsWith(u"/s"_s)) {
        window = 1;
        count.chop(2);
    } else if (count.endsWith(u"/min"_s)) {
        count.chop(4);
    }
    bool ok = false;
    const int limit = count.toInt(&ok);
    if (!ok || limit <= 0)
        return std::nullopt;
    return RateLimiter(limit, window);
}

RateLimiter::RateLimiter(int limit, int windowSeconds)
    : m_limit(limit)
    , m_windowSeconds(windowSeconds)
{
}

RateLimiter::Decision RateLimiter::take(const QString &key, qint64 nowMs)
{
    const qint64 windowMs = qint64(m_windowSeconds) * 1000;
    // Forget idle callers now and then, so the table stays small.
    if (m_windows.size() > 4096)
        m_windows.removeIf([&](const auto &it) { return nowMs - it.value().startMs >= windowMs; });
    Window &window = m_windows[key];
    if (nowMs - window.startMs >= windowMs) {
        window.startMs = nowMs - nowMs % windowMs;
        window.used = 0;
    }
    Decision decision;
    decision.limit = m_limit;
    const qint64 endMs = window.startMs + windowMs;
    decision.resetUnixSeconds = (endMs + 999) / 1000;
    if (window.used >= m_limit) {
        decision.allowed = false;
        decision.remaining = 0;
        decision.retryAfterSeconds = int(std::max<qint64>(1, (endMs - nowMs + 999) / 1000));
        return decision;
    }
    ++window.used;
    decision.remaining = m_limit - window.used;
    return decision;
}

} // namespace OrkestrLocal
