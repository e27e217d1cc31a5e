#pragma once

// The server starter lives in the test support library (tests/support); this name stays for the
// tests that include it by its old path.
#include "support/killableserver.h"
