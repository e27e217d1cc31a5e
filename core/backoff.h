#pragma once

#include <chrono>

namespace Orkestr {

// The delay before retry number `attempt` (0 for the first): `base` doubling per attempt, capped
// at `max`, with jitter between half and the whole step so that many clients do not retry in step.
std::chrono::milliseconds exponentialBackoff(int attempt, std::chrono::milliseconds base,
                                             std::chrono::milliseconds max);

} // namespace Orkestr
