#!/usr/bin/env bash
# The installer's ctest checks (installer/CMakeLists.txt). Exit 0: passed; 1: failed; 77: the
# checker is not installed here (ctest reports the test as skipped, not passed).
#
#   check.sh desktop FILE.desktop
#   check.sh metainfo FILE.metainfo.xml
#   check.sh man-lint PAGE...
#   check.sh man-options PROGRAM PAGE [SUBCOMMAND...]
#   check.sh icons SVG2PNG ICON.svg PNG_DIR APP_ID SIZE...
#   check.sh install-tree BUILD_DIR SCRATCH_DIR APP_ID SIZE...
#   check.sh unit ORKESTR_LOCAL UNIT_FILE SCRATCH_DIR
set -uo pipefail

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

need() {
    command -v "$1" >/dev/null 2>&1 || {
        printf 'SKIP: %s is not installed (%s)\n' "$1" "$2" >&2
        exit 77
    }
}

mode=${1:-}
shift || true
case "$mode" in
desktop)
    need desktop-file-validate desktop-file-utils
    # Errors make it exit 1; warnings do not, but they are defects too. Hints are advice.
    output=$(desktop-file-validate "$1" 2>&1)
    status=$?
    printf '%s\n' "$output"
    [ $status -eq 0 ] || fail "desktop-file-validate rejects $1"
    [ -z "$(grep -v ': hint: ' <<<"$output" | grep .)" ] || fail "desktop-file-validate warns about $1"
    echo "ok: $1"
    ;;
metainfo)
    need appstreamcli appstream
    appstreamcli validate --no-net --explain "$1" || fail "appstreamcli validate rejects $1"
    ;;
man-lint)
    need groff groff-base
    for page in "$@"; do
        # -ww: every warning; -z: no output, only the diagnostics; -t: tables.
        output=$(LC_ALL=C.UTF-8 groff -man -t -ww -z -K utf8 "$page" 2>&1)
        [ -z "$output" ] || fail "groff warns about $page:"$'\n'"$output"
        echo "ok: $page"
    done
    ;;
man-options)
    [ $# -ge 2 ] || fail "man-options needs PROGRAM PAGE [SUBCOMMAND...]"
    program=$1 page=$2
    shift 2
    name=$(basename "$program")
    # The program's --help, and its sub-commands' (orkestr-local token --help).
    help=$(QT_QPA_PLATFORM=offscreen "$program" --help 2>&1) || fail "$program --help failed: $help"
    for sub in "$@"; do
        help+=$'\n'$("$program" "$sub" --help 2>&1) || fail "$program $sub --help failed"
    done
    # The manual page with roff escapes of '-' and font changes undone.
    text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page")
    mapfile -t helpOptions < <(printf '%s\n' "$help" | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' |
        sed -E 's/^[ ,]//' | sort -u)
    [ ${#helpOptions[@]} -gt 2 ] || fail "found no options in $program --help:"$'\n'"$help"
    status=0
    for option in "${helpOptions[@]}"; do
        if ! grep -qE -- "(^|[^a-zA-Z0-9-])${option}([^a-zA-Z0-9-]|\$)" <<<"$text"; then
            echo "FAIL: $name --help lists $option; $(basename "$page") does not describe it" >&2
            status=1
        fi
    done
    # The other way round: every option the page defines (the tag line after .TP) exists.
    mapfile -t pageOptions < <(printf '%s\n' "$text" | awk 'previous == ".TP" { print } { previous = $1 }' |
        grep -oE -- '(^|[ ,"])--?[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[ ,"]//' | sort -u)
    [ ${#pageOptions[@]} -gt 2 ] || fail "found no option definitions (.TP) in $page"
    for option in "${pageOptions[@]}"; do
        if ! grep -qxF -- "$option" < <(printf '%s\n' "${helpOptions[@]}"); then
            echo "FAIL: $(basename "$page") describes $option, which $name --help does not list" >&2
            status=1
        fi
    done
    [ $status -eq 0 ] && echo "ok: $(basename "$page") describes the ${#helpOptions[@]} options of $name --help (${helpOptions[*]}) and no others"
    exit $status
    ;;
icons)
    svg2png=$1 svg=$2 dir=$3 id=$4
    shift 4
    status=0
    for size in "$@"; do
        png="$dir/${size}x${size}/apps/$id.png"
        [ -f "$png" ] || { echo "FAIL: $png is missing" >&2; status=1; continue; }
        QT_QPA_PLATFORM=offscreen "$svg2png" --compare "$svg" "$size" "$png" || status=1
    done
    [ $status -eq 0 ] && echo "ok: the ${#} PNGs are renderings of $(basename "$svg")"
    exit $status
    ;;
install-tree)
    build=$1 scratch=$2 id=$3
    shift 3
    rm -rf "$scratch"
    cmake --install "$build" --prefix "$scratch/usr" >"$scratch.log" 2>&1 || {
        cat "$scratch.log"
        fail "cmake --install failed"
    }
    expected=(usr/bin/orkestr-desk usr/bin/orkestr-local
        "usr/share/applications/$id.desktop" "usr/share/metainfo/$id.metainfo.xml"
        "usr/share/icons/hicolor/scalable/apps/$id.svg"
        usr/share/knotifications6/orkestr-desk.notifyrc
        usr/share/man/man1/orkestr-desk.1.gz usr/share/man/man1/orkestr-local.1.gz
        usr/lib/systemd/user/orkestr-local.service)
    for size in "$@"; do
        expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$id.png")
    done
    status=0
    for file in "${expected[@]}"; do
        [ -s "$scratch/$file" ] || { echo "FAIL: cmake --install did not install /$file" >&2; status=1; }
    done
    for file in "$scratch"/usr/share/man/man1/*.gz; do
        gzip -t "$file" || { echo "FAIL: $file is not gzip" >&2; status=1; }
    done
    # Nothing unexpected (e.g. a static library or a header of the internal libraries).
    unexpected=$(cd "$scratch" && find . -type f | sed 's|^\./||' | sort | grep -vxF -f <(printf '%s\n' "${expected[@]}"))
    [ -z "$unexpected" ] || { echo "FAIL: cmake --install installs files no package should hold:"$'\n'"$unexpected" >&2; status=1; }
    [ $status -eq 0 ] && echo "ok: cmake --install installs the ${#expected[@]} expected files and nothing else"
    rm -rf "$scratch" "$scratch.log"
    exit $status
    ;;
unit)
    # The user service's unit: the stable address, and a first start that prints no token (the
    # journal would keep it). Runs the unit's ExecStartPre as systemd would (with $$ as $) on an
    # empty data dir, twice, then the server itself.
    program=$1 unit=$2 scratch=$3
    grep -qx 'ExecStart=orkestr-local --listen 127.0.0.1:8787' "$unit" || fail "$unit: ExecStart is not orkestr-local on 127.0.0.1:8787"
    grep -qx 'WantedBy=default.target' "$unit" || fail "$unit: not wanted by default.target"
    pre=$(sed -n "s/^ExecStartPre=\/bin\/sh -c '\(.*\)'\$/\1/p" "$unit" | sed 's/\$\$/$/g')
    [ -n "$pre" ] || fail "$unit: no ExecStartPre=/bin/sh -c '...'"
    rm -rf "$scratch" && mkdir -p "$scratch"
    bindir=$(dirname "$program")
    export XDG_DATA_HOME="$scratch" PATH="$bindir:$PATH"
    for round in 1 2; do
        output=$(/bin/sh -c "$pre" 2>&1) || fail "ExecStartPre failed (round $round): $output"
        [ -z "$output" ] || fail "ExecStartPre printed something (round $round): $output"
    done
    tokens=$("$program" token list --data-dir "$scratch/orkestr-local")
    [ "$(printf '%s\n' "$tokens" | wc -l)" -eq 1 ] || fail "expected one placeholder token, found:"$'\n'"$tokens"
    grep -qE '  sandboxes:read  .*  service-placeholder$' <<<"$tokens" || fail "not a read-only placeholder: $tokens"
    # The server on that data dir (on a free port here) announces no token.
    "$program" --listen 127.0.0.1:0 >"$scratch/server.out" 2>&1 &
    server=$!
    for _ in $(seq 50); do grep -q 'listening on' "$scratch/server.out" && break; sleep 0.1; done
    kill "$server" && wait "$server"
    grep -q 'listening on' "$scratch/server.out" || fail "the server did not start: $(cat "$scratch/server.out")"
    ! grep -q 'ork_' "$scratch/server.out" || fail "the server printed a token on its first start"
    rm -rf "$scratch"
    echo "ok: $(basename "$unit") listens on 127.0.0.1:8787 and its first start prints no token"
    ;;
*)
    fail "unknown check '$mode'"
    ;;
esac
