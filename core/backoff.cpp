#include "core/backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Orkestr {

std::chrono::milliseconds exponentialBackoff(int attempt, std::chrono::milliseconds base,
                                             std::chrono::milliseconds max)
{
    const qint64 step = base.count() << std::clamp(attempt, 0, 16);
    const qint64 capped = std::min<qint64>(step, max.count());
    const qint64 jittered = capped / 2 + qint64(QRandomGenerator::global()->bounded(double(capped / 2 + 1)));
    return std::chrono::milliseconds(jittered);
}

} // namespace Orkestr
