# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=sh
#
# Sourced by the guest case scripts (guest-bringup.sh, guest-e2e.sh) as
# /lib/case.sh, which mkinitramfs.sh puts in every image: one way to run a
# case and report it, so the host tests read one line format:
#   CASE <name> PASS|FAIL <detail> (<N.N>s)
# after the case's output, indented.

DETAIL=/tmp/case.detail

now_cs() {
	read -r up _ </proc/uptime
	echo "${up%.*}${up#*.}"
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
