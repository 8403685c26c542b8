#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The real boot figure on VT-d: one guest boot (QEMU q35, TCG, emulated
# VT-d with aw-bits=48) starts smmuman five times on a 1,000-region policy
# compiled on the host (prebuilt tables), then five times parse-at-boot
# style (a static smmucc compiles the text in the guest with no tables,
# smmuman builds them at boot), and prints the median time of each phase
# of smmuman's start-up (smmuman -v) from its exec, for both ways, and the
# ratio of their times to translation on. Twice: on -icount shift=0 (a
# clock of guest instructions at 1 ns each: the work itself, the same on a
# loaded host) and on TCG's real time (which adds QEMU's translation of
# code run for the first time). tests/e2e/e2e-smmuv3.sh --bench is the
# same on SMMUv3.
# Exit status: 0 measured, 1 failed, 77 QEMU, a kernel or busybox-static
# is missing. Compare the figures only with themselves: TCG is no CPU.
set -u

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=$(cd "${top_builddir:-.}" && pwd)
e2e=$builddir/tests/e2e
here=$srcdir/tests/e2e
# shellcheck source=tests/e2e/host-lib.sh
. "$here/host-lib.sh"

qemu=${QEMU_X86:-}
if [ -z "$qemu" ] || ! command -v "$qemu" >/dev/null 2>&1; then
	echo "bench-e2e-boot: SKIP: no QEMU (QEMU_X86)"
	exit 77
fi
kernel=${KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$kernel" ] || [ ! -r "$kernel" ] || [ ! -x "${BUSYBOX:-/bin/busybox}" ]; then
	echo "bench-e2e-boot: SKIP: no readable /boot/vmlinuz-* or no busybox-static"
	exit 77
fi
export KERNEL=$kernel
for prog in edudma smmuman vtdoff monoexec smmucc; do
	[ -x "$e2e/$prog" ] || { echo "bench-e2e-boot: missing $e2e/$prog"; exit 1; }
done

work=$(cd "$e2e" && pwd)/bench.d
rm -rf "$work"
mkdir -p "$work" || exit 1
bench_policy "" 0xc800000 >"$work/bench.smmu"
# 1 MiB of table memory, some 20 times what these tables take: smmuman maps
# all of it, and the kernel checks a /dev/mem mapping page by page
tm=0xc000000,1M
(cd "$work" && "$builddir/compiler/smmucc" --table-memory $tm -o bench.smmub bench.smmu) ||
	exit 1
"$here/mkinitramfs.sh" "$work/initramfs.cpio.gz" "$here/guest-e2e.sh" "$e2e/edudma" \
	"$e2e/smmuman" "$e2e/vtdoff" "$e2e/monoexec" "$e2e/smmucc" \
	"$work/bench.smmub:/data/bench.smmub" "$work/bench.smmu:/data/bench.smmu" || exit 1
# boot_bench LOG QEMU-OPTIONS
boot_bench() {
	QEMU_EXTRA=$2 E2E_APPEND="e2e_mode=bench bench_tables=$tm" "$here/run-qemu.sh" -a 48 -t 240 \
		"$work/initramfs.cpio.gz" "$1"
}
bench_clocks vtd boot_bench
st=$?
[ $st -eq 0 ] && [ -z "${E2E_KEEP:-}" ] && rm -rf "$work"
exit $st
