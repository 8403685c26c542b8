# SPDX-License-Identifier: BSD-2-Clause
#
# Sourced by the QEMU tests (bringup.sh, e2e.sh): what a guest boot needs,
# or a skip (exit 77) that says which part is missing. Exports KERNEL. Then
# what both keep alike: $builddir and $e2e (absolute), the pass/fail
# counters (host-lib.sh) and a fresh scratch directory. The caller sets
# $here, the tests/e2e source directory.

# shellcheck source=tests/e2e/host-lib.sh
. "$here/host-lib.sh"

[ -n "${QEMU_X86:-}" ] || skip "QEMU_X86 is not set (configure found no qemu-system-x86_64)"
command -v "$QEMU_X86" >/dev/null 2>&1 || skip "$QEMU_X86 not found"
kernel=${KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
[ -n "$kernel" ] && [ -r "$kernel" ] || skip "no readable kernel /boot/vmlinuz-* (set KERNEL)"
export KERNEL=$kernel
[ -x "${BUSYBOX:-/bin/busybox}" ] || skip "busybox-static is not installed"

builddir=$(cd "${top_builddir:-.}" && pwd)
e2e=$builddir/tests/e2e
# scratch NAME: $work, the empty directory $e2e/NAME.
scratch() {
	work=$e2e/$1
	rm -rf "$work"
	mkdir -p "$work" || exit 99
}
