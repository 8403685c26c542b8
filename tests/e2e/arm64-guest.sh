#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The aarch64 guest of tests/e2e/e2e-smmuv3.sh: Debian's arm64 kernel Image,
# a static arm64 busybox, arm64 libfdt (headers and libfdt.a) for the
# static aarch64 smmuman, and arm64 libyaml for the static aarch64 smmucc
# of the boot bench: Debian 12's libfdt-dev:arm64 cannot be installed
# beside the host's libfdt-dev (apt removes one for the other), so it is
# unpacked here instead. They are Debian's, not ours, so they are
# fetched, never committed: once, into a cache outside the build tree, and
# unpacked, never installed (an arm64 kernel installed on the host would run
# the host's kernel hooks). Prints the directory that holds vmlinuz,
# busybox, fdt/ and yaml/ (usr/include, usr/lib/aarch64-linux-gnu).
#   SMMU_TEST_CACHE   the cache (default ${XDG_CACHE_HOME:-$HOME/.cache}/smmu-tests)
set -euo pipefail

cache=${SMMU_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smmu-tests}
dir=$cache/arm64-guest
if [ -s "$dir/vmlinuz" ] && [ -x "$dir/busybox" ] &&
	[ -s "$dir/fdt/usr/lib/aarch64-linux-gnu/libfdt.a" ] &&
	[ -s "$dir/yaml/usr/lib/aarch64-linux-gnu/libyaml.a" ]; then
	echo "$dir"
	exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$sudo dpkg --add-architecture arm64
	$sudo apt-get update -qq
fi
# the kernel the metapackage names: its ABI moves with Debian's updates
kpkg() {
	apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -1
}
pkg=$(kpkg)
if [ -z "$pkg" ]; then
	$sudo apt-get update -qq
	pkg=$(kpkg)
fi
[ -n "$pkg" ] || { echo "arm64-guest: no linux-image-*-arm64 package found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -q "$pkg:arm64" busybox-static:arm64 libfdt-dev:arm64 \
	libyaml-dev:arm64 >&2)
mkdir -p "$tmp/k" "$tmp/b" "$dir.new"
dpkg-deb --fsys-tarfile "$tmp/$pkg"_*_arm64.deb | tar -x -C "$tmp/k" ./boot
dpkg-deb --fsys-tarfile "$tmp"/busybox-static_*_arm64.deb | tar -x -C "$tmp/b" ./bin/busybox
cp "$tmp"/k/boot/vmlinuz-*-arm64 "$dir.new/vmlinuz"
cp "$tmp/b/bin/busybox" "$dir.new/busybox"
dpkg-deb -x "$tmp"/libfdt-dev_*_arm64.deb "$dir.new/fdt"
dpkg-deb -x "$tmp"/libyaml-dev_*_arm64.deb "$dir.new/yaml"
echo "$pkg" >"$dir.new/PACKAGE"
rm -rf "$dir" && mv "$dir.new" "$dir"
echo "$dir"
