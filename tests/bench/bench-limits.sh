#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Inputs that used to take time quadratic or exponential in their size
# (smmu(5) LIMITS), each at two sizes 10x apart: one long word, a comment
# line, an argument list of many parts joined over blanks, a device tree
# of regions all named memory@... as an asinfo map, YAML nesting in an
# asinfo map, a 4-way @include fan-out at depths 4 and 15, and many -e
# options. Prints the median wall time of a few runs and how it grows for
# 10x the input;
# goal: at most 11x (linear), and for the fan-out no growth at all (the
# 1025th file read is refused).
# Environment: SMMUCC, RUSAGE (tests/bench/rusage), BENCH_DIR, BENCH_RUNS (3).
set -u
: "${SMMUCC:?}" "${RUSAGE:?}" "${BENCH_DIR:?}"
runs=${BENCH_RUNS:-3}
mkdir -p "$BENCH_DIR" || exit 2
cd "$BENCH_DIR" || exit 2

median() { # numbers on stdin
	sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bytes N CHAR: N bytes of CHAR
bytes() {
	head -c "$1" /dev/zero | tr '\0' "$2"
}

# time_of FILE ARGS...: median seconds of 'smmucc --check ARGS FILE' (exit 0 or 1)
time_of() {
	f=$1
	shift
	: >times.txt
	i=0
	while [ "$i" -lt "$runs" ]; do
		# shellcheck disable=SC2046 # rusage prints three words
		set -- $("$RUSAGE" "$SMMUCC" --check "$@" "$f") "$@"
		if [ "$3" -gt 1 ]; then
			echo "smmucc --check $f exited with $3" >&2
			exit 1
		fi
		echo "$1" >>times.txt
		shift 3
		i=$((i + 1))
	done
	median <times.txt
}

verdict=0
# row NAME SIZE1 T1 SIZE2 T2 GOAL: GOAL is the largest ratio allowed
row() {
	awk -v n="$1" -v a="$2" -v t="$3" -v b="$4" -v u="$5" -v g="$6" 'BEGIN {
		r = t > 0 ? u / t : 0
		printf "%-22s %10s %9.4f %10s %9.4f %7.2fx (goal <= %sx)\n", n, a, t, b, u, r, g
		exit !(r <= g || u < 0.05)
	}' || verdict=1
}

printf '%-22s %10s %9s %10s %9s %8s\n' input size seconds size seconds growth

for n in 1048576 10485760; do
	{ printf 'allow a '; bytes "$n" x; printf '\nforeground\n'; } >"word-$n.smmu"
	{ printf '#'; bytes "$n" c; printf '\nforeground\n'; } >"comment-$n.smmu"
done
row "one word" 1MiB "$(time_of word-1048576.smmu)" 10MiB "$(time_of word-10485760.smmu)" 11
row "one comment line" 1MiB "$(time_of comment-1048576.smmu)" \
	10MiB "$(time_of comment-10485760.smmu)" 11

for n in 100000 1000000; do
	{ printf 'allow a 1,'; awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print " 1," }'
	  printf ' 1\n'; } >"list-$n.smmu"
done
row "list parts, one a line" 100000 "$(time_of list-100000.smmu)" \
	1000000 "$(time_of list-1000000.smmu)" 11

# a device tree of N reserved-memory nodes all named memory@..., each with
# a label, and N references by node name and label: the names are indexed
# once, so each reference costs the same however large the tree
here=$(cd "$(dirname "$0")" && pwd)
for n in 10000 100000; do
	"${PYTHON3:-python3}" "$here/gen_dtb.py" "$n" "dt-$n.dtb" || exit 2
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
		printf "allow a%d $asinfo_start{memory@%x},$asinfo_length{l%d}\n", i,
			1073741824 + i * 4096, i
	}' >"dt-$n.smmu"
done
row "DTB names, references" 10000 "$(time_of dt-10000.smmu --asinfo dt-10000.dtb -W no-unused-allow)" \
	100000 "$(time_of dt-100000.smmu --asinfo dt-100000.dtb -W no-unused-allow)" 11

printf 'foreground\n' >asinfo.smmu
for n in 100000 1000000; do
	{ printf 'regions: '; bytes "$n" '['; bytes "$n" ']'; echo; } >"nest-$n.yaml"
done
row "YAML nesting" 100000 "$(time_of asinfo.smmu --asinfo nest-100000.yaml)" \
	1000000 "$(time_of asinfo.smmu --asinfo nest-1000000.yaml)" 11

# fanN/f0.smmu includes f1 four times, ... down to fN
for d in 4 15; do
	mkdir -p "fan$d"
	i=0
	while [ "$i" -lt "$d" ]; do
		j=$((i + 1))
		printf '@f%d.smmu\n@f%d.smmu\n@f%d.smmu\n@f%d.smmu\n' $j $j $j $j >"fan$d/f$i.smmu"
		i=$j
	done
	printf 'foreground\n' >"fan$d/f$d.smmu"
done
row "@include fan-out 4^d" d=4 "$(time_of fan4/f0.smmu)" d=15 "$(time_of fan15/f0.smmu)" 3

# -e options, each one more line of <command line> (appended, not copied again)
: >empty.smmu
e6=$(awk 'BEGIN { for (i = 0; i < 6000; i++) printf "-e foreground " }')
e60=$(awk 'BEGIN { for (i = 0; i < 60000; i++) printf "-e foreground " }')
# shellcheck disable=SC2086 # one word an option
row "-e options" 6000 "$(time_of empty.smmu $e6)" 60000 "$(time_of empty.smmu $e60)" 11

[ "$verdict" -eq 0 ] && echo "goals met: linear growth, bounded fan-out"
exit 0
