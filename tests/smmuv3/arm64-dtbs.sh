#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The device trees of Debian's arm64 kernel package that have an SMMUv3
# (tests/smmuv3/test_fdt_debian.c reads them). They are the kernel's, not
# ours, so they are fetched, never committed: once, into a cache outside
# the build tree. Prints the directory that holds them.
# With --all: every tree of the package, as VENDOR/NAME.dtb under
# arm64-dtbs-all (tests/front/asinfo-debian.sh reads them all), with COUNT
# the number of trees, written last so a broken copy is never taken for one.
#   SMMU_TEST_CACHE   the cache (default ${XDG_CACHE_HOME:-$HOME/.cache}/smmu-tests)
set -euo pipefail

cache=${SMMU_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smmu-tests}
all=false
[ "${1:-}" = --all ] && all=true
dir=$cache/arm64-dtbs
$all && dir=$cache/arm64-dtbs-all
trees=(arm/fvp-base-revc.dtb hisilicon/hip06-d03.dtb hisilicon/hip07-d05.dtb
	ti/k3-j721e-sk.dtb ti/k3-j721e-common-proc-board.dtb)

have() {
	if $all; then
		[ -s "$dir/COUNT" ] &&
			[ "$(find "$dir" -name '*.dtb' | wc -l)" -eq "$(cat "$dir/COUNT")" ]
		return
	fi
	for t in "${trees[@]}"; do [ -s "$dir/${t##*/}" ] || return 1; done
}
if have; then
	echo "$dir"
	exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# apt-get download of an arm64 package needs the architecture known to dpkg
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$sudo dpkg --add-architecture arm64
	$sudo apt-get update -qq
fi
# the kernel the metapackage names (its version moves with Debian's updates)
pkg=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -1)
if [ -z "$pkg" ]; then
	$sudo apt-get update -qq
	pkg=$(apt-cache depends linux-image-arm64:arm64 |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -1)
fi
[ -n "$pkg" ] || { echo "arm64-dtbs: no linux-image-*-arm64 package found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -q "$pkg:arm64" >&2)
dpkg-deb -x "$tmp"/*.deb "$tmp/x"
rm -rf "$dir.new"
mkdir -p "$dir.new"
if $all; then
	# the trees' root: the folder that holds the vendor folders
	src=$(find "$tmp/x/usr/lib" -path "*/${trees[0]}" | head -1)
	[ -n "$src" ] || { echo "arm64-dtbs: $pkg has no ${trees[0]}" >&2; exit 1; }
	src=${src%/"${trees[0]}"}
	(cd "$src" && find . -name '*.dtb' | cpio -pdm --quiet "$dir.new")
	find "$dir.new" -name '*.dtb' | wc -l >"$dir.new/COUNT"
	trees=()
fi
for t in "${trees[@]}"; do
	src=$(find "$tmp/x/usr/lib" -path "*/$t" | head -1)
	[ -n "$src" ] || { echo "arm64-dtbs: $pkg has no $t" >&2; exit 1; }
	cp "$src" "$dir.new/"
done
echo "$pkg" >"$dir.new/PACKAGE"
rm -rf "$dir" && mv "$dir.new" "$dir"
echo "$dir"
