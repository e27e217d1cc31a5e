#!/usr/bin/env bash
# Installs everything Orkestr Desk needs to build, run and test.
#
# - Debian 13+, Ubuntu 25.04+, Fedora, Arch: the distribution's own packages, natively.
# - Anything else (our Debian 12 machines): a Debian 13 root made with debootstrap under
#   $ORKESTR_BUILDROOT (default ${XDG_CACHE_HOME:-$HOME/.cache}/orkestr-desk/debian13-root),
#   with the package list installed inside it; scripts/in-buildroot runs commands there.
#
# Idempotent: with nothing to do it only compares the package list with what was applied.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Space the root needs: measured 1.6 GB for the packages, plus build trees and sandboxes.
readonly NEEDED_MB=3500

package_list_hash() {
    orkestr_package_list "$1" | sha256sum | cut -d' ' -f1
}

check_free_space() {
    local dir=$1 free_mb
    mkdir -p "$dir" || die "cannot create $dir." "Set ORKESTR_BUILDROOT to a writable folder."
    free_mb=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
    if [ "${free_mb:-0}" -lt "$NEEDED_MB" ]; then
        die "only ${free_mb} MB free at $dir; the Debian 13 build root needs about ${NEEDED_MB} MB." \
            "Free some space, or set ORKESTR_BUILDROOT to a folder on a larger disk."
    fi
}

check_mirror() {
    local release="$ORKESTR_DEBIAN_MIRROR/dists/trixie/Release"
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 30 -o /dev/null "$release" 2>/dev/null && return 0
    elif command -v wget >/dev/null 2>&1; then
        wget -q -T 30 -O /dev/null "$release" && return 0
    else
        return 0 # debootstrap itself will say so
    fi
    die "cannot reach the Debian package mirror ($release)." \
        "Check the network connection or proxy, or set ORKESTR_DEBIAN_MIRROR to a reachable Debian mirror."
}

# Explains the usual reason when apt or debootstrap fails.
explain_failure() {
    local what=$1 log=$2
    tail -n 20 "$log" >&2 || true
    if grep -qiE 'No space left on device' "$log"; then
        die "$what failed: the disk is full." "Free some space, or set ORKESTR_BUILDROOT to a larger disk."
    elif grep -qiE 'Temporary failure resolving|Could not resolve|Failed to fetch|Connection (refused|timed out)|Couldn.t download' "$log"; then
        die "$what failed: the package mirror could not be reached." \
            "Check the network, or set ORKESTR_DEBIAN_MIRROR to a reachable Debian mirror."
    else
        die "$what failed; its log is above (full log: $log)."
    fi
}

run_logged() {
    local what=$1 log
    shift
    log=$(mktemp "${TMPDIR:-/tmp}/orkestr-setup.XXXXXX.log")
    if ! "$@" >"$log" 2>&1; then
        explain_failure "$what" "$log"
    fi
    rm -f "$log"
}

ensure_host_tools() {
    local missing=()
    command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
    command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
    [ ${#missing[@]} -eq 0 ] && return
    command -v apt-get >/dev/null 2>&1 ||
        die "this system needs ${missing[*]}, and it has no apt-get to install them." \
            "Install ${missing[*]} with the system's package manager and run this script again."
    say "installing ${missing[*]} on this system"
    run_logged "apt-get update" as_root apt-get update
    run_logged "installing ${missing[*]}" as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

setup_buildroot() {
    local root=$ORKESTR_BUILDROOT stamp="$ORKESTR_BUILDROOT/.orkestr-packages" want
    want=$(package_list_hash debian)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && command -v bwrap >/dev/null 2>&1; then
        say "Debian 13 build root is up to date ($root)"
        return
    fi
    [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1 ||
        die "making the Debian 13 build root needs root rights (debootstrap), and sudo is not available." \
            "Run this script as root, or install sudo."
    ensure_host_tools

    if [ ! -f "$root/.orkestr-bootstrapped" ]; then
        check_free_space "$(dirname "$root")"
        check_mirror
        say "creating the Debian 13 build root in $root (debootstrap, about a minute)"
        # A half-made root from an interrupted run is started again from scratch.
        as_root rm -rf "$root"
        mkdir -p "$(dirname "$root")"
        run_logged "debootstrap" as_root /usr/sbin/debootstrap --variant=minbase trixie "$root" "$ORKESTR_DEBIAN_MIRROR"
        printf 'deb %s trixie main\ndeb %s trixie-updates main\n' "$ORKESTR_DEBIAN_MIRROR" "$ORKESTR_DEBIAN_MIRROR" |
            as_root tee "$root/etc/apt/sources.list" >/dev/null
        # Keep the root small: no documentation or manual pages.
        printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-include /usr/share/doc/*/copyright\n' |
            as_root tee "$root/etc/dpkg/dpkg.cfg.d/01-orkestr-nodoc" >/dev/null
        as_root touch "$root/.orkestr-bootstrapped"
    fi

    check_free_space "$root"
    local packages
    mapfile -t packages < <(orkestr_package_list debian)
    say "installing ${#packages[@]} packages into the build root"
    run_logged "apt-get update in the build root" as_root "$ORKESTR_REPO/scripts/in-buildroot" apt-get update
    run_logged "installing packages into the build root" as_root "$ORKESTR_REPO/scripts/in-buildroot" \
        env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
    as_root "$ORKESTR_REPO/scripts/in-buildroot" apt-get clean
    echo "$want" | as_root tee "$stamp" >/dev/null
    say "Debian 13 build root ready ($(du -sh "$root" 2>/dev/null | cut -f1))"
}

# Whether all the given packages are installed, by the distribution's package manager.
packages_installed() {
    local mode=$1 status
    shift
    case "$mode" in
    debian)
        status=$(dpkg-query -W -f='${Status}\n' "$@" 2>/dev/null) || true
        [ "$(wc -l <<<"$status")" -eq $# ] && ! grep -qv 'install ok installed' <<<"$status" ;;
    fedora) rpm -q "$@" >/dev/null 2>&1 ;;
    arch) pacman -T "$@" >/dev/null 2>&1 ;;
    esac
}

install_packages() {
    local mode=$1
    shift
    case "$mode" in
    debian)
        run_logged "apt-get update" as_root apt-get update
        run_logged "apt-get install" as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y --no-install-recommends "$@" ;;
    fedora) run_logged "dnf install" as_root dnf install -y "$@" ;;
    arch) run_logged "pacman" as_root pacman -S --needed --noconfirm "$@" ;;
    esac
}

setup_native() {
    local mode=$1 packages
    local -A tool=([debian]=apt-get [fedora]=dnf [arch]=pacman)
    mapfile -t packages < <(orkestr_package_list "$mode")
    if packages_installed "$mode" "${packages[@]}"; then
        say "all packages are installed"
        return
    fi
    say "installing ${#packages[@]} packages with ${tool[$mode]}"
    install_packages "$mode" "${packages[@]}"
}

mode=$(orkestr_setup_mode)
case "$mode" in
buildroot) setup_buildroot ;;
debian | fedora | arch) setup_native "$mode" ;;
*) die "unknown ORKESTR_SETUP_MODE '$mode'." "Use buildroot, debian, fedora or arch." ;;
esac
