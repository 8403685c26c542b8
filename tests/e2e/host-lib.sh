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

# bench_medians ARCH CLOCK LOG: the guest's "BENCH WHAT PHASE US" lines in
# LOG (guest-case.sh's bench_both) as one table of medians, prebuilt beside
# parse-at-boot, and the ratio of their times to translation on; fails
# unless both ways have five starts.
bench_medians() {
	tr -d '\r' <"$3" | grep '^BENCH [a-z-]* [a-z-]* [0-9-]*$' |
		awk -v arch="$1" -v clock="$2" '
		{ v[$2 " " $3] = v[$2 " " $3] " " $4; n[$2 " " $3]++
		  if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3 } }
		function med(key,   a, m, i, j, t) {
			m = split(v[key], a, " ")
			for (i = 1; i <= m; i++)
				for (j = i + 1; j <= m; j++)
					if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
			return m ? a[int((m + 1) / 2)] : "-"
		}
		END {
			printf "BENCH %s guest boot (%s), us after exec, median of 5:\n", arch, clock
			printf "  %-24s %12s %14s\n", "phase", "prebuilt", "parse-at-boot"
			for (i = 1; i <= k; i++)
				printf "  %-24s %12s %14s\n", order[i], med("prebuilt " order[i]),
					med("parse-at-boot " order[i])
			p = med("prebuilt translation-on"); q = med("parse-at-boot translation-on")
			if (p > 0)
				printf "BENCH %s (%s): exec to translation on %d us prebuilt, %d us " \
					"parse-at-boot: %.1fx\n", arch, clock, p, q, q / p
			if (n["prebuilt translation-on"] != 5 || n["parse-at-boot translation-on"] != 5)
				exit 1
		}'
}

# bench_clocks ARCH BOOT: the boot bench on each clock of $BENCH_CLOCKS
# (default "icount tcg": -icount shift=0, guest instructions at 1 ns; TCG's
# real time): BOOT LOG QEMU-OPTIONS runs the bench guest once, then its
# table (bench_medians). 0, or 1 when a boot or a start is missing.
bench_clocks() {
	bst=0
	for clock in ${BENCH_CLOCKS:-icount tcg}; do
		extra=
		[ "$clock" = icount ] && extra="-icount shift=0"
		if ! "$2" "$work/boot-$clock.log" "$extra"; then
			echo "bench: the $1 guest failed (log $work/boot-$clock.log)"
			bst=1
		elif ! bench_medians "$1" "$clock" "$work/boot-$clock.log"; then
			echo "bench: $1 starts missing (log $work/boot-$clock.log)"
			bst=1
		fi
	done
	return $bst
}

# bench_policy SMMU BASE: the boot bench's policy (SMMU empty: no smmu line), 1,000 separate 4 KiB
# regions from BASE (every other page: none merge), one allow set for the
# edu devices 04.0 and 05.0.
bench_policy() {
	[ -z "$1" ] || echo "smmu $1"
	awk -v base="$(($2))" 'BEGIN { for (i = 0; i < 1000; i++)
		printf "allow main 0x%x,4K,st\n", base + i * 8192 }'
	echo "device pci:0:4.0 main"
	echo "device pci:0:5.0 main"
}
