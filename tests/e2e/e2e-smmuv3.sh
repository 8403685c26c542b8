#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# End-to-end test on ARM: smmuman --backend devmem programs the SMMUv3 of
# QEMU's aarch64 virt board (QEMU 7.2: stage 1 only, no GBPA) from blobs
# that smmucc compiled on the host, and DMA from QEMU's edu devices is
# allowed or blocked as the policy says. One guest boot of Debian's arm64
# kernel (guest-e2e-smmuv3.sh has the cases); smmuman, edudma and the
# guest's busybox are aarch64 static programs. See
# ../shared/reference/qemu-smmuv3-facts.md for the board's facts.
# Prints one "CASE name PASS|FAIL detail (N.Ns)" line per case, then
# "N passed, N failed" (E2E_KEEP=1 keeps the logs of a clean run too).
# Skips (exit 77) without qemu-system-aarch64 or aarch64-linux-gnu-gcc, or
# when the arm64 kernel, busybox and libfdt cannot be fetched (arm64-guest.sh
# caches them outside the build tree). SMMUMAN_AARCH64 names an aarch64
# smmuman already built (a cross build); else one is built here.
#
# With --bench ('make bench-e2e-boot-smmuv3'), no cases: the boot figures
# instead. One guest boot starts smmuman five times on a 1,000-region
# policy compiled on the host (prebuilt tables), then five times parse-at-
# boot style (a static aarch64 smmucc compiles the text in the guest with
# no tables, smmuman builds them), and prints the median time of each
# phase of smmuman's start-up (smmuman -v) from the exec, for both. Twice:
# on -icount shift=0 (a clock of guest instructions at 1 ns each, the work
# itself) and on TCG's real time (which adds the translation of code run
# for the first time, and the host's load).
set -u
bench=
[ "${1:-}" = --bench ] && bench=1

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$srcdir/tests/e2e
# shellcheck source=tests/e2e/host-lib.sh
. "$here/host-lib.sh"
builddir=$(cd "${top_builddir:-.}" && pwd)
qemu=${QEMU_AARCH64:-qemu-system-aarch64}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$qemu" >/dev/null 2>&1 || skip "qemu-system-aarch64 not found"
command -v "$cc" >/dev/null 2>&1 || skip "aarch64-linux-gnu-gcc not found"
command -v cpio >/dev/null 2>&1 || skip "cpio not found"
guest=$("$here/arm64-guest.sh") || skip "no arm64 kernel and busybox (arm64-guest.sh failed)"
# the aarch64 smmuman: from a cross build (SMMUMAN_AARCH64), else built here
smmuman=${SMMUMAN_AARCH64:-}

work=$builddir/tests/e2e/e2e-smmuv3${bench:+-bench}.d
rm -rf "$work" && mkdir -p "$work" || exit 99
smmucc=$builddir/compiler/smmucc

[ -x "$smmucc" ] || fail_setup "missing $smmucc"
t0=$(now_ds)
# the guest's programs, static aarch64, from the same sources
gflags="-std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -O2 -static -Wall -Wextra -Werror"
# shellcheck disable=SC2086
"$cc" $gflags -o "$work/edudma" "$here/edudma.c" || fail_setup "cannot build edudma for aarch64"
# shellcheck disable=SC2086
"$cc" $gflags -o "$work/smmuv3off" "$here/smmuv3off.c" ||
	fail_setup "cannot build smmuv3off for aarch64"
smmucc_arm=${SMMUCC_AARCH64:-}
progs=
[ -z "$smmuman" ] && progs=runtime/smmuman
[ -n "$bench" ] && [ -z "$smmucc_arm" ] && progs="$progs compiler/smmucc"
if [ -n "$progs" ]; then
	fdt=$guest/fdt yaml=$guest/yaml
	# shellcheck disable=SC2086
	mkdir -p "$work/arm" &&
		(cd "$work/arm" && "$srcdir/configure" -q --host=aarch64-linux-gnu \
			CPPFLAGS="-I$fdt/usr/include" \
			LDFLAGS="-static -L$fdt/usr/lib/aarch64-linux-gnu" \
			YAML_CFLAGS="-I$yaml/usr/include" \
			YAML_LIBS="-L$yaml/usr/lib/aarch64-linux-gnu -lyaml" >configure.log 2>&1 &&
			make -j2 $progs >make.log 2>&1) ||
		fail_setup "cannot build $progs for aarch64 (see $work/arm)"
	[ -z "$smmuman" ] && smmuman=$work/arm/runtime/smmuman
	[ -n "$bench" ] && [ -z "$smmucc_arm" ] && smmucc_arm=$work/arm/compiler/smmucc
fi
echo "e2e-smmuv3: guest programs built in $(hms $(($(now_ds) - t0)))"

# ---- host: the blobs (compiled in the source directory, so they name the
# ---- files as the guest's log shows them) -----------------------------------
(cd "$here" && "$smmucc" --table-memory 0x5c000000,8M -o "$work/main.smmub" e2e-smmuv3.smmu &&
	"$smmucc" --table-memory 0x5c000000,8M --profile smmuv3-s1,oas=44 -o "$work/s1.smmub" \
		e2e-smmuv3.smmu) 2>"$work/smmucc.err" || fail_setup "smmucc failed: $(cat "$work/smmucc.err")"
# case 9: the unit and the StreamIDs from the policy, not the tree (same lines)
sed -e '9s/^$/unit smmu0 0x09050000/' \
	-e 's/^device pci:0:4.0 main$/device pci:0:4.0 main use smmu0 32/' \
	-e 's/^device pci:0:5.0 main$/device pci:0:5.0 main use smmu0 40/' \
	"$here/e2e-smmuv3.smmu" >"$work/e2e-smmuv3-units.smmu"
(cd "$work" && "$smmucc" --table-memory 0x5c000000,8M --profile smmuv3-s1,oas=44 -o units.smmub \
	e2e-smmuv3-units.smmu) 2>>"$work/smmucc.err" || fail_setup "smmucc failed on the unit lines"
# one byte flipped in the middle: the blob's checksum no longer holds
cp "$work/main.smmub" "$work/corrupt.smmub"
size=$(wc -c <"$work/main.smmub")
off=$((size / 2))
byte=$(od -An -tu1 -j "$off" -N1 "$work/main.smmub" | tr -d ' ')
printf "\\$(printf '%03o' $(((byte ^ 0x55) & 255)))" |
	dd of="$work/corrupt.smmub" bs=1 seek="$off" conv=notrunc 2>/dev/null
cmp -s "$work/main.smmub" "$work/corrupt.smmub" && fail_setup "could not make a corrupt blob"

img=$work/initramfs.cpio.gz
BUSYBOX=$guest/busybox "$here/mkinitramfs.sh" "$img" "$here/guest-e2e-smmuv3.sh" \
	"$work/edudma" "$work/smmuv3off" "$smmuman" "$work/main.smmub:/data/main.smmub" \
	"$work/s1.smmub:/data/s1.smmub" "$work/units.smmub:/data/units.smmub" \
	"$work/corrupt.smmub:/data/corrupt.smmub" || fail_setup "mkinitramfs failed"

# ---- the guest boots (see qemu-smmuv3-facts.md: the kernel's own SMMUv3
# ---- driver kept off, RAM above 448 MiB left to the carve-out) -------------
edus=
for slot in 04.0 05.0 06.0; do
	edus="$edus -device edu,addr=$slot,dma_mask=0xffffffffffffffff"
done

# boot_guest MODE LOG: one guest run of $img in e2e_mode MODE, its console
# in LOG; QEMU's status. QEMU_EXTRA: more QEMU options.
boot_guest() {
	# shellcheck disable=SC2086
	timeout -k 5 120 "$qemu" -machine virt,iommu=smmuv3 -cpu cortex-a57 -accel tcg \
		${QEMU_EXTRA:-} -m 512M -smp 1 $edus -display none -nic none -serial "file:$2" \
		-monitor none -no-reboot -kernel "$guest/vmlinuz" -initrd "$img" -append \
		"console=ttyAMA0 mem=448M initcall_blacklist=arm_smmu_driver_init panic=-1 \
loglevel=4 e2e_mode=$1 ${E2E_APPEND:-}" </dev/null >"$2.qemu" 2>&1
}

# boot MODE EXPECTED-CASE...: one guest run; each expected case must report
# PASS, and a case that never reports fails.
boot() {
	mode=$1
	shift
	log=$work/boot-$mode.log
	t0=$(now_ds)
	boot_guest "$mode" "$log"
	rc=$?
	if [ $rc -eq 0 ] && grep -q '^E2E-DONE' "$log"; then
		up=$(tr -d '\r' <"$log" | sed -n 's/^E2E-INIT uptime=\(.*\)/\1/p')
		echo "CASE boot-$mode PASS init-at-uptime=${up}s ($(hms $(($(now_ds) - t0))))"
		tally PASS
	else
		echo "CASE boot-$mode FAIL qemu status $rc, log $log ($(hms $(($(now_ds) - t0))))"
		tally FAIL
	fi
	report_cases "$log" "$@"
}

# ---- --bench: the boot figures, then done -----------------------------------
if [ -n "$bench" ]; then
	# shellcheck disable=SC2086
	"$cc" $gflags -o "$work/monoexec" "$here/monoexec.c" || fail_setup "cannot build monoexec"
	bench_policy armsmmuv3 0x5d000000 >"$work/bench.smmu"
	# 1 MiB of table memory, as bench-boot.sh
	tm=0x5c000000,1M
	(cd "$work" && "$smmucc" --table-memory $tm -o bench.smmub bench.smmu) ||
		fail_setup "smmucc failed on the bench policy"
	BUSYBOX=$guest/busybox "$here/mkinitramfs.sh" "$work/bench.cpio.gz" \
		"$here/guest-e2e-smmuv3.sh" "$work/monoexec" "$work/smmuv3off" "$smmuman" \
		"$smmucc_arm" "$work/bench.smmu:/data/bench.smmu" \
		"$work/bench.smmub:/data/bench.smmub" || fail_setup "mkinitramfs failed"
	img=$work/bench.cpio.gz
	# boot_bench LOG QEMU-OPTIONS
	boot_bench() {
		QEMU_EXTRA=$2 E2E_APPEND="bench_tables=$tm" boot_guest bench "$1"
	}
	bench_clocks smmuv3 boot_bench
	st=$?
	[ $st -eq 0 ] && [ -z "${E2E_KEEP:-}" ] && rm -rf "$work"
	exit $st
fi

t_all=$(now_ds)
boot main 0-start-s2-blob 8a-s2-rebuilt-as-s1 st-rw s-only-write-blocked \
	ungranted-read-blocked outside-blocked 5-unnamed-device-blocked \
	6-shared-set-second-device 7-2m-block-ends
boot s1 8b-start-s1-blob 8b-s1-as-built 8b/st-rw 8b/s-only-write-blocked \
	8b/ungranted-read-blocked 8b/outside-blocked
boot units 9-start-unit-lines 9/st-rw 9/s-only-write-blocked 9/ungranted-read-blocked \
	9/outside-blocked
boot corrupt 10-corrupt-blob-dss
# Case 11 on a clock of guest instructions (1 ns each, -icount shift=0):
# edu's 100 ms are then 10^8 instructions after the transfer is started,
# and smmuman's start-up is measured in the guest's own work, not in
# TCG's translation of code run for the first time nor in the host's load.
QEMU_EXTRA="-icount shift=0" boot window 11-start-window
echo "e2e-smmuv3: total $(hms $(($(now_ds) - t_all))) for the five boots"

[ "$failed" -eq 0 ] && [ -z "${E2E_KEEP:-}" ] && rm -rf "$work"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
