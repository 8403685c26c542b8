# SPDX-License-Identifier: BSD-2-Clause
#
# Sourced by every QEMU test on the host side (through qemu-prereq.sh for
# the x86 ones, directly by e2e-smmuv3.sh): skips, counters, times, and
# how a guest run's case lines become results. Nothing architecture-bound.

# skip WHY: exit 77, naming what is missing.
skip() {
	echo "SKIP: $1"
	echo "0 passed, 0 failed"
	exit 77
}

passed=0
failed=0

# tally PASS|FAIL: counts one case.
tally() {
	if [ "$1" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

# now_ds: the clock in tenths of a second; hms DS: "12.3s".
now_ds() {
	t=$(date +%s%N)
	echo $((t / 100000000))
}

hms() {
	echo "$(($1 / 10)).$(($1 % 10))s"
}

# fail_setup WHY: the run cannot start; one failure, and out.
fail_setup() {
	echo "$1"
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
}

# report_cases LOG NAME...: each expected case's last line in the guest's
# LOG, counted; a case that never reported fails, and a failing one is
# shown with its own output (the indented lines just above its line).
report_cases() {
	rlog=$1
	shift
	for name in "$@"; do
		line=$(tr -d '\r' <"$rlog" 2>/dev/null | grep "^CASE $name " | tail -n 1)
		st=$(echo "$line" | cut -d' ' -f3)
		tally "$st"
		if [ "$st" = PASS ]; then
			echo "$line"
		else
			echo "${line:-CASE $name FAIL no result; see $rlog (0.0s)}"
			tr -d '\r' <"$rlog" | awk -v n="CASE $name " '
				/^  / { buf = buf $0 "\n"; next }
				index($0, n) == 1 { printf "%s", buf }
				{ buf = "" }' | tail -n 40
		fi
	done
}
