#pragma once

// Resident-memory bounds in tests. AddressSanitizer keeps freed memory in quarantine and pads
// every allocation, so under it such a bound measures the sanitizer, not our code: the asan
// preset checks memory safety, the ci preset checks the bounds.

#include <QTest>

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool MemoryBoundsMeaningful = false;
#else
inline constexpr bool MemoryBoundsMeaningful = true;
#endif

#define ORKESTR_VERIFY_MEMORY_BOUND(condition, message)                                                      \
    do {                                                                                                     \
        if (MemoryBoundsMeaningful)                                                                          \
            QVERIFY2(condition, message);                                                                    \
        else                                                                                                 \
            qInfo("memory bound not checked under AddressSanitizer: %s", message);                           \
    } while (false)
