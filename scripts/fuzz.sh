#!/usr/bin/env bash
# Fuzzes the targets in fuzz/ (see fuzz/README.md): builds the fuzz preset (clang, libFuzzer,
# ASan + UBSan) and runs each target for a set time.
#   scripts/fuzz.sh [--merge] [SECONDS] [TARGET...]
# SECONDS per target (default 60). TARGET: sseparser, base64decoder, apiobjects, ansisgr, ptyframe,
# server_paths, server_request, server_activity_query, server_watch_query, server_monitor,
# server_ptycontrol (a fuzz_ prefix is fine); default all of them, one after the other.
# Each target runs on a copy of its corpus in build/fuzz/fuzz-work/<target>/corpus (kept between
# runs, so findings accumulate there); fuzz/corpus/ is only read. --merge afterwards adds the
# inputs of the copy that reach new coverage to fuzz/corpus/<target>/ (minimised by libFuzzer).
# Exits non-zero when any target crashes, leaks, times out or violates a property, and prints
# the input that does it and the command that replays it.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Every target of fuzz/CMakeLists.txt.
all_targets=(sseparser base64decoder apiobjects ansisgr ptyframe server_paths server_request
    server_activity_query server_watch_query server_monitor server_ptycontrol)
merge=0
seconds=60
targets=()
for arg in "$@"; do
    case "$arg" in
    --merge) merge=1 ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *[!0-9]*)
        name=${arg#fuzz_}
        case " ${all_targets[*]} " in
        *" $name "*) targets+=("$name") ;;
        *) die "unknown target '$arg'" "targets: ${all_targets[*]}" ;;
        esac ;;
    *) seconds=$arg ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

cd "$ORKESTR_REPO"
build_targets=()
for target in "${targets[@]}"; do build_targets+=(--target "fuzz_$target"); done
"$ORKESTR_REPO/scripts/build.sh" fuzz "${build_targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$ORKESTR_REPO/tests/lsan.supp
export QT_QPA_PLATFORM=offscreen

failed=()
for target in "${targets[@]}"; do
    work=build/fuzz/fuzz-work/$target
    program=build/fuzz/bin/fuzz_$target
    # Written by fuzz/CMakeLists.txt: -max_len, -timeout, -dict, -artifact_prefix, ... one a line.
    mapfile -t options < "$work/options"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -rn "fuzz/corpus/$target/." "$work/corpus/"
    started=$(date +%s)
    count() { find "$1" -mindepth 1 -maxdepth 1 -type f | wc -l; }
    before=$(count "$work/artifacts")
    say "fuzz_$target: ${seconds} s on $work/corpus ($(count "$work/corpus") inputs)"
    set +e
    in_env env ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" LSAN_OPTIONS="$LSAN_OPTIONS" \
        QT_QPA_PLATFORM=offscreen "$program" "${options[@]}" -max_total_time="$seconds" \
        -print_final_stats=1 "$work/corpus" > "$work/last.log" 2>&1
    status=$?
    set -e
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::new_units_added)' "$work/last.log" >&2 || true
    if [ $status -ne 0 ]; then
        tail -n 60 "$work/last.log" >&2
        # The newest file libFuzzer wrote (crash-, leak-, timeout- or oom-<sha1>).
        reproducer=$(find "$work/artifacts" -mindepth 1 -maxdepth 1 -type f -printf '%T@ %f\n' |
            sort -rn | head -n 1 | cut -d' ' -f2)
        say "fuzz_$target FAILED (exit $status) after $(($(date +%s) - started)) s; log: $work/last.log"
        if [ "$(count "$work/artifacts")" -gt "$before" ] && [ -n "$reproducer" ]; then
            say "reproducer: $work/artifacts/$reproducer"
            say "replay: scripts/in-buildroot $program $work/artifacts/$reproducer"
        fi
        failed+=("$target")
        continue
    fi
    if [ $merge -eq 1 ]; then
        say "fuzz_$target: merging new coverage into fuzz/corpus/$target"
        in_env "$program" -merge=1 "${options[@]}" "fuzz/corpus/$target" "$work/corpus" > "$work/merge.log" 2>&1 ||
            { tail -n 20 "$work/merge.log" >&2; die "merge of fuzz_$target failed; log: $work/merge.log"; }
        grep -E 'MERGE-OUTER: [0-9]+ new files' "$work/merge.log" >&2 || true
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    die "failing targets: ${failed[*]}"
fi
say "all fuzz targets passed (${seconds} s each: ${targets[*]})"
