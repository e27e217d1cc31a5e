#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace OrkestrLocal {

// Fixed-window request limit per key (a token id, or the address of an unauthenticated caller).
class RateLimiter
{
public:
    // Parses "N/s", "N/min" or "N" (per minute).
    static std::optional<RateLimiter> parse(const QString &spec);
    RateLimiter(int limit, int windowSeconds);

    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetUnixSeconds = 0; // when the current window ends
        int retryAfterSeconds = 0; // set when refused
    };
    Decision take(const QString &key, qint64 nowMs);
    int limit() const { return m_limit; }
    int windowSeconds() const { return m_windowSeconds; }

private:
    struct Window
    {
        qint64 startMs = 0;
        int used = 0;
    };
    int m_limit;
    int m_windowSeconds;
    QHash<QString, Window> m_windows;
};

} // namespace OrkestrLocal
