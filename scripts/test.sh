#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is needed, then builds and tests.
#   scripts/test.sh            every stage below, in order; stops at the first failure
#   scripts/test.sh STAGE...   only these stages
# Stages:
#   ci     the whole Qt Test suite under ctest, optimised build, warnings as errors
#   package  the .deb/.tar.gz/.rpm from the ci build, then the install test: the .deb installed
#            with apt-get into a fresh minimal Debian 13 root and run there (needs root)
#   asan   the whole suite again, built with AddressSanitizer + UndefinedBehaviorSanitizer
#   fuzz   a 20 s libFuzzer run of each fuzz target (clang, ASan+UBSan); see fuzz/README.md
# Exits non-zero on any failure; prints how long each stage took.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

all_stages=(ci package asan fuzz)
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=("${all_stages[@]}")
for stage in "${stages[@]}"; do
    case " ${all_stages[*]} " in
    *" $stage "*) ;;
    *) die "unknown stage '$stage'" "stages: ${all_stages[*]}" ;;
    esac
done

"$ORKESTR_REPO/scripts/setup.sh"
cd "$ORKESTR_REPO"

run_suite() {
    local preset=$1
    "$ORKESTR_REPO/scripts/build.sh" "$preset"
    # Two tests at a time: the machine has two cores, and several tests start servers and sandboxes.
    in_env ctest --preset "$preset" --output-on-failure -j2
}

summary=()
for stage in "${stages[@]}"; do
    say "stage $stage"
    started=$SECONDS
    case "$stage" in
    ci) run_suite ci ;;
    asan) run_suite asan ;;
    fuzz)
        "$ORKESTR_REPO/scripts/build.sh" fuzz
        in_env ctest --preset fuzz --output-on-failure -j2
        ;;
    package)
        [ -f build/ci/build.ninja ] || "$ORKESTR_REPO/scripts/build.sh" ci
        "$ORKESTR_REPO/scripts/package.sh" build/ci
        debs=(build/ci/packages/orkestr-desk_*.deb)
        as_root "$ORKESTR_REPO/scripts/install-test.sh" "${debs[0]}"
        ;;
    esac
    summary+=("$stage: $((SECONDS - started)) s")
done
say "all passed (${summary[*]})"
