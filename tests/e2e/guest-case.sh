# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=sh
#
# Sourced by the guest case scripts (guest-bringup.sh, guest-e2e.sh) as
# /lib/case.sh, which mkinitramfs.sh puts in every image: one way to run a
# case and report it, so the host tests read one line format:
#   CASE <name> PASS|FAIL <detail> (<N.N>s)
# after the case's output, indented.

DETAIL=/tmp/case.detail

# centiseconds of uptime; "0.97" would read as octal 097 in $((...))
now_cs() {
	read -r up _ </proc/uptime
	cs=${up%.*}${up#*.}
	while [ "${cs#0}" != "$cs" ]; do cs=${cs#0}; done
	echo "${cs:-0}"
}

# run_case NAME FUNCTION [ARG]...: the function fails the case by returning
# non-zero; what it appends to $DETAIL (note) becomes the case's detail.
run_case() {
	name=$1
	shift
	: >"$DETAIL"
	t0=$(now_cs)
	"$@" >/tmp/case.out 2>&1
	rc=$?
	t1=$(now_cs)
	sed 's/^/  /' /tmp/case.out
	d=$((t1 - t0))
	if [ $rc -eq 0 ]; then st=PASS; else st=FAIL; fi
	detail=$(tr '\n' ' ' <"$DETAIL")
	echo "CASE $name $st ${detail% } ($((d / 100)).$((d % 100 / 10))s)"
}

note() {
	echo "$*" >>"$DETAIL"
}

# log_has TEXT: smmuman's log ($LOG) has TEXT; it logs faults when it next
# polls (every 100 ms), so this waits up to 3 s.
log_has() {
	for _ in $(seq 30); do
		if grep -q -F -e "$1" "$LOG" 2>/dev/null; then
			grep -F -e "$1" "$LOG" | head -n 1
			return 0
		fi
		usleep 100000
	done
	echo "smmuman's log lacks: $1"
	return 1
}

log_lacks() {
	if grep -q -F -e "$1" "$LOG" 2>/dev/null; then
		echo "smmuman's log has: $(grep -F -e "$1" "$LOG" | head -n 1)"
		return 1
	fi
	return 0
}

# stop_smmuman: ends the smmuman started last ($pid; TERM leaves the units
# translating) and waits until it is gone, or a zombie init has not reaped.
stop_smmuman() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		for _ in $(seq 50); do
			[ -d "/proc/$pid" ] || break
			grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && break
			usleep 20000
		done
	fi
	pid=
}

# us of CLOCK_MONOTONIC in smmuman's "phase NAME" line; exec: when it began
phase_us() {
	if [ "$1" = exec ]; then
		sed -n 's/.*phase log open: \([0-9]*\) us after exec (monotonic \([0-9]*\) us).*/\2 \1/p' \
			"$LOG" | head -n 1 | { read -r m a && echo $((m - a)); }
		return
	fi
	sed -n "s/.*phase $1: [0-9]* us after exec (monotonic \([0-9]*\) us).*/\1/p" "$LOG" |
		head -n 1
}

# bench_starts WHAT COMMAND [ARG]...: five starts of smmuman by COMMAND,
# each on a unit turned off first (the script's stop), and for each one
# "BENCH WHAT PHASE US" line per phase of its start-up (smmuman -v) on
# CLOCK_MONOTONIC from the exec of COMMAND (monoexec); host-lib.sh's
# bench_medians makes the table. COMMAND logs to $LOG, stderr goes to $ERR.
bench_starts() {
	what=$1
	shift
	for i in 1 2 3 4 5; do
		stop
		rm -f "$LOG" /tmp/pab.smmub
		monoexec "$@" 2>"$ERR"
		pid=$(sed -n 's/^smmuman\[\([0-9]*\)\]: .*/\1/p' "$LOG" 2>/dev/null | tail -n 1)
		m0=$(sed -n 's/^MONO \([0-9]*\)$/\1/p' "$ERR")
		ex=$(phase_us exec)
		if [ -z "$m0" ] || [ -z "$ex" ] || ! log_has "translation enabled" >/dev/null; then
			echo "BENCH-FAILED $what start $i"
			cat "$ERR" "$LOG"
			return 1
		fi
		echo "BENCH $what exec $((ex - m0))"
		# every phase smmuman logs, in its order (the foreground's and the daemon's)
		sed -n 's/.*phase \([A-Za-z ]*\): [0-9]* us after exec (monotonic \([0-9]*\) us).*/\1|\2/p' \
			"$LOG" | while IFS='|' read -r p t; do
			echo "BENCH $what $(echo "$p" | tr ' ' -) $((t - m0))"
		done
	done
	stop
}

# bench_both: the prebuilt way (/data/bench.smmub, compiled on the host),
# then parse-at-boot as the seeds' smmuman works (/data/bench.smmu compiled
# in the guest with no tables, smmuman builds them at boot), with the table
# memory the host compiled for (kernel argument bench_tables), else $TABLES.
bench_both() {
	tm=${bench_tables:-$TABLES}
	bench_starts prebuilt smmuman --backend devmem --table-memory "$tm" --log-file "$LOG" \
		-v /data/bench.smmub &&
		# shellcheck disable=SC2016 # the inner shell expands them
		bench_starts parse-at-boot sh -c 'smmucc --table-memory "$1" --profile none -o \
/tmp/pab.smmub /data/bench.smmu && exec smmuman --backend devmem --table-memory "$1" \
--log-file "$2" -v /tmp/pab.smmub' sh "$tm" "$LOG"
}
