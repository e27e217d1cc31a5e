#pragma once

// GetAccountJob is declared with the account's other read-only queries; this name stays for the
// files that include it.
#include "core/catalogjobs.h"
