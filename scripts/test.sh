#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is needed, builds with warnings
# as errors, and runs the whole test suite with ctest. Exits non-zero on any failure.
#   scripts/test.sh [preset]     (default: ci; "asan" for the sanitizer build)
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
preset=${1:-ci}
"$ORKESTR_REPO/scripts/setup.sh"
"$ORKESTR_REPO/scripts/build.sh" "$preset"
cd "$ORKESTR_REPO"
in_env ctest --preset "$preset" --output-on-failure
