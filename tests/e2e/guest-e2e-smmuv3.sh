# SPDX-License-Identifier: BSD-2-Clause
#
# End-to-end cases for SMMUv3, run by /init inside the aarch64 test guest
# (busybox sh): smmuman --backend devmem programs QEMU's SMMUv3 of the virt
# board from policy blobs carried in this image, finding the unit and the
# StreamIDs in the live device tree, and DMA from the edu devices is allowed
# or blocked as the policy says. One boot per e2e_mode (kernel argument):
#   main     the policy compiled for smmucc's default profile (smmuv3-s2):
#            QEMU 7.2's unit has stage 1 only, so it is rebuilt at boot
#            (8a), then cases 1-7
#   s1       the same policy compiled as smmuv3-s1,oas=44 (the unit's
#            sizes), installed as built (8b), cases 1-4 again
#   units    the policy with unit/use lines instead of the tree (9), 1-4
#   corrupt  a corrupt blob (10)
#   window   DMA to ungranted memory landing as smmuman starts (11)
#   bench    the boot figures (make bench: tests/e2e/bench-boot-smmuv3.sh)
# A boot each, because QEMU's unit has no GBPA: smmuman refuses to restart
# on a unit that is still translating (its stream table cannot move without
# a bypass window), and nothing here turns it off.
# Each case prints its output indented, then
#   CASE <name> PASS|FAIL <detail> (<N.N>s)
# Memory: the carve-out is 0x5c000000-0x5fffffff, smmuman's tables use its
# first 8 MiB; edu devices 04.0 and 05.0 (StreamIDs 32, 40) share the allow
# set main, 06.0 (StreamID 48) is named nowhere.

# The case functions are called through run_case, which shellcheck cannot see.
# shellcheck disable=SC2317

# shellcheck source=tests/e2e/guest-case.sh
. /lib/case.sh

LOG=/tmp/smmuman.log
ERR=/tmp/smmuman.err
TABLES=0x5c000000,8M
STAGE=0x5c800000
pid=

# dma DEV OP IOVA LEN ok|blocked: one edudma transfer (64-bit DMA mask, the
# staging area in the carve-out) and its verdict. A blocked transfer is
# judged by RAM and the device's buffer, never by the device's status.
dma() {
	flags=
	[ "$5" = blocked ] && flags=-b
	out=$(edudma -w -s "$STAGE" $flags "$1" "$2" "$3" "$4" 2>&1)
	rc=$?
	echo "$out"
	res=$(echo "$out" | sed -n 's/.* result=\([a-z]*\) .*/\1/p')
	note "$1:$2@$3=${res:-error}"
	return $rc
}

# start BLOB WANT-STATUS [ARG]...: starts smmuman (it backgrounds itself
# once translation is on; its exit status is the start-up status).
start() {
	blob=$1
	want=$2
	shift 2
	rm -f "$LOG" "$ERR"
	smmuman --backend devmem --table-memory "$TABLES" --log-file "$LOG" -v "$@" "$blob" \
		2>"$ERR"
	rc=$?
	cat "$ERR"
	pid=$(sed -n 's/^smmuman\[\([0-9]*\)\]: .*/\1/p' "$LOG" 2>/dev/null | tail -n 1)
	note "status=$rc"
	if [ "$rc" != "$want" ]; then
		echo "smmuman exited with status $rc, expected $want"
		cat "$LOG" 2>/dev/null
		return 1
	fi
	return 0
}

# ---- the cases; DEVLOC is where the policy names pci:0:4.0 -----------------

c_start() {
	start "$@" && log_has "translation enabled"
}

c_st() {
	dma 00:04.0 write 0x5c810000 4095 ok &&
		dma 00:04.0 read 0x5c811000 4095 ok &&
		dma 00:04.0 write 0x5c81f123 3805 ok
}

# 16 bytes: QEMU records one event per 4-byte access
c_s_only() {
	dma 00:04.0 write 0x5c820000 16 blocked &&
		log_has "pci:0:4.0 (StreamID 32, allow main, $DEVLOC) denied write at 0x5c820000: F_PERMISSION (event 0x13); main $SLOC grants read only (4 records, to 0x5c82000c)" &&
		dma 00:04.0 read 0x5c820000 4095 ok
}

c_ungranted_read() {
	dma 00:04.0 read 0x5c840000 16 blocked &&
		log_has "pci:0:4.0 (StreamID 32, allow main, $DEVLOC) denied read at 0x5c840000: F_TRANSLATION (event 0x10); outside its grants (4 records, to 0x5c84000c)"
}

c_outside() {
	dma 00:04.0 write 0x5c841000 16 blocked &&
		log_has "pci:0:4.0 (StreamID 32, allow main, $DEVLOC) denied write at 0x5c841000: F_TRANSLATION (event 0x10); outside its grants (4 records, to 0x5c84100c)" &&
		dma 00:04.0 write 0x5c000000 8 blocked &&
		log_has "denied write at 0x5c000000: F_TRANSLATION (event 0x10); outside its grants (2 records, to 0x5c000004)"
}

c_unnamed() {
	dma 00:06.0 write 0x5c810000 16 blocked &&
		dma 00:06.0 read 0x5c811000 16 blocked &&
		log_has "pci:0:6.0 (StreamID 48, not in the policy) denied: C_BAD_STE (event 0x4)"
}

c_shared() {
	dma 00:05.0 write 0x5c812000 4095 ok && dma 00:05.0 read 0x5c813000 4095 ok
}

c_block2m() {
	dma 00:04.0 write 0x5ca00000 4095 ok &&
		dma 00:04.0 read 0x5cbff001 4095 ok &&
		dma 00:04.0 write 0x5cc00000 16 blocked &&
		dma 00:04.0 read 0x5c9ff000 16 blocked
}

c_rebuilt() {
	log_has "cannot walk the blob's smmuv3-s2,ias48,oas=48 tables (it has no stage 2): rebuilt from the records as smmuv3-s1,ias48,oas=44" &&
		note "rebuilt"
}

c_as_built() {
	log_lacks "rebuilt" && log_lacks "cannot walk" && note "as-built"
}

c_dss() {
	start /data/corrupt.smmub 10 &&
		grep -q '^DSS: policy blob /data/corrupt.smmub' "$ERR" &&
		log_has "DSS: policy blob /data/corrupt.smmub" &&
		dma 00:04.0 write 0x5c810000 16 blocked &&
		dma 00:04.0 read 0x5c811000 16 blocked &&
		dma 00:05.0 write 0x5ca00000 16 blocked
}

# stop: ends smmuman (TERM leaves translation on), then turns the unit off
# as a reset would (smmuv3off), so that the next start finds it as at boot.
stop() {
	stop_smmuman
	smmuv3off >/dev/null
}

# Case 11, swept: for X = 1..15 ms, edu's transfer to memory no allow line
# grants (0x5c841000, as case 4) is started 100 - X ms before smmuman's
# exec, so that edu (QEMU's timer: 100 ms after the start) carries it out
# X ms after it. Each run begins on a unit turned off (smmuv3off), as at
# boot. QEMU 7.2's unit has no GBPA: until smmuman sets SMMUEN, DMA bypasses
# it, so the runs whose transfer lands before that measure the window; a
# transfer that lands once translation is on must be blocked (RAM unchanged,
# judged as case 4) and logged. The case fails if one is not, or if no
# transfer lands after translation on (the sweep missed the start-up).
c_window() {
	open_ms='' after=0 bad=0
	for x in $(seq 1 15); do
		stop
		rm -f "$LOG"
		out=$(edudma -w -s "$STAGE" -l $(((100 - x) * 1000)) 00:04.0 write 0x5c841000 16 -- \
			smmuman --backend devmem --table-memory "$TABLES" --log-file "$LOG" -v \
			/data/main.smmub 2>&1)
		pid=$(sed -n 's/^smmuman\[\([0-9]*\)\]: .*/\1/p' "$LOG" 2>/dev/null | tail -n 1)
		started=$(echo "$out" | sed -n 's/.* started=\([0-9]*\) .*/\1/p')
		status=$(echo "$out" | sed -n 's/.* status=\([0-9-]*\).*/\1/p')
		res=$(echo "$out" | sed -n 's/.* result=\([a-z]*\) .*/\1/p')
		ex=$(phase_us exec)
		en=$(phase_us enabling)
		te=$(phase_us "translation on")
		if [ -z "$started" ] || [ -z "$ex" ] || [ -z "$en" ] || [ -z "$te" ] ||
			[ "$status" != 0 ]; then
			echo "X=$x: no start-up to measure: $out"
			bad=$((bad + 1))
			continue
		fi
		# edu: 100 ms after the start, on a millisecond timer (99-100 ms)
		land=$((started + 99000 - ex)) land_hi=$((started + 100000 - ex))
		echo "X=${x}ms: lands +${land}..${land_hi}us after exec; enabling at" \
			"+$((en - ex))us, translation on at +$((te - ex))us: $res"
		if [ $((started + 99000)) -gt "$te" ]; then
			after=$((after + 1))
			if [ "$res" != blocked ]; then
				echo "  reached memory after translation on"
				bad=$((bad + 1))
			elif [ "$after" = 1 ] && ! log_has "pci:0:4.0 (StreamID 32, allow main, $DEVLOC) denied write at 0x5c841000: F_TRANSLATION (event 0x10); outside its grants (4 records, to 0x5c84100c)"; then
				bad=$((bad + 1))
			fi
		elif [ $((started + 100000)) -lt "$en" ] && [ "$res" = ok ]; then
			open_ms="${open_ms:+$open_ms,}$x"
		fi
	done
	stop
	note "landed-after-translation-on-blocked=$after" "reached-in-window-at-ms=${open_ms:-none}" \
		"last-start: exec-to-enabling=$((en - ex))us exec-to-translation-on=$((te - ex))us"
	[ "$bad" -eq 0 ] && [ "$after" -gt 0 ] && dma 00:04.0 write 0x5c810000 4095 ok
}

cases_1_to_4() {
	run_case "$1st-rw" c_st
	run_case "$1s-only-write-blocked" c_s_only
	run_case "$1ungranted-read-blocked" c_ungranted_read
	run_case "$1outside-blocked" c_outside
}

mode=${e2e_mode:-main}
echo "E2E-CASES smmuv3 mode=$mode"
case $mode in
main)
	DEVLOC=e2e-smmuv3.smmu:21 SLOC=e2e-smmuv3.smmu:16
	run_case 0-start-s2-blob c_start /data/main.smmub 0
	run_case 8a-s2-rebuilt-as-s1 c_rebuilt
	cases_1_to_4 ""
	run_case 5-unnamed-device-blocked c_unnamed
	run_case 6-shared-set-second-device c_shared
	run_case 7-2m-block-ends c_block2m
	;;
s1)
	DEVLOC=e2e-smmuv3.smmu:21 SLOC=e2e-smmuv3.smmu:16
	run_case 8b-start-s1-blob c_start /data/s1.smmub 0
	run_case 8b-s1-as-built c_as_built
	cases_1_to_4 8b/
	;;
units)
	DEVLOC=e2e-smmuv3-units.smmu:21 SLOC=e2e-smmuv3-units.smmu:16
	run_case 9-start-unit-lines c_start /data/units.smmub 0
	cases_1_to_4 9/
	;;
corrupt)
	run_case 10-corrupt-blob-dss c_dss
	;;
window)
	DEVLOC=e2e-smmuv3.smmu:21
	run_case 11-start-window c_window
	;;
bench)
	bench_both
	;;
*)
	echo "guest-e2e-smmuv3: unknown e2e_mode '$mode'"
	exit 1
	;;
esac
exit 0
