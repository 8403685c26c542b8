#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Front-end benchmark: 'smmucc --check' on generated configurations of 10^3
# to 10^6 lines; median wall time of several runs, lines per second, peak
# memory, and how time grows per 10x lines. Goal: 10^6 lines in under one
# second, within 200 MiB, and at most 11x the time per 10x the lines.
# Then diagnostics: 10^6 lines with 500,000 warnings against the same file
# without them (gen.py --warnings / --no-warnings). Goal: within 1.5x.
# Environment: SMMUCC, RUSAGE (tests/bench/rusage), PYTHON3, GEN (gen.py),
# BENCH_DIR (where the generated inputs go), BENCH_RUNS (default 5).
set -u
: "${SMMUCC:?}" "${RUSAGE:?}" "${PYTHON3:?}" "${GEN:?}" "${BENCH_DIR:?}"
runs=${BENCH_RUNS:-5}
mkdir -p "$BENCH_DIR" || exit 2

median() { # numbers on stdin
	sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# median seconds and peak KiB of 'smmucc --check FILE' (it must exit 0)
measure() {
	file=$1
	: >"$BENCH_DIR/times"
	rss=0
	i=0
	while [ "$i" -lt "$runs" ]; do
		set -- $("$RUSAGE" "$SMMUCC" --check "$file")
		if [ "$3" -ne 0 ]; then
			echo "smmucc --check $file exited with $3" >&2
			exit 1
		fi
		echo "$1" >>"$BENCH_DIR/times"
		[ "$2" -gt "$rss" ] && rss=$2
		i=$((i + 1))
	done
	echo "$(median <"$BENCH_DIR/times") $rss"
}

printf '%-9s %10s %14s %10s %8s\n' lines seconds lines/s "peak MiB" ratio
prev=""
verdict=0
for n in 1000 10000 100000 1000000; do
	f="$BENCH_DIR/bench-$n.smmu"
	[ -s "$f" ] || "$PYTHON3" "$GEN" "$n" "$f" || exit 2
	lines=$(cat "$f" "$f".* 2>/dev/null | wc -l)
	r=$(measure "$f") || exit 1
	set -- $r
	t=$1
	rss=$2
	ratio=$(awk -v t="$t" -v p="$prev" 'BEGIN { if (p == "") print "-"; else printf "%.2f", t / p }')
	awk -v n="$lines" -v t="$t" -v r="$rss" -v q="$ratio" \
		'BEGIN { printf "%-9d %10.4f %14.0f %10.1f %8s\n", n, t, n / t, r / 1024, q }'
	if [ "$n" -ge 100000 ] && [ "$ratio" != "-" ] &&
		awk -v q="$ratio" 'BEGIN { exit !(q > 11) }'; then
		echo "  goal missed: time grew ${ratio}x for 10x lines (goal <= 11x)"
		verdict=1
	fi
	if [ "$n" -eq 1000000 ] && awk -v t="$t" 'BEGIN { exit !(t >= 1) }'; then
		echo "  goal missed: 10^6 lines took ${t}s (goal < 1s)"
		verdict=1
	fi
	if [ "$n" -eq 1000000 ] && [ "$rss" -gt $((200 * 1024)) ]; then
		echo "  goal missed: 10^6 lines peaked at $((rss / 1024)) MiB (goal <= 200 MiB)"
		verdict=1
	fi
	prev=$t
done

echo
printf '%-28s %10s %10s\n' "10^6 lines, diagnostics" seconds "peak MiB"
for w in no-warnings warnings; do
	f="$BENCH_DIR/bench-$w.smmu"
	[ -s "$f" ] || "$PYTHON3" "$GEN" "--$w" 1000000 "$f" || exit 2
	r=$(measure "$f") || exit 1
	set -- $r
	[ "$w" = warnings ] && tw=$1 || tc=$1
	label=$([ "$w" = warnings ] && echo "500,000 warnings" || echo "no warnings")
	awk -v l="$label" -v t="$1" -v r="$2" 'BEGIN { printf "%-28s %10.4f %10.1f\n", l, t, r / 1024 }'
done
ratio=$(awk -v a="$tw" -v b="$tc" 'BEGIN { printf "%.2f", a / b }')
echo "warnings cost ${ratio}x the time of none"
if awk -v q="$ratio" 'BEGIN { exit !(q > 1.5) }'; then
	echo "  goal missed: ${ratio}x (goal <= 1.5x)"
	verdict=1
fi
[ "$verdict" -eq 0 ] &&
	echo "goals met: 10^6 lines < 1 s in <= 200 MiB, <= 11x time per 10x lines, warnings <= 1.5x"
exit 0
