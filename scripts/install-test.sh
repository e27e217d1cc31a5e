#!/usr/bin/env bash
# Installs the .deb in a FRESH minimal Debian 13 root and runs it there, so that a library, a
# Qt plugin, a runtime tool or a file the package forgot makes this fail.
#
#   scripts/install-test.sh [PACKAGE.deb]       default: the newest build/release/packages/orkestr-desk_*.deb
#   scripts/install-test.sh --prepare           only make (or refresh) the cached minimal root
#
# Needs root (debootstrap, and bubblewrap with all capabilities, as scripts/in-buildroot) and
# Debian's mirror (apt-get inside the fresh root). The pristine root made by
# `debootstrap --variant=minbase trixie` is cached as a tarball in
# ${XDG_CACHE_HOME:-~/.cache}/orkestr-desk/install-test-trixie-minbase.tar.zst; every run
# unpacks a new copy (in /dev/shm when it has 2 GB free, else beside the tarball;
# ORKESTR_INSTALL_TEST_DIR chooses) and deletes it at the end. Downloaded packages are kept in
# install-test-apt-archives/ beside it. ORKESTR_INSTALL_TEST_REFRESH=1 makes the tarball again
# (and empties that download cache); ORKESTR_INSTALL_TEST_KEEP=1 keeps the root of a run.
#
# In the fresh root it: installs the package with apt-get (no Recommends: Depends must be
# enough); checks the installed files (programs, desktop entry, AppStream metadata, icons,
# manual pages, the systemd user unit); runs `orkestr-desk --help` and `orkestr-local
# --version`; starts orkestr-local on a free loopback port; takes a screenshot with orkestr-desk
# --server (offscreen); then installs curl (a test tool only, after the checks above so that its
# libraries cannot hide a missing dependency), creates a sandbox, runs a command in it, and
# waits for the dashboard to paint it, through --server and then through its embedded
# orkestr-local (started from /usr/bin on the same data directory). The painted list is reported
# by orkestr-desk-scenes --exit-after-first-list (tools/desk-scenes, the same dashboard; no
# package holds it), copied into the root from the package's build directory (BUILD_DIR/bin
# beside BUILD_DIR/packages; ORKESTR_INSTALL_TEST_SCENES chooses another).
# Last, it installs systemd in the root and starts a real `systemd --user` there (in a cgroup
# namespace of its own, on a child cgroup of this script's), which starts the installed
# orkestr-local.service; the service must answer on 127.0.0.1:8787 and stop cleanly.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/orkestr-desk
tarball=$cache_dir/install-test-trixie-minbase.tar.zst
results_dir=$ORKESTR_REPO/build/install-test

prepare_only=0
deb=""
case "${1:-}" in
--prepare) prepare_only=1 ;;
-h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0 ;;
"") ;;
*) deb=$1 ;;
esac

[ "$(id -u)" -eq 0 ] || die "the install test needs root (debootstrap, and bubblewrap with all capabilities)." \
    "Run it as root: sudo scripts/install-test.sh"
command -v bwrap >/dev/null 2>&1 || die "bwrap is missing." "Run scripts/setup.sh first (it installs bubblewrap)."
[ -x /usr/sbin/debootstrap ] || command -v debootstrap >/dev/null 2>&1 ||
    die "debootstrap is missing." "Run scripts/setup.sh first, or apt-get install debootstrap."
command -v zstd >/dev/null 2>&1 || die "zstd is missing." "apt-get install zstd"

started=$SECONDS
phase_started=$SECONDS
timings=()
phase_done() {
    timings+=("$1 $((SECONDS - phase_started)) s;")
    phase_started=$SECONDS
}

# --- The cached pristine root ------------------------------------------------------------------
make_tarball() {
    local dir log
    mkdir -p "$cache_dir"
    dir=$(mktemp -d "$cache_dir/install-test-bootstrap.XXXXXX")
    chmod 0755 "$dir"
    log="$dir.log"
    say "making a minimal Debian 13 root with debootstrap (cached in $tarball)"
    if ! /usr/sbin/debootstrap --variant=minbase trixie "$dir" "$ORKESTR_DEBIAN_MIRROR" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        rm -rf "$dir"
        die "debootstrap failed (log: $log)." "Check the network, or set ORKESTR_DEBIAN_MIRROR to a reachable Debian mirror."
    fi
    printf 'deb %s trixie main\ndeb %s trixie-updates main\n' "$ORKESTR_DEBIAN_MIRROR" "$ORKESTR_DEBIAN_MIRROR" \
        >"$dir/etc/apt/sources.list"
    # Nothing downloaded stays in the tarball.
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" --numeric-owner --xattrs -cf - . | zstd -q -T0 -3 -o "$tarball.part"
    mv "$tarball.part" "$tarball"
    rm -rf "$dir" "$log"
}

if [ ! -f "$tarball" ] || [ "${ORKESTR_INSTALL_TEST_REFRESH:-0}" = 1 ]; then
    rm -rf "$cache_dir/install-test-apt-archives"
    make_tarball
    phase_done "debootstrap (cold cache)"
fi
if [ $prepare_only = 1 ]; then
    say "cached minimal root: $tarball ($(du -h "$tarball" | cut -f1)); ${timings[*]:-already there}"
    exit 0
fi

# --- The package -------------------------------------------------------------------------------
if [ -z "$deb" ]; then
    deb=$(ls -t "$ORKESTR_REPO"/build/release/packages/orkestr-desk_*.deb 2>/dev/null | head -n 1 || true)
    [ -n "$deb" ] || die "no package given and none in build/release." "Make one with scripts/package.sh first."
fi
[ -f "$deb" ] || die "no such package: $deb"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
scenes=${ORKESTR_INSTALL_TEST_SCENES:-$(dirname "$(dirname "$deb")")/bin/orkestr-desk-scenes}
[ -x "$scenes" ] || die "no orkestr-desk-scenes at $scenes (it reports the painted list)." \
    "Build it in the package's build directory (target orkestr-desk-scenes; scripts/package.sh does)."
say "testing $deb"

# --- A fresh copy ------------------------------------------------------------------------------
# In memory when /dev/shm has room (2 GB; the root grows to about 600 MB): dpkg's many small
# writes and the final removal are then quick. ORKESTR_INSTALL_TEST_DIR chooses another place.
runs_dir=${ORKESTR_INSTALL_TEST_DIR:-}
if [ -z "$runs_dir" ]; then
    runs_dir=$cache_dir/install-test-runs
    if [ -d /dev/shm ] && [ "$(df -Pm /dev/shm | awk 'NR == 2 { print $4 }')" -ge 2048 ]; then
        runs_dir=/dev/shm/orkestr-install-test
    fi
fi
mkdir -p "$runs_dir" "$results_dir"
root=$(mktemp -d "$runs_dir/root.XXXXXX")
cleanup() {
    if [ "${ORKESTR_INSTALL_TEST_KEEP:-0}" = 1 ]; then
        say "kept the test root: $root"
    else
        rm -rf --one-file-system "$root"
        rmdir "$runs_dir" 2>/dev/null || true
    fi
}
trap cleanup EXIT
zstd -q -d -c "$tarball" | tar -C "$root" --numeric-owner --xattrs -xf -
chmod 0755 "$root" # it becomes /: apt's _apt user must be able to enter it
# A root thrown away after the run needs no fsync after every file dpkg unpacks.
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/orkestr-install-test-unsafe-io"
# Downloaded .debs are kept between runs (apt checks them against the fresh root's package
# lists), so that a run with a warm cache does not download the ~130 packages again.
apt_archives=$cache_dir/install-test-apt-archives
mkdir -p "$apt_archives/partial"
apt_uid=$(awk -F: '$1 == "_apt" { print $3 }' "$root/etc/passwd")
[ -z "$apt_uid" ] || chown "$apt_uid" "$apt_archives/partial"
cp "$deb" "$root/root/"
cp "$scenes" "$root/root/orkestr-desk-scenes"
phase_done "fresh root from the cached tarball"

# Enters the root as scripts/in-buildroot enters the build root: bubblewrap with all
# capabilities, so that orkestr-local's own bubblewrap sandboxes work inside it (nested bwrap
# without a user namespace), and apt can drop to its _apt user. Shares the host's network
# (apt, and loopback for the server). All mounts vanish with the process.
bwrap_extra=()
in_root() {
    bwrap "${bwrap_extra[@]}" --cap-add ALL --bind "$root" / --dev /dev --proc /proc \
        --ro-bind /etc/resolv.conf /etc/resolv.conf --ro-bind-try /sys /sys \
        --bind "$results_dir" /results --bind "$apt_archives" /var/cache/apt/archives \
        --chdir /root --die-with-parent \
        --clearenv --setenv HOME /root --setenv LANG C.UTF-8 --setenv TERM dumb \
        --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --setenv DEBIAN_FRONTEND noninteractive \
        "$@"
}

# --- Install -----------------------------------------------------------------------------------
log=$results_dir/apt.log
say "apt-get install ./$(basename "$deb") in the fresh root (no Recommends)"
if ! in_root apt-get update >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "apt-get update failed in the fresh root (log: $log)." "Check the network or ORKESTR_DEBIAN_MIRROR."
fi
if ! in_root apt-get install -y --no-install-recommends "./$(basename "$deb")" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "the package does not install in a fresh Debian 13 (log: $log)."
fi
installed=$(grep -cE '^Setting up ' "$log" || true)
phase_done "apt-get install ($installed packages set up)"

# --- Inside the root ---------------------------------------------------------------------------
# The checks' helper, shared by the scripts below.
cat >"$root/root/install-test-check.sh" <<'CHECK'
failures=0
check() { # check DESCRIPTION COMMAND...
    local description=$1
    shift
    if "$@" >/tmp/check.out 2>&1; then
        echo "  ok   $description"
    else
        echo "  FAIL $description"
        sed 's/^/       | /' /tmp/check.out | tail -n 25
        failures=$((failures + 1))
    fi
}
CHECK
cat >"$root/root/install-test-inside.sh" <<'INSIDE'
#!/bin/bash
# Runs inside the fresh root after the package is installed.
set -uo pipefail
. /root/install-test-check.sh
id=eu.orkestr.Desk
export QT_QPA_PLATFORM=offscreen

echo "Installed files"
check "/usr/bin/orkestr-desk is executable" test -x /usr/bin/orkestr-desk
check "/usr/bin/orkestr-local is executable" test -x /usr/bin/orkestr-local
check "the scenes tool is not installed" test ! -e /usr/bin/orkestr-desk-scenes
check "desktop entry /usr/share/applications/$id.desktop" grep -q '^Exec=orkestr-desk' /usr/share/applications/$id.desktop
check "AppStream metadata /usr/share/metainfo/$id.metainfo.xml" grep -q "<id>$id</id>" /usr/share/metainfo/$id.metainfo.xml
check "scalable icon" grep -q '<svg' /usr/share/icons/hicolor/scalable/apps/$id.svg
for size in 16 22 24 32 48 64 128 256 512; do
    check "${size}x${size} icon" test -s /usr/share/icons/hicolor/${size}x${size}/apps/$id.png
done
check "manual page orkestr-desk(1)" sh -c 'zcat /usr/share/man/man1/orkestr-desk.1.gz | grep -q "^\.TH ORKESTR-DESK 1"'
check "manual page orkestr-local(1)" sh -c 'zcat /usr/share/man/man1/orkestr-local.1.gz | grep -q "^\.TH ORKESTR-LOCAL 1"'
check "systemd user unit orkestr-local.service" \
    grep -qx 'ExecStart=orkestr-local --listen 127.0.0.1:8787' /usr/lib/systemd/user/orkestr-local.service
check "every library of both programs resolves (ldd)" sh -c \
    '! ldd /usr/bin/orkestr-desk /usr/bin/orkestr-local | grep "not found"'
check "bwrap, nsenter, setpriv, prlimit and tar are installed" sh -c \
    'command -v bwrap && command -v nsenter && command -v setpriv && command -v prlimit && command -v tar'

echo "Programs"
check "orkestr-desk --help" sh -c 'orkestr-desk --help | grep -q -- "--server"'
check "orkestr-desk --version" sh -c 'orkestr-desk --version | grep -qE "orkestr-desk [0-9]"'
check "orkestr-local --version" sh -c 'orkestr-local --version | grep -qE "orkestr-local [0-9]"'
# The translations are compiled into the program (:/i18n), so no file can be missing; this
# only reports whether the --help text is translated yet.
if [ "$(LANG=de_DE.UTF-8 orkestr-desk --help 2>&1)" != "$(LANG=C.UTF-8 orkestr-desk --help 2>&1)" ]; then
    echo "  ok   orkestr-desk --help is German with LANG=de_DE.UTF-8 (built-in translations)"
else
    echo "  note orkestr-desk --help is not German with LANG=de_DE.UTF-8: its texts are not translated yet"
fi

# The data directory of orkestr-desk's embedded server (AppLocalDataLocation/local-server), so
# that the embedded server started at the end finds the sandbox made here.
data=/root/.local/share/orkestr/orkestr-desk/local-server
token=$(orkestr-local token create --name install-test --data-dir $data)
orkestr-local --listen 127.0.0.1:0 --data-dir $data >/tmp/server.log 2>&1 &
server=$!
url=""
for _ in $(seq 100); do
    url=$(grep -oE 'listening on http://[0-9.]+:[0-9]+' /tmp/server.log | sed 's/listening on //')
    [ -n "$url" ] && break
    kill -0 $server 2>/dev/null || break
    sleep 0.1
done
check "orkestr-local starts and listens ($url)" test -n "$url"
sed 's/^/       server: /' /tmp/server.log | grep -v token
check "orkestr-local finds bubblewrap + nsenter" grep -q 'isolation: bubblewrap + nsenter' /tmp/server.log

export ORKESTR_API_KEY=$token
# orkestr.app.debug says where it connected: the picture is of a connected window.
check "orkestr-desk --server $url connects and saves a screenshot" sh -c \
    "QT_LOGGING_RULES=orkestr.app.debug=true timeout 60 orkestr-desk --server $url --screenshot /results/server.png 2>/tmp/desk.err; \
     s=\$?; cat /tmp/desk.err; [ \$s -eq 0 ] && grep -q 'orkestr.app: connected to' /tmp/desk.err && test -s /results/server.png"

echo "Sandboxes (curl installed now, as a test tool)"
apt-get install -y --no-install-recommends curl >/tmp/curl-install.log 2>&1 || { cat /tmp/curl-install.log; exit 1; }
api() { curl -sS --max-time 60 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
created=$(api -d '{"template":"ubuntu-24.04","metadata":{"purpose":"install-test"}}' "$url/v1/sandboxes")
sandbox=$(printf '%s' "$created" | grep -oE '"id": *"sbx_[^"]+"' | head -n 1 | grep -oE 'sbx_[^"]+')
echo "$created" >/tmp/create.out
check "POST /v1/sandboxes creates a running sandbox ($sandbox)" sh -c "grep -q '\"status\": *\"running\"' /tmp/create.out"
executed=$(api -d '{"command":"echo hello from $(hostname); id -u; cat /etc/debian_version"}' "$url/v1/sandboxes/$sandbox/exec")
echo "$executed" >/tmp/exec.out
echo "       exec: $executed"
check "exec runs in the sandbox (hostname 'sandbox', exit code 0)" sh -c \
    "grep -q 'hello from sandbox' /tmp/exec.out && grep -qE '\"exit_code\": *0' /tmp/exec.out"
check "the dashboard (orkestr-desk-scenes --exit-after-first-list 1) paints the sandbox" sh -c \
    "timeout 60 /root/orkestr-desk-scenes --server $url --exit-after-first-list 1 | tee /dev/stderr | grep -q 'rows_shown=1'"
check "DELETE /v1/sandboxes/$sandbox terminates it" sh -c \
    "curl -sS --max-time 60 -X DELETE -H 'Authorization: Bearer $token' $url/v1/sandboxes/$sandbox | grep -q '\"status\": *\"terminated\"'"

kill -TERM $server
wait $server
check "orkestr-local exits cleanly on SIGTERM" test $? -eq 0

# With no --server, orkestr-desk starts the orkestr-local installed beside it on the same data
# directory, with a token of its own; the terminated sandbox stays listed for an hour.
check "the dashboard with its embedded orkestr-local paints the sandbox" sh -c \
    "env -u ORKESTR_API_KEY timeout 60 /root/orkestr-desk-scenes --exit-after-first-list 1 | tee /dev/stderr | grep -q 'rows_shown=1'"
check "orkestr-desk with its embedded orkestr-local connects and saves a screenshot" sh -c \
    "env -u ORKESTR_API_KEY QT_LOGGING_RULES=orkestr.app.debug=true timeout 60 orkestr-desk --screenshot /results/embedded.png 2>/tmp/desk.err; \
     s=\$?; cat /tmp/desk.err; [ \$s -eq 0 ] && grep -q 'orkestr.app: connected to' /tmp/desk.err && test -s /results/embedded.png"
exit $((failures > 0))
INSIDE
chmod +x "$root/root/install-test-inside.sh"
say "running the programs in the fresh root"
set +e
in_root /root/install-test-inside.sh 2>&1 | tee "$results_dir/inside.log"
status=${PIPESTATUS[0]}
set -e
phase_done "checks in the fresh root"

# --- The user unit under a real systemd --------------------------------------------------------
# No systemd runs on the machines this test runs on (a container, a CI runner) and minbase has
# none: a user manager is started by hand. It needs what a booted system gives it: a cgroup2
# hierarchy it may manage (its own cgroup namespace, rooted at a child cgroup made here, so that
# it moves no process of the host), /run/systemd/system (sd_booted(); without it `systemd --user`
# exits at once) and XDG_RUNTIME_DIR. Everything it manages stays in that child cgroup.
cat >"$root/root/install-test-systemd.sh" <<'INSIDE'
#!/bin/bash
set -uo pipefail
. /root/install-test-check.sh
echo "The user unit under systemd --user (systemd installed now, as a test tool)"
apt-get install -y --no-install-recommends systemd >/tmp/systemd-install.log 2>&1 ||
    { tail -n 20 /tmp/systemd-install.log; exit 1; }
mount -t cgroup2 cgroup2 /sys/fs/cgroup || { echo "  FAIL cannot mount cgroup2 in the cgroup namespace"; exit 1; }
mkdir -p /run/systemd/system /run/user/0
chmod 0700 /run/user/0
export XDG_RUNTIME_DIR=/run/user/0
/usr/lib/systemd/systemd --user >/tmp/systemd-user.log 2>&1 &
manager=$!
for _ in $(seq 100); do
    [ -S $XDG_RUNTIME_DIR/systemd/private ] && break
    kill -0 $manager 2>/dev/null || break
    sleep 0.1
done
check "systemd --user runs ($(systemctl --version | head -n 1))" sh -c \
    'systemctl --user is-system-running --wait; systemctl --user is-system-running | grep -qE "running|degraded" || { cat /tmp/systemd-user.log; false; }'
check "systemctl --user start orkestr-local.service (an empty data dir)" timeout 60 systemctl --user start orkestr-local.service
check "orkestr-local.service is active" systemctl --user is-active orkestr-local.service
pid=$(systemctl --user show -P MainPID orkestr-local.service)
check "its main process ($pid) is /usr/bin/orkestr-local --listen 127.0.0.1:8787" sh -c \
    "[ \"\$(readlink /proc/$pid/exe)\" = /usr/bin/orkestr-local ] && tr '\0' ' ' </proc/$pid/cmdline | grep -qxE '(/usr/bin/)?orkestr-local --listen 127\.0\.0\.1:8787 '"
check "ExecStartPre made the read-only placeholder token" sh -c 'orkestr-local token list | grep -q service-placeholder'
code=000
for _ in $(seq 100); do
    code=$(curl -s -o /tmp/unit-401.out -w '%{http_code}' --max-time 5 http://127.0.0.1:8787/v1/sandboxes) && [ "$code" != 000 ] && break
    sleep 0.1
done
check "it answers on 127.0.0.1:8787 (401 without a token)" sh -c "[ $code = 401 ] && grep -q request_id /tmp/unit-401.out"
token=$(orkestr-local token create --name systemd-test --read-only)
check "GET /v1/sandboxes with a token made while it runs" sh -c \
    "curl -sS --max-time 10 -H 'Authorization: Bearer $token' http://127.0.0.1:8787/v1/sandboxes | grep -q '\"sandboxes\"'"
check "systemctl --user stop orkestr-local.service" timeout 60 systemctl --user stop orkestr-local.service
check "it stopped cleanly (inactive, not failed)" sh -c '[ "$(systemctl --user is-active orkestr-local.service)" = inactive ]'
check "its process is gone and 8787 answers no more" sh -c \
    "! kill -0 $pid 2>/dev/null && ! curl -s --max-time 5 http://127.0.0.1:8787/v1/sandboxes"
systemctl --user exit >/dev/null 2>&1 || kill -TERM $manager
wait $manager
exit $((failures > 0))
INSIDE
chmod +x "$root/root/install-test-systemd.sh"
say "starting orkestr-local.service under systemd --user in the fresh root"
cgroup_mount=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$cgroup_mount" ] || die "no cgroup2 hierarchy is mounted (systemd --user needs one)."
cgroup=$cgroup_mount$(sed -n 's/^0:://p' /proc/self/cgroup)
cgroup=${cgroup%/}/orkestr-install-test-$$
mkdir "$cgroup"
set +e
(
    echo "$BASHPID" >"$cgroup/cgroup.procs" || exit 1
    bwrap_extra=(--unshare-cgroup)
    in_root /root/install-test-systemd.sh
) 2>&1 | tee "$results_dir/systemd.log"
systemd_status=${PIPESTATUS[0]}
set -e
# The manager ended; what it made below the child cgroup goes with it.
find "$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null || true
[ "$systemd_status" -eq 0 ] || status=1
phase_done "the user unit under systemd --user"
cleanup
trap - EXIT
phase_done "removing the fresh root"

say "timings: ${timings[*]} total $((SECONDS - started)) s"
say "logs and screenshots: $results_dir"
[ "$status" -eq 0 ] || die "the install test failed (see the FAIL lines above)."
say "install test passed: $(basename "$deb") installs and runs in a fresh Debian 13"
