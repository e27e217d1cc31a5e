#!/usr/bin/env bash
# Makes tests/server/data/previous-release/: a data directory as the release before the sandbox
# records moved into SQLite wrote it (one state.json per sandbox). It was run once with
# orkestr-local built from commit 8314b5f (main before issue 19) and its output checked in;
# tst_server_watch::migratesThePreviousReleasesDataDir starts the current server on a copy.
#   scripts/in-buildroot tests/server/data/make-previous-release.sh <orkestr-local> <out-dir>
set -euo pipefail
server=$1
out=$2
port=18917
rm -rf "$out"
mkdir -p "$out"
token=$("$server" token create --name fixture --data-dir "$out")
"$server" --listen 127.0.0.1:$port --data-dir "$out" --plan team >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null -H "Authorization: Bearer $token" http://127.0.0.1:$port/v1/account && break; sleep 0.1; done
api() { curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "http://127.0.0.1:$port$2"; }
id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
put() { api PUT "/v1/sandboxes/$1/files" "{\"path\":\"$2\",\"content\":\"$(printf '%s' "$3" | base64 -w0)\"}" >/dev/null; }

# paused, with a snapshot of two files, env and metadata
paused=$(api POST /v1/sandboxes '{"template":"ubuntu-24.04","env":{"SECRET_KEY":"fixture-secret"},"metadata":{"role":"paused"}}' | id_of)
put "$paused" /workspace/notes.txt "kept across the migration"
put "$paused" /workspace/src/main.py "print('hello')"
api POST "/v1/sandboxes/$paused/pause" >/dev/null
# running at the server's end (it comes back failed, its files kept)
running=$(api POST /v1/sandboxes '{"template":"ubuntu-24.04","region":"hel1","metadata":{"role":"running"}}' | id_of)
put "$running" /workspace/data.csv "a,b
1,2"
# terminated (listed for an hour after its termination)
ended=$(api POST /v1/sandboxes '{"template":"ubuntu-24.04","metadata":{"role":"terminated"}}' | id_of)
api DELETE "/v1/sandboxes/$ended" >/dev/null
# a second paused one, without files
paused2=$(api POST /v1/sandboxes '{"template":"python-3.12","cpu":2,"memory_mb":1024,"metadata":{"role":"paused-empty"}}' | id_of)
api POST "/v1/sandboxes/$paused2/pause" >/dev/null
kill -TERM $pid
wait $pid || true
trap - EXIT
# The token is made by the test; the rest is what the server left.
rm -rf "$out/tokens.json" "$out/empty" "$out/journal.sqlite-shm" "$out/journal.sqlite-wal"
echo "paused=$paused running=$running terminated=$ended paused2=$paused2"
