#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boots the host's Debian kernel with an initramfs under QEMU (q35, TCG,
# emulated Intel VT-d, edu DMA test devices) and captures the serial console.
# A wall-clock limit makes sure a hung guest never hangs the caller.
#
# usage: run-qemu.sh [-a AW-BITS] [-t SECONDS] [-e PCI-ADDR]... INITRAMFS LOG
#   -a  VT-d address width, 39 or 48 (default 48)
#   -t  wall-clock limit in seconds (default 120)
#   -e  add an edu device at this slot, e.g. 04.0 (default: one at 04.0)
# Environment: QEMU_X86 (default qemu-system-x86_64), KERNEL (default the
#   newest readable /boot/vmlinuz-*), E2E_APPEND (extra kernel arguments),
#   QEMU_EXTRA (extra QEMU options, e.g. -icount shift=0).
# Exit status: 0 the guest reached the end of /init, 1 it did not (crash,
#   panic), 2 usage error, 3 the time limit was hit, 77 QEMU or a kernel is
#   missing (the automake "skip" status).
set -u

usage() {
	echo "usage: run-qemu.sh [-a AW-BITS] [-t SECONDS] [-e PCI-ADDR]... INITRAMFS LOG" >&2
	exit 2
}

aw=48
limit=120
edus=
while getopts a:t:e: opt; do
	case $opt in
	a) aw=$OPTARG ;;
	t) limit=$OPTARG ;;
	e) edus="$edus $OPTARG" ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
initrd=$1
log=$2
case $aw in 39 | 48) ;; *) echo "run-qemu: aw-bits must be 39 or 48" >&2; exit 2 ;; esac
case $limit in '' | *[!0-9]*) echo "run-qemu: bad time limit '$limit'" >&2; exit 2 ;; esac
[ -n "$edus" ] || edus=04.0
[ -r "$initrd" ] || { echo "run-qemu: initramfs '$initrd' not readable" >&2; exit 2; }

qemu=${QEMU_X86:-qemu-system-x86_64}
if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "run-qemu: SKIP: QEMU ('$qemu') not found" >&2
	exit 77
fi
kernel=${KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$kernel" ] || [ ! -r "$kernel" ]; then
	echo "run-qemu: SKIP: no readable kernel (/boot/vmlinuz-*; set KERNEL)" >&2
	exit 77
fi

set -- -machine q35 -accel tcg -m 512M -smp 1 \
	-device "intel-iommu,aw-bits=$aw,intremap=off"
for addr in $edus; do
	set -- "$@" -device "edu,addr=$addr"
done
# The carve-out at 192 MiB lies below edu's 28-bit DMA mask; intel_iommu=off
# and intremap=off leave the unit to us; see qemu-vtd-facts.md.
append="console=ttyS0 intel_iommu=off intremap=off iomem=relaxed"
append="$append memmap=16M\$0x0c000000 panic=-1 ${E2E_APPEND:-}"

rm -f "$log"
# shellcheck disable=SC2086 # QEMU_EXTRA: more options, as words
timeout -k 5 "$limit" "$qemu" "$@" ${QEMU_EXTRA:-} -display none -vga none -nic none \
	-serial "file:$log" -monitor none -no-reboot \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	</dev/null >"$log.qemu" 2>&1
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "run-qemu: guest did not finish within $limit s (log: $log)" >&2
	exit 3
fi
if [ $rc -ne 0 ]; then
	echo "run-qemu: QEMU exited with status $rc (see $log.qemu)" >&2
	exit 1
fi
if ! grep -q '^E2E-DONE' "$log" 2>/dev/null; then
	echo "run-qemu: the guest stopped before the end of /init (log: $log)" >&2
	exit 1
fi
exit 0
