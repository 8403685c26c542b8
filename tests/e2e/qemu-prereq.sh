# SPDX-License-Identifier: BSD-2-Clause
#
# Sourced by the QEMU tests (bringup.sh, e2e.sh): what a guest boot needs,
# or a skip (exit 77) that says which part is missing. Exports KERNEL. Then
# what both keep alike: $builddir and $e2e (absolute), the pass/fail
# counters and a fresh scratch directory.

skip() {
	echo "SKIP: $1"
	echo "0 passed, 0 failed"
	exit 77
}

[ -n "${QEMU_X86:-}" ] || skip "QEMU_X86 is not set (configure found no qemu-system-x86_64)"
command -v "$QEMU_X86" >/dev/null 2>&1 || skip "$QEMU_X86 not found"
kernel=${KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
[ -n "$kernel" ] && [ -r "$kernel" ] || skip "no readable kernel /boot/vmlinuz-* (set KERNEL)"
export KERNEL=$kernel
[ -x "${BUSYBOX:-/bin/busybox}" ] || skip "busybox-static is not installed"

builddir=$(cd "${top_builddir:-.}" && pwd)
e2e=$builddir/tests/e2e
passed=0
failed=0

# tally PASS|FAIL: counts one case.
tally() {
	if [ "$1" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

# scratch NAME: $work, the empty directory $e2e/NAME.
scratch() {
	work=$e2e/$1
	rm -rf "$work"
	mkdir -p "$work" || exit 99
}
