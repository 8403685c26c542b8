# SPDX-License-Identifier: BSD-2-Clause
#
# End-to-end cases, run by /init inside the test guest (busybox sh): smmuman
# programs QEMU's VT-d unit from a policy blob carried in this image, and DMA
# from the edu devices is allowed or blocked as the policy says. The kernel
# command line passes e2e_mode:
#   main   (aw-bits=48) the main policy with its prebuilt tables, cases 1-8;
#          the `smmu vtd ignore` policy, cases 1-5 again (9); a corrupt
#          blob (11); a libsmmu client maps and unmaps for 06.0 at run time (13)
#   aw39   (aw-bits=39) the main policy rebuilt at boot, cases 1-5 (10)
#   bench  the boot figures (tests/e2e/bench-boot.sh): guest-case.sh's bench_both
# Each case prints its output indented, then
#   CASE <name> PASS|FAIL <detail> (<N.N>s)
# Memory: the carve-out is 0xc000000-0xcffffff, smmuman's tables use its
# first 8 MiB; edu devices 04.0 and 05.0 share the allow set main, 06.0 is
# named nowhere, 07.0 owns only the reserved region 0xcd00000-0xcd03fff.
# vtdoff turns translation off between two starts, as a reset would; case 12
# starts smmuman again on a unit that is still translating (smmuman(8),
# Restart: the unit is held on an empty root table, translation stays on).

# The case functions are called through run_case, which shellcheck cannot see.
# shellcheck disable=SC2317

# shellcheck source=tests/e2e/guest-case.sh
. /lib/case.sh

mode=${e2e_mode:-main}
LOG=/tmp/smmuman.log
ERR=/tmp/smmuman.err
TABLES=0xc000000,8M
pid=

# dma DEV OP IOVA LEN ok|blocked [STAGE]: one edudma transfer and its verdict.
dma() {
	flags=
	[ "$5" = blocked ] && flags=-b
	[ -n "${6:-}" ] && flags="$flags -s $6"
	# shellcheck disable=SC2086
	out=$(edudma $flags "$1" "$2" "$3" "$4" 2>&1)
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
	monoexec smmuman --backend vtd --table-memory "$TABLES" --log-file "$LOG" -v \
		"$@" "$blob" 2>"$ERR"
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

# The time from exec to TE, both on CLOCK_MONOTONIC.
bench_line() {
	what=${1:-boot-to-te-us}
	m0=$(sed -n 's/^MONO \([0-9]*\)$/\1/p' "$ERR")
	m1=$(sed -n 's/.*translation enabled, tables at .*(monotonic \([0-9]*\) us).*/\1/p' \
		"$LOG" | head -n 1)
	[ -n "$m0" ] && [ -n "$m1" ] || return 1
	echo "BENCH $what $((m1 - m0))"
	note "$what=$((m1 - m0))"
}

# stop [keep]: ends smmuman (TERM leaves translation on), then turns
# translation off unless keep.
stop() {
	[ -n "$pid" ] || return 0
	stop_smmuman
	[ "${1:-}" = keep ] || vtdoff
}

# ---- the cases; DEVLOC is where the policy names pci:0:4.0 ----------------

c_st() {
	dma 00:04.0 write 0xc810000 4095 ok &&
		dma 00:04.0 read 0xc811000 4095 ok &&
		dma 00:04.0 write 0xc81f123 3805 ok
}

c_s_only() {
	dma 00:04.0 write 0xc820000 4095 blocked &&
		log_has "pci:0:4.0 (allow main, $DEVLOC) denied write at 0xc820000: write denied" &&
		dma 00:04.0 read 0xc820000 4095 ok
}

c_t_only() {
	dma 00:04.0 read 0xc830000 4095 blocked &&
		log_has "pci:0:4.0 (allow main, $DEVLOC) denied read at 0xc830000: read denied" &&
		dma 00:04.0 write 0xc830000 4095 ok
}

c_outside() {
	dma 00:04.0 write 0xc840000 4095 blocked &&
		log_has "pci:0:4.0 (allow main, $DEVLOC) denied write at 0xc840000" &&
		dma 00:04.0 read 0xc841000 4095 blocked &&
		log_has "pci:0:4.0 (allow main, $DEVLOC) denied read at 0xc841000"
}

c_unnamed() {
	dma 00:06.0 write 0xc810000 4095 blocked &&
		dma 00:06.0 read 0xc811000 4095 blocked &&
		log_has "pci:0:6.0 (not in the policy) denied read at 0xc800000"
}

c_shared() {
	dma 00:05.0 write 0xc812000 4095 ok && dma 00:05.0 read 0xc813000 4095 ok
}

c_reserved() {
	dma 00:07.0 write 0xcd02000 4095 ok 0xcd00000 &&
		dma 00:07.0 read 0xcd03000 4095 ok 0xcd00000 &&
		dma 00:04.0 write 0xcd02000 4095 blocked &&
		dma 00:05.0 read 0xcd03000 4095 blocked
}

c_superpage() {
	dma 00:04.0 write 0xca00000 4095 ok &&
		dma 00:04.0 read 0xcbff001 4095 ok &&
		dma 00:04.0 write 0xcc00000 4095 blocked &&
		dma 00:04.0 read 0xc9ff000 4095 blocked
}

c_start() {
	start "$@" && log_has "translation enabled" && bench_line
}

# ---- case 13: a libsmmu client attaches pci:0:6.0 (named nowhere) --------
# say LINE WANT: one command to the client (smmu_client, fed through a FIFO),
# its answer compared with WANT (a prefix).
say() {
	echo "$1" >&3
	n=$((n + 1))
	for _ in $(seq 50); do
		got=$(sed -n "${n}p" /tmp/cout)
		[ -n "$got" ] && break
		usleep 100000
	done
	echo "client: $1 -> $got"
	case $got in
	"$2"*) return 0 ;;
	esac
	echo "expected: $2"
	return 1
}

c_client() {
	rm -f /tmp/cin /tmp/cout
	mkfifo /tmp/cin
	SMMUMAN_SOCKET=/tmp/smmuman.sock smmu_client </tmp/cin >/tmp/cout &
	cpid=$!
	exec 3>/tmp/cin
	n=0
	# the staging page edudma fills the device's buffer through, and 8 KiB to DMA to
	say init "ok 0" && say create "ok 1" && say "add 1 pci:0:6.0" "ok 0" &&
		say "map 1 rw 0xc800000,0x1000 0xce00000,0x2000" "ok 0" &&
		dma 00:06.0 write 0xce00000 4095 ok && dma 00:06.0 read 0xce01000 4095 ok &&
		say "map 1 none 0xce00000,0x2000" "ok 0" &&
		dma 00:06.0 write 0xce00000 4095 blocked &&
		say "wait 3000" "ok 1" &&
		say status "ok 1 0xce00000 pci:0:6.0 0x0 " &&
		say "map 1 rw 0xce00000,0x1000" "ok 0" &&
		dma 00:06.0 write 0xce00000 4095 ok &&
		say fini "ok 0" &&
		log_has "client pid $cpid uid 0: disconnected" &&
		dma 00:06.0 write 0xce00000 4095 blocked
	rc=$?
	exec 3>&-
	wait "$cpid" 2>/dev/null
	return $rc
}

# The tables came from the blob (aw48) or were rebuilt for a 3-level unit.
c_prebuilt() {
	log_has "installing " && log_has " prebuilt table pages" && log_lacks "rebuilding" &&
		note "prebuilt"
}

c_rebuilt() {
	log_has "capability mismatch: blob tables are 4-level, unit dmar0 offers SAGAW 0x2" &&
		log_has "rebuilding the tables" && log_has "built " && note "rebuilt"
}

# A start on a unit that is still translating: held blocked, switched, never off.
c_restart() {
	start /data/main.smmub 0 &&
		log_has "was translating (a restart): its DMA is blocked until the new tables" &&
		log_has "translation enabled"
}

c_dss() {
	start /data/corrupt.smmub 10 &&
		grep -q '^DSS: policy blob /data/corrupt.smmub' "$ERR" &&
		log_has "DSS: policy blob /data/corrupt.smmub" &&
		dma 00:04.0 write 0xc810000 4095 blocked &&
		dma 00:04.0 read 0xc811000 4095 blocked &&
		dma 00:05.0 write 0xca00000 4095 blocked &&
		dma 00:07.0 write 0xcd02000 4095 blocked 0xcd00000
}

cases_1_to_5() {
	run_case "$1st-rw" c_st
	run_case "$1s-only-write-blocked" c_s_only
	run_case "$1t-only-read-blocked" c_t_only
	run_case "$1outside-blocked" c_outside
	run_case "$1unnamed-device-blocked" c_unnamed
}

echo "E2E-CASES mode=$mode"
case $mode in
main)
	DEVLOC=e2e-main.smmu:21
	run_case 0-start-aw48 c_start /data/main.smmub 0 --socket /tmp/smmuman.sock
	run_case 10-aw48-prebuilt c_prebuilt
	run_case 1-st-rw c_st
	run_case 2-s-only-write-blocked c_s_only
	run_case 3-t-only-read-blocked c_t_only
	run_case 4-outside-blocked c_outside
	run_case 5-unnamed-device-blocked c_unnamed
	run_case 6-shared-set-second-device c_shared
	run_case 7-reserved-own-device-only c_reserved
	run_case 8-superpage-ends c_superpage
	run_case 13-client-live-map c_client
	stop keep
	run_case 12-restart-translating c_restart
	run_case 12-restart/st-rw c_st
	run_case 12-restart/outside-blocked c_outside
	stop
	DEVLOC=e2e-ignore.smmu:14
	run_case 9-ignore-start c_start /data/ignore.smmub 0 --dmar /nonexistent
	cases_1_to_5 9-ignore/
	stop
	run_case 11-corrupt-blob-dss c_dss
	;;
aw39)
	DEVLOC=e2e-main.smmu:21
	run_case 10-aw39-start c_start /data/main.smmub 0
	run_case 10-aw39-rebuilt c_rebuilt
	cases_1_to_5 10-aw39/
	stop
	;;
bench)
	bench_both
	;;
*)
	echo "guest-e2e: unknown e2e_mode '$mode'"
	exit 1
	;;
esac
exit 0
