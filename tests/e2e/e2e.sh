#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# End-to-end test: smmuman --backend vtd programs QEMU's emulated Intel VT-d
# from blobs that smmucc compiled on the host and that travel in the boot
# image, and DMA from QEMU's edu devices is allowed or blocked as the policy
# says. Two guest boots (guest-e2e.sh has the cases): aw-bits=48 (prebuilt
# tables, cases 1-9 and 11) and aw-bits=39 (tables rebuilt at boot, cases
# 1-5 again). The host checks what the guest cannot see: one domain for a
# shared allow set, and the 2 MiB page, in the blob's own tables. Case 13:
# a libsmmu client in the guest attaches 06.0, maps at run time, DMA lands
# byte for byte; unmapped, the same DMA is blocked and the client is told.
# Prints one "CASE name PASS|FAIL detail (N.Ns)" line per case, then
# "N passed, N failed" (E2E_KEEP=1 keeps the logs of a clean run too).
# Skips (exit 77) without QEMU, a readable
# /boot/vmlinuz-* or busybox-static.
set -u

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$srcdir/tests/e2e
# shellcheck source=tests/e2e/qemu-prereq.sh
. "$here/qemu-prereq.sh"
scratch e2e.d
smmucc=$builddir/compiler/smmucc

# result NAME PASS|FAIL DETAIL SECONDS
result() {
	tally "$2"
	echo "CASE $1 $2 $3 ($4)"
}

for prog in edudma smmuman vtdoff monoexec blobwalk smmu_client; do
	[ -x "$e2e/$prog" ] || fail_setup "missing program $e2e/$prog (make check builds it)"
done
[ -x "$smmucc" ] || fail_setup "missing $smmucc"

# ---- host: compile the policies (from the source directory, so the blob
# ---- names the files as the guest's log will show them) --------------------
# (the table memory guest-e2e.sh gives smmuman: the policies DMA next to it)
for p in main ignore; do
	(cd "$here" && "$smmucc" --table-memory 0xc000000,8M -o "$work/$p.smmub" "e2e-$p.smmu") ||
		fail_setup "smmucc failed on e2e-$p.smmu"
done
# One byte flipped in the middle: the blob's checksum no longer holds.
cp "$work/main.smmub" "$work/corrupt.smmub"
size=$(wc -c <"$work/main.smmub")
off=$((size / 2))
byte=$(od -An -tu1 -j "$off" -N1 "$work/main.smmub" | tr -d ' ')
printf "\\$(printf '%03o' $(((byte ^ 0x55) & 255)))" |
	dd of="$work/corrupt.smmub" bs=1 seek="$off" conv=notrunc 2>/dev/null
if cmp -s "$work/main.smmub" "$work/corrupt.smmub" ||
	"$smmucc" -I blob -O json -o /dev/null "$work/corrupt.smmub" 2>/dev/null; then
	fail_setup "could not make a corrupt blob"
fi

# Case 6, host side: one domain holds both devices of the shared set, and
# the unit sees one domain id for both.
t0=$(now_ds)
"$smmucc" -O json -o "$work/main.json" "$work/main.smmub" &&
	"$e2e/blobwalk" "$work/main.smmub" 00:04.0 0xc810000 w 00:05.0 0xc810000 w \
		00:04.0 0xca00000 w 00:04.0 0xcbfffff r 00:04.0 0xcc00000 w \
		00:04.0 0xc9ff000 r >"$work/walk.txt"
doms=$(tr -d ' \n' <"$work/main.json" | grep -o '"devices":\["pci:0:4.0","pci:0:5.0"\]' |
	wc -l)
ndom=$(tr -d ' \n' <"$work/main.json" | grep -o '"owned":' | wc -l)
if [ "$doms" = 1 ] && [ "$ndom" = 2 ] &&
	grep -q '^WALK 00:04.0 0xc810000 w ok page=4K did=1$' "$work/walk.txt" &&
	grep -q '^WALK 00:05.0 0xc810000 w ok page=4K did=1$' "$work/walk.txt"; then
	result 6-shared-set-one-domain PASS "json:one-domain-two-devices walk:did=1,1" \
		"$(hms $(($(now_ds) - t0)))"
else
	result 6-shared-set-one-domain FAIL "domains=$ndom shared=$doms" \
		"$(hms $(($(now_ds) - t0)))"
	cat "$work/walk.txt"
fi
# Case 8, host side: the 2 MiB run is one superpage, the pages around it fault.
t0=$(now_ds)
if grep -q '^TABLES levels=4 pages=[0-9]* sizes=4K,2M$' "$work/walk.txt" &&
	grep -q '^WALK 00:04.0 0xca00000 w ok page=2M did=1$' "$work/walk.txt" &&
	grep -q '^WALK 00:04.0 0xcbfffff r ok page=2M did=1$' "$work/walk.txt" &&
	grep -q '^WALK 00:04.0 0xcc00000 w fault reason=0x5$' "$work/walk.txt" &&
	grep -q '^WALK 00:04.0 0xc9ff000 r fault reason=0x6$' "$work/walk.txt"; then
	result 8-superpage-in-blob PASS "page=2M at 0xca00000 and 0xcbfffff, faults around" \
		"$(hms $(($(now_ds) - t0)))"
else
	result 8-superpage-in-blob FAIL "see $work/walk.txt" "$(hms $(($(now_ds) - t0)))"
	cat "$work/walk.txt"
fi

img=$work/initramfs.cpio.gz
"$here/mkinitramfs.sh" "$img" "$here/guest-e2e.sh" "$e2e/edudma" "$e2e/smmuman" \
	"$e2e/vtdoff" "$e2e/monoexec" "$e2e/smmu_client" "$work/main.smmub:/data/main.smmub" \
	"$work/ignore.smmub:/data/ignore.smmub" "$work/corrupt.smmub:/data/corrupt.smmub" ||
	fail_setup "mkinitramfs failed"

# boot AW MODE EXPECTED-CASE...: one guest run; each expected case must
# report PASS, and a case that never reports fails.
boot() {
	aw=$1
	mode=$2
	shift 2
	log=$work/boot-$mode.log
	t0=$(now_ds)
	E2E_APPEND="e2e_mode=$mode" "$here/run-qemu.sh" -a "$aw" -t 150 -e 04.0 -e 05.0 \
		-e 06.0 -e 07.0 "$img" "$log"
	rc=$?
	if [ $rc -eq 0 ]; then
		result "boot-$mode" PASS "aw-bits=$aw" "$(hms $(($(now_ds) - t0)))"
	else
		result "boot-$mode" FAIL "run-qemu status $rc, log $log" \
			"$(hms $(($(now_ds) - t0)))"
	fi
	tr -d '\r' <"$log" 2>/dev/null | sed -n 's/^ *\(BENCH .*\)/\1/p' | head -n 1
	report_cases "$log" "$@"
}

t_all=$(now_ds)
boot 48 main 0-start-aw48 10-aw48-prebuilt 1-st-rw 2-s-only-write-blocked \
	3-t-only-read-blocked 4-outside-blocked 5-unnamed-device-blocked \
	6-shared-set-second-device 7-reserved-own-device-only 8-superpage-ends \
	13-client-live-map \
	12-restart-translating 12-restart/st-rw 12-restart/outside-blocked \
	9-ignore-start 9-ignore/st-rw 9-ignore/s-only-write-blocked \
	9-ignore/t-only-read-blocked 9-ignore/outside-blocked \
	9-ignore/unnamed-device-blocked 11-corrupt-blob-dss
boot 39 aw39 10-aw39-start 10-aw39-rebuilt 10-aw39/st-rw 10-aw39/s-only-write-blocked \
	10-aw39/t-only-read-blocked 10-aw39/outside-blocked 10-aw39/unnamed-device-blocked
echo "e2e: total $(hms $(($(now_ds) - t_all))) for both boots"

# Keep the logs and image of a failed run; a clean run leaves nothing behind
# (distcheck insists).
[ "$failed" -eq 0 ] && [ -z "${E2E_KEEP:-}" ] && rm -rf "$work"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
