#pragma once

// The fault server lives in the test support library (tests/support); this name stays for the
// tests that include it by its old path ("core/faultserver.h").
#include "support/faultserver.h"
