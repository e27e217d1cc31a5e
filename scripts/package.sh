#!/usr/bin/env bash
# Builds the release programs and makes the packages with CPack: a .deb, a .tar.gz and, where
# rpmbuild is installed (it is in the build root), an .rpm. Prints their paths.
#
#   scripts/package.sh [BUILD_DIR]     default: build/release (the release preset)
#
# Another BUILD_DIR is configured like the release preset (RelWithDebInfo; CPack strips the
# programs). The packages go to BUILD_DIR/packages. scripts/install-test.sh tests the .deb.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cd "$ORKESTR_REPO"
build_dir=${1:-build/release}
build_dir=$(realpath -m "$build_dir")
# Only what the packages hold: the two programs and the compressed manual pages; and
# orkestr-desk-scenes, which no package holds, for scripts/install-test.sh.
targets=(--target orkestr-desk orkestr-local orkestr-man-pages orkestr-desk-scenes)

started=$SECONDS
if [ "$build_dir" = "$ORKESTR_REPO/build/release" ]; then
    "$ORKESTR_REPO/scripts/build.sh" release "${targets[@]}"
else
    if [ ! -f "$build_dir/build.ninja" ]; then
        in_env cmake -S "$ORKESTR_REPO" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
    fi
    in_env cmake --build "$build_dir" "${targets[@]}" >&2
fi
say "built in $((SECONDS - started)) s; packaging"

# CPack's DEB generator needs file(1) to find the programs for dpkg-shlibdeps.
in_env sh -c 'command -v file >/dev/null && command -v dpkg-shlibdeps >/dev/null' ||
    die "the .deb needs the programs file and dpkg-shlibdeps in the build environment." \
        "apt-get install file dpkg-dev (in the build root: add them to scripts/packages/debian.txt and run scripts/setup.sh)."

rm -rf "$build_dir/packages"
log="$build_dir/cpack.log"
if ! in_env cpack --config "$build_dir/CPackConfig.cmake" -B "$build_dir/packages" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "cpack failed (log: $log)."
fi
rm -rf "$build_dir/packages/_CPack_Packages"

say "packages ($((SECONDS - started)) s in all):"
shopt -s nullglob
packages=("$build_dir"/packages/*.deb "$build_dir"/packages/*.rpm "$build_dir"/packages/*.tar.gz)
[ ${#packages[@]} -gt 0 ] || die "cpack made no package (log: $log)."
for package in "${packages[@]}"; do
    printf '%s\t%s\n' "$(du -h "$package" | cut -f1)" "$package" >&2
    echo "$package"
done
