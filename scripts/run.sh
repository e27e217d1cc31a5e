#!/usr/bin/env bash
# The README's first command: installs what is needed, builds, and starts Orkestr Desk, which
# starts its embedded orkestr-local and connects to it. Arguments go to orkestr-desk.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$ORKESTR_REPO/scripts/setup.sh"
# Only what it runs: the test suite is the other command's business.
"$ORKESTR_REPO/scripts/build.sh" release --target orkestr-desk orkestr-local
cd "$ORKESTR_REPO"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    say "no display found (DISPLAY is unset): starting under xvfb-run; pass --screenshot FILE to see the window"
    exec env -u ORKESTR_SETUP_MODE bash -c '. scripts/common.sh; in_env xvfb-run -a build/release/bin/orkestr-desk "$@"' run "$@"
fi
exec env bash -c '. scripts/common.sh; in_env build/release/bin/orkestr-desk "$@"' run "$@"
