#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Installs the Debian 12 packages the build and the tests need, if any is
# missing. The one list of dependencies: README, quick start and CI use it.
set -euo pipefail

pkgs=(
	# build
	gcc make autoconf automake pkg-config bison
	libyaml-dev libfdt-dev libcunit1-dev
	# tests: dtc builds test device trees, jsonschema validates -O json,
	# clang builds the fuzz harnesses, QEMU + kernel + busybox run the
	# end-to-end test on an emulated VT-d, valgrind measures the benchmarks
	device-tree-compiler python3 python3-jsonschema python3-yaml clang
	qemu-system-x86 linux-image-amd64 busybox-static cpio valgrind
	# the SMMUv3 end-to-end test: QEMU's aarch64 virt board and the cross
	# compiler for its static smmuman (the arm64 kernel, busybox and libfdt
	# are unpacked into a cache by tests/e2e/arm64-guest.sh, never installed)
	qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
