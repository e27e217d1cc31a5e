# shellcheck shell=bash
# Shared by the scripts in this folder: where the repository is, whether this distribution
# packages our libraries natively, and where the Debian 13 build root lives when it does not.

ORKESTR_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ORKESTR_PACKAGES_DIR="$ORKESTR_REPO/scripts/packages"
# The Debian 13 root lives outside the repository, in the user's cache, and can be moved.
ORKESTR_BUILDROOT=${ORKESTR_BUILDROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/orkestr-desk/debian13-root}
ORKESTR_DEBIAN_MIRROR=${ORKESTR_DEBIAN_MIRROR:-http://deb.debian.org/debian}

die() {
    printf 'orkestr: error: %s\n' "$1" >&2
    shift
    for line in "$@"; do printf '  %s\n' "$line" >&2; done
    exit 1
}

say() { printf 'orkestr: %s\n' "$*" >&2; }

# Prints "debian", "fedora" or "arch" where the distribution packages every library we need,
# and "buildroot" where it does not (Debian 12 and older, Ubuntu before 25.04, anything else).
# ORKESTR_SETUP_MODE=buildroot forces the root, e.g. to test it on a Debian 13 desktop.
orkestr_setup_mode() {
    if [ -n "${ORKESTR_SETUP_MODE:-}" ]; then
        echo "$ORKESTR_SETUP_MODE"
        return
    fi
    local id="" version_id="" id_like=""
    if [ -r /etc/os-release ]; then
        # shellcheck disable=SC1091
        id=$(. /etc/os-release && echo "${ID:-}")
        version_id=$(. /etc/os-release && echo "${VERSION_ID:-}")
        id_like=$(. /etc/os-release && echo "${ID_LIKE:-}")
    fi
    case "$id" in
    debian)
        # Testing and unstable have no VERSION_ID; they are newer than 13.
        if [ -z "$version_id" ] || [ "${version_id%%.*}" -ge 13 ]; then echo debian; else echo buildroot; fi ;;
    ubuntu)
        local major=${version_id%%.*} minor=${version_id#*.}
        if [ "$major" -gt 25 ] || { [ "$major" -eq 25 ] && [ "${minor#0}" -ge 4 ]; }; then echo debian; else echo buildroot; fi ;;
    fedora) echo fedora ;;
    arch | endeavouros | manjaro) echo arch ;;
    *)
        case " $id_like " in
        *" arch "*) echo arch ;;
        *) echo buildroot ;;
        esac ;;
    esac
}

# Package list without comments and blank lines.
orkestr_package_list() {
    grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$ORKESTR_PACKAGES_DIR/$1.txt"
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "installing packages needs root rights, and sudo is not available." \
            "Run this script as root, or install sudo and allow this user to use it."
    fi
}

# Runs a command with the build's libraries available: directly on a native system,
# inside the Debian 13 root otherwise.
in_env() {
    if [ "$(orkestr_setup_mode)" = buildroot ]; then
        "$ORKESTR_REPO/scripts/in-buildroot" "$@"
    else
        "$@"
    fi
}
