#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The real boot figure: one guest boot (QEMU q35, TCG, emulated VT-d with
# aw-bits=48) starts smmuman five times on the end-to-end test's main policy
# and measures, on the guest's monotonic clock, the time from its exec to
# translation enabled (TE); then five starts parse-at-boot style (a static
# smmucc compiles the text in the guest, smmuman builds the tables at boot).
# Prints each start's "BENCH boot-to-te-us N" / "BENCH
# parse-at-boot-to-te-us N", the medians and their ratio.
# Exit status: 0 measured, 1 failed, 77 QEMU, a kernel or busybox-static
# is missing. Note: TCG emulates the CPU, so the figure is far slower than
# the same code on hardware; compare it only with itself.
set -u

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=$(cd "${top_builddir:-.}" && pwd)
e2e=$builddir/tests/e2e
here=$srcdir/tests/e2e

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
(cd "$here" && "$builddir/compiler/smmucc" --table-memory 0xc000000,8M -o "$work/main.smmub" \
	e2e-main.smmu) || exit 1
"$here/mkinitramfs.sh" "$work/initramfs.cpio.gz" "$here/guest-e2e.sh" "$e2e/edudma" \
	"$e2e/smmuman" "$e2e/vtdoff" "$e2e/monoexec" "$e2e/smmucc" \
	"$work/main.smmub:/data/main.smmub" "$here/e2e-main.smmu:/data/e2e-main.smmu" ||
	exit 1
if ! E2E_APPEND="e2e_mode=bench" "$here/run-qemu.sh" -a 48 -t 240 \
	"$work/initramfs.cpio.gz" "$work/boot.log"; then
	echo "bench-e2e-boot: the guest failed (log $work/boot.log)"
	exit 1
fi
tr -d '\r' <"$work/boot.log" | grep '^BENCH [a-z-]* [0-9]*$' >"$work/bench.txt"
cat "$work/bench.txt"
st=0
for what in boot-to-te-us parse-at-boot-to-te-us; do
	n=$(grep -c "^BENCH $what " "$work/bench.txt")
	if [ "$n" -ne 5 ]; then
		echo "bench-e2e-boot: $n of 5 $what starts measured (log $work/boot.log)"
		st=1
		continue
	fi
	eval "med_$(echo $what | tr - _)=$(grep "^BENCH $what " "$work/bench.txt" |
		cut -d' ' -f3 | sort -n | sed -n 3p)"
done
[ $st -eq 0 ] || exit 1
echo "BENCH boot-to-te-us $med_boot_to_te_us (median of 5: prebuilt tables)"
echo "BENCH parse-at-boot-to-te-us $med_parse_at_boot_to_te_us (median of 5: parse, then build)"
echo "BENCH ratio parse-at-boot / prebuilt: $(awk "BEGIN { printf \"%.1f\", $med_parse_at_boot_to_te_us / $med_boot_to_te_us }")"
rm -rf "$work"
