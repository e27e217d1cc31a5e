#!/usr/bin/env bash
# Makes the README's screenshots (docs/screenshots/SCENE-light.png and SCENE-dark.png for the
# scenes dashboard, terminal, shell, files, editor, activity, metrics, processes and quota at
# 1280x800; wide-SCENE-*.png for dashboard and terminal at 2560x1440) from the real window against
# a real orkestr-local:
#
#   scripts/screenshots.sh [BUILD_DIR]      # default build/ci; needs bin/orkestr-desk-scenes and bin/orkestr-local
#   ORKESTR_SHOTS_ONLY="metrics processes" scripts/screenshots.sh build/dev     # only these scenes
#
# Runs inside the Debian 13 build root when there is one (scripts/setup.sh), else on this
# machine (it needs xvfb-run, curl and python3 there). One orkestr-local on loopback, pro plan, data
# under BUILD_DIR/screenshots-work, with sandboxes in two regions and every status (running,
# paused, terminated, and a failed one: running when its server stopped); before the quota scene
# a third sandbox is paused, which takes the plan's last snapshot slot, so the scene's pause is
# refused and opens the "Snapshot quota full" dialog. What it starts is stopped by pid on exit.
set -euo pipefail
[ -n "${ORKESTR_SHOTS_TRACE:-}" ] && set -x
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$repo/build/ci}" && pwd)

if [ -z "${ORKESTR_SHOTS_INSIDE:-}" ]; then
    # shellcheck source=scripts/common.sh
    . "$repo/scripts/common.sh"
    if [ -f "$ORKESTR_BUILDROOT/.orkestr-bootstrapped" ]; then
        exec "$repo/scripts/in-buildroot" env ORKESTR_SHOTS_INSIDE=1 bash "$repo/scripts/screenshots.sh" "$build"
    fi
fi

for tool in xvfb-run curl python3; do
    command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing" >&2; exit 1; }
done
# The dashboard with its scenes (tools/desk-scenes; not part of the shipped orkestr-desk).
desk=$build/bin/orkestr-desk-scenes
local_server=$build/bin/orkestr-local
[ -x "$desk" ] && [ -x "$local_server" ] || { echo "screenshots.sh: build $desk and $local_server first" >&2; exit 1; }

out=$repo/docs/screenshots
work=$build/screenshots-work
rm -rf "$work"
mkdir -p "$work/home" "$out"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

# start_server NAME PLAN PORT: starts orkestr-local in $work/NAME and waits until it answers.
# Sets server_pid; the first start of a data directory sets token.
start_server() {
    local name=$1 plan=$2 port=$3
    mkdir -p "$work/$name"
    "$local_server" --listen "127.0.0.1:$port" --data-dir "$work/$name/data" --plan "$plan" \
        >"$work/$name/out.log" 2>"$work/$name/err.log" &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 100); do
        if grep -q '^orkestr-local: listening on' "$work/$name/out.log"; then
            local created
            created=$(sed -n 's/^token: //p' "$work/$name/out.log" | head -n1)
            [ -n "$created" ] && token=$created
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "screenshots.sh: orkestr-local ($name) did not start:" >&2
    cat "$work/$name/err.log" >&2
    exit 1
}
stop_server() {
    kill "$1"
    wait "$1" 2>/dev/null || true
}

api() { curl -sS --fail-with-body -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

# create URL REGION TEMPLATE RUN: a sandbox with metadata agent_run=RUN; prints its id once running.
create() {
    local id status
    id=$(api -X POST "$1/v1/sandboxes" \
        -d "{\"template\":\"$3\",\"region\":\"$2\",\"metadata\":{\"agent_run\":\"$4\"},\"env\":{\"OPENAI_API_KEY\":\"sk-demo\"}}" |
        json '["id"]')
    for _ in $(seq 200); do
        status=$(api "$1/v1/sandboxes/$id" | json '["status"]')
        [ "$status" != starting ] && break
        sleep 0.1
    done
    [ "$status" = running ] || { echo "screenshots.sh: $id is $status, not running" >&2; exit 1; }
    echo "$id"
}
pause() { api -X POST "$1/v1/sandboxes/$2/pause" >/dev/null; }
terminate() { api -X DELETE "$1/v1/sandboxes/$2" >/dev/null; }
put_file() { # URL ID PATH TEXT
    local content
    content=$(printf '%s' "$4" | base64 -w0)
    api -X PUT "$1/v1/sandboxes/$2/files" -d "{\"path\":\"$3\",\"encoding\":\"base64\",\"content\":\"$content\"}" >/dev/null
}

# The pro server: a sandbox that was running when its server stopped is failed after the restart.
port=${ORKESTR_SHOTS_PORT:-18790}
url=http://127.0.0.1:$port
start_server pro pro "$port"
create "$url" fsn1 ubuntu-24.04 r_39 >/dev/null
stop_server "$server_pid"
start_server pro pro "$port"
main=$(create "$url" fsn1 python-3.12 r_42)
pause "$url" "$(create "$url" fsn1 ubuntu-24.04 r_43)"
third_paused=$(create "$url" fsn1 node-22 r_44)
pause "$url" "$(create "$url" hel1 node-22 r_45)"
terminate "$url" "$(create "$url" hel1 ubuntu-24.04 r_47)"
busy=$(create "$url" hel1 python-3.12 r_46)
# Files for the Files tab (and the terminal's ls).
put_file "$url" "$main" /workspace/app.py 'import sys

from agent.tools import search


def main(argv: list[str]) -> int:
    """Runs one agent step per query."""
    for query in argv[1:]:
        hits = search(query, limit=5)
        print(f"{query}: {len(hits)} hits")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
'
put_file "$url" "$main" /workspace/agent/__init__.py ''
put_file "$url" "$main" /workspace/agent/tools.py 'def search(query, limit=10):
    return [query] * min(limit, len(query))
'
put_file "$url" "$main" /workspace/README.md '# r_42

Agent run 42: search tools.
'
put_file "$url" "$main" /workspace/requirements.txt 'httpx==0.27.2
'
put_file "$url" "$main" /workspace/results.csv "$(printf 'query,hits\n'; for i in $(seq 400); do printf 'q%d,%d\n' "$i" $((i % 7)); done)"

# Activity for the activity scene: commands that pass, fail and write to stderr in colour.
exec_in() { # URL ID COMMAND
    api -X POST "$1/v1/sandboxes/$2/exec" -d "$(python3 -c 'import json, sys; print(json.dumps({"command": sys.argv[1], "cwd": "/workspace"}))' "$3")" >/dev/null
}
exec_in "$url" "$main" 'ls -la /workspace'
exec_in "$url" "$main" 'python3 app.py agents tools'
exec_in "$url" "$main" 'wc -l results.csv'
exec_in "$url" "$main" "printf 'collecting tests\n\033[32mtest_search PASSED\033[0m\n'; printf '\033[31mtest_limit FAILED\033[0m: expected 5, got 6\n' >&2; exit 1"
put_file "$url" "$main" /workspace/out.csv "$(printf 'query,hits\nagents,5\ntools,5\n')"

# Metrics and processes for their scenes: a worker that keeps about half a core busy and a
# process holding 96 MiB, under one shell (a tree), then a pause longer than 2.5 sampling
# intervals (a gap in the charts, marked paused and resumed).
exec_in "$url" "$main" "nohup sh -c 'python3 -c \"import time
while True:
    t = time.time()
    while time.time() - t < 0.5: pass
    time.sleep(0.5)\" & python3 -c \"import time; x = chr(32) * (96 * 1024 * 1024); time.sleep(3600)\" & wait' >/dev/null 2>&1 &"
sleep 8
pause "$url" "$main"
sleep 7
api -X POST "$url/v1/sandboxes/$main/resume" >/dev/null

# ORKESTR_SHOTS_ONLY="shell terminal" shoots only those scenes (all when empty).
wanted() { [ -z "${ORKESTR_SHOTS_ONLY:-}" ] || [[ " $ORKESTR_SHOTS_ONLY " == *" $1 "* ]]; }
# Work for the list's CPU and memory columns: a busy loop, and 300 MB held with a little CPU.
exec_in "$url" "$busy" 'while :; do :; done > /dev/null 2>&1 &'
exec_in "$url" "$third_paused" "python3 -c 'import time; b = b\"x\" * (300 << 20); list(map(lambda _: (sum(range(20000)), time.sleep(0.05)), iter(int, 1)))' > /dev/null 2>&1 &"

shoot() { # SCENE [WIDTHxHEIGHT NAME-PREFIX]: at 1280x800 (a first start's size) unless given
    local scheme file size=${2:-1280x800} screen
    wanted "$1" || return 0
    screen=$((${size%x*} + 120))x$((${size#*x} + 100))
    for scheme in light dark; do
        file=$out/${3:-}$1-$scheme.png
        echo "screenshots.sh: $file"
        if ! HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share \
            ORKESTR_API_KEY=$token xvfb-run -a -s "-screen 0 ${screen}x24" "$desk" --server "$url" \
            --color-scheme "$scheme" --window-size "$size" --screenshot-scene "$1" --screenshot "$file"; then
            echo "screenshots.sh: $1 ($scheme) failed" >&2
            status=1
        fi
    done
}
status=0
for scene in dashboard terminal shell files editor activity metrics processes; do
    shoot "$scene"
done
# A large screen: the same window at 2560x1440 (wide-SCENE-SCHEME.png).
for scene in dashboard terminal; do
    shoot "$scene" 2560x1440 wide-
done
# The pro plan's third and last snapshot slot taken: the quota scene's pause is refused.
pause "$url" "$third_paused"
shoot quota
exit $status
