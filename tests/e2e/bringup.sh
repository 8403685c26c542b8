#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# QEMU bring-up test: boots the Debian kernel with a busybox initramfs holding
# the in-guest tools and proves the harness. Boot 1 (aw-bits=48): DMAR parse,
# VT-d registers through vtd_hw.c, edu DMA with translation off.
# Boot 2 (aw-bits=39): DMAR and CAP.SAGAW again. Translation on, with the
# project's tables and driver, is e2e.sh's part (smmuman itself).
# Skips (exit 77) without QEMU, a readable /boot/vmlinuz-* or busybox-static.
set -u

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$srcdir/tests/e2e
# shellcheck source=tests/e2e/qemu-prereq.sh
. "$here/qemu-prereq.sh"
scratch bringup.d

result() {
	tally "$2"
	echo "$2: $1${3:+ ($3)}"
}

files=
for prog in edudma dmardump; do
	if [ ! -x "$e2e/$prog" ]; then
		echo "missing guest program $e2e/$prog (make check builds it)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	files="$files $e2e/$prog"
done

# boot AW MODE CASE... : one guest run; every listed case must report PASS.
boot() {
	aw=$1
	mode=$2
	shift 2
	img=$work/initramfs.cpio.gz
	log=$work/boot-$aw.log
	if [ ! -f "$img" ]; then
		# shellcheck disable=SC2086
		"$here/mkinitramfs.sh" "$img" "$here/guest-bringup.sh" $files ||
			{ result "initramfs" FAIL; return; }
	fi
	t0=$(date +%s)
	E2E_APPEND="e2e_aw=$aw e2e_mode=$mode" "$here/run-qemu.sh" -a "$aw" -t 120 "$img" "$log"
	rc=$?
	t1=$(date +%s)
	if [ $rc -eq 0 ]; then
		result "boot-aw$aw" PASS "$((t1 - t0)) s"
	else
		result "boot-aw$aw" FAIL "run-qemu status $rc, log $log"
	fi
	for name in "$@"; do
		line=$(tr -d '\r' <"$log" 2>/dev/null | grep "^CASE $name " | tail -n 1)
		st=$(echo "$line" | cut -d' ' -f3)
		if [ "$st" = PASS ]; then
			result "$name-aw$aw" PASS "$(echo "$line" | sed 's/.*(\(.*\))$/\1/')"
		else
			result "$name-aw$aw" FAIL "${line:-no result; see $log}"
			tr -d '\r' <"$log" | sed -n "/^  /p" | head -n 40
		fi
	done
}

boot 48 full dmar-parse vtd-regs edu-list edu-write-te-off edu-read-te-off \
	edu-write-unaligned edu-not-blocked
boot 39 caps dmar-parse vtd-regs

# Keep the logs and image of a failed run; a clean run leaves nothing behind
# (distcheck insists).
[ "$failed" -eq 0 ] && rm -rf "$work"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
