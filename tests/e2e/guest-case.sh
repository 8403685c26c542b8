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
