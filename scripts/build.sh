#!/usr/bin/env bash
# Configures and builds one preset (default: dev) inside the build environment.
#   scripts/build.sh [preset] [extra cmake --build arguments]
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
preset=${1:-dev}
shift || true
cd "$ORKESTR_REPO"
if [ ! -f "build/$preset/build.ninja" ]; then
    in_env cmake --preset "$preset" >&2
fi
in_env cmake --build --preset "$preset" "$@" >&2
