#pragma once

#include <QString>

namespace OrkestrLocal {

// A ULID: 48 bits of milliseconds and 80 random bits in Crockford base32 (26 characters), so
// that ids sort by creation time.
QString newUlid();
// Random text for secrets, from the system's cryptographic generator.
QString randomBase62(int length);

} // namespace OrkestrLocal
