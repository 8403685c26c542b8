#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Compile benchmark: smmucc (full compile with VT-d tables, and with
# --profile none) against dtc on the same policy written as a device tree,
# for 10^3 to 10^6 lines. Median wall time of several runs, lines per
# second, peak resident memory of the child, growth per 10x lines, the
# smmucc/dtc time ratio, and blob bytes per device and per region.
# Goals reported against: at 10^3 lines smmucc is at least as fast as dtc;
# 10x the lines takes at most 11x the time.
# Environment: SMMUCC, RUSAGE (tests/bench/rusage), PYTHON3, GEN
# (gen_policy.py), DTC, BENCH_DIR (generated files), BENCH_RUNS (default 5;
# one at 10^6 lines), BENCH_SIZES (default "1000 10000 100000 1000000"),
# BENCH_DTC_MAX (default 100000: dtc's time grows about quadratically with
# the nodes, so beyond this many lines it is not run; it took 13+ minutes
# at 10^6 lines here), BENCH_ARCH (vtd, the default, or armsmmuv3: the
# policies of gen_policy.py --smmu armsmmuv3), BENCH_PROFILE (smmucc's
# --profile for the full compile; default the architecture's own).
# Exit status: 0 measured (goals missed are reported, not failed), 1 a
# command failed, 2 setup error.
set -u
: "${SMMUCC:?}" "${RUSAGE:?}" "${PYTHON3:?}" "${GEN:?}" "${BENCH_DIR:?}"
DTC=${DTC:-dtc}
runs=${BENCH_RUNS:-5}
sizes=${BENCH_SIZES:-1000 10000 100000 1000000}
arch=${BENCH_ARCH:-vtd}
case $arch in
vtd) tag='' label=VT-d ;;
armsmmuv3) tag=-$arch label=SMMUv3 ;;
*) echo "bench-compile: BENCH_ARCH is vtd or armsmmuv3" >&2; exit 2 ;;
esac
profile=${BENCH_PROFILE:-}
[ -n "$profile" ] && label=$profile
mkdir -p "$BENCH_DIR" || exit 2
if ! command -v "$DTC" >/dev/null 2>&1; then
	echo "bench-compile: dtc not found (configure looks for it); skipped"
	exit 0
fi

median() { # numbers on stdin
	sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure NAME COMMAND...: runs it $n_runs times; sets t_NAME (median s), m_NAME (max KiB)
measure() {
	name=$1
	shift
	: >"$BENCH_DIR/times"
	rss=0
	i=0
	while [ "$i" -lt "$n_runs" ]; do
		set -- $("$RUSAGE" "$@") "$@"
		st=$3
		if [ "$st" -ne 0 ]; then
			shift 3
			echo "bench-compile: '$*' exited with status $st" >&2
			exit 1
		fi
		echo "$1" >>"$BENCH_DIR/times"
		[ "$2" -gt "$rss" ] && rss=$2
		shift 3
		i=$((i + 1))
	done
	eval "t_$name=\$(median <\"\$BENCH_DIR/times\")"
	eval "m_$name=\$rss"
}

res="$BENCH_DIR/compile-results$tag${profile:+-$profile}"
: >"$res"
for n in $sizes; do
	b="$BENCH_DIR/policy$tag-$n"
	if [ ! -s "$b.meta" ] || [ ! -s "$b.smmu" ] || [ ! -s "$b.dts" ]; then
		"$PYTHON3" "$GEN" --smmu "$arch" "$n" "$b.smmu" "$b.dts" >"$b.meta" || exit 2
	fi
	n_runs=$runs
	[ "$n" -ge 1000000 ] && n_runs=1
	# shellcheck disable=SC2086
	measure full "$SMMUCC" ${profile:+--profile "$profile"} -o "$b.smmub" "$b.smmu"
	measure none "$SMMUCC" --profile none -o "$b.none.smmub" "$b.smmu"
	t_dtc=- m_dtc=- dtb=-
	if [ "$n" -le "${BENCH_DTC_MAX:-100000}" ]; then
		measure dtc "$DTC" -I dts -O dtb -o "$b.dtb" "$b.dts"
		dtb=$(wc -c <"$b.dtb")
	fi
	echo "$(cat "$b.meta") $t_full $m_full $t_none $m_none $t_dtc $m_dtc" \
		"$(wc -c <"$b.smmub") $(wc -c <"$b.none.smmub") $dtb" >>"$res"
	rm -f "$b.smmub" "$b.none.smmub" "$b.dtb" # up to a GiB at 10^6 lines
done

# columns: lines sets regions devices pci t_full m_full t_none m_none t_dtc m_dtc
#          blob_full blob_none dtb
awk -v runs="$runs" -v label="$label" '
function growth(t, p) { return p == "" ? "-" : sprintf("%.2fx", t / p) }
{ L[NR] = $0 }
END {
	printf "compile time, median of %d runs (1 at 10^6); " \
		"growth = time / time at 10x fewer lines\n", runs
	printf "%-8s | %-34s | %-34s | %-34s | %8s %8s\n", "", \
		"smmucc -o (full, " label " tables)", "smmucc --profile none -o", "dtc -I dts -O dtb", \
		"full/", "none/"
	printf "%-8s | %9s %11s %6s %6s | %9s %11s %6s %6s | %9s %11s %6s %6s | %8s %8s\n", \
		"lines", "s", "lines/s", "MiB", "growth", "s", "lines/s", "MiB", "growth", \
		"s", "lines/s", "MiB", "growth", "dtc", "dtc"
	for (i = 1; i <= NR; i++) {
		split(L[i], f, " ")
		printf "%-8d | %9.4f %11.0f %6.1f %6s | %9.4f %11.0f %6.1f %6s | ", \
			f[1], f[6], f[1] / f[6], f[7] / 1024, growth(f[6], pf), \
			f[8], f[1] / f[8], f[9] / 1024, growth(f[8], pn)
		if (f[10] == "-")
			printf "%9s %11s %6s %6s | %8s %8s\n", "-", "-", "-", "-", "-", "-"
		else
			printf "%9.4f %11.0f %6.1f %6s | %8.2f %8.2f\n", \
				f[10], f[1] / f[10], f[11] / 1024, growth(f[10], pd), \
				f[6] / f[10], f[8] / f[10]
		pf = f[6]; pn = f[8]; pd = f[10] == "-" ? "" : f[10]
	}
	printf "\noutput size\n"
	printf "%-8s %7s %8s %8s %6s | %11s %9s %9s | %10s %9s %9s | %10s\n", "lines", "sets", \
		"regions", "devices", "pci", "blob bytes", "B/device", "B/region", "no tables", \
		"B/device", "B/region", "dtb bytes"
	for (i = 1; i <= NR; i++) {
		split(L[i], f, " ")
		printf "%-8d %7d %8d %8d %6d | %11d %9.1f %9.1f | %10d %9.1f %9.1f | %10s\n", \
			f[1], f[2], f[3], f[4], f[5], f[12], f[12] / f[4], f[12] / f[3], \
			f[13], f[13] / f[4], f[13] / f[3], f[14]
	}
	printf "\n"
	for (i = 1; i <= NR; i++) {
		split(L[i], f, " ")
		if (i == 1 && f[10] != "-") {
			printf "goal at %d lines, smmucc no slower than dtc: full %s (%.2fx), " \
				"--profile none %s (%.2fx)\n", f[1], \
				f[6] <= f[10] ? "met" : "MISSED", f[6] / f[10], \
				f[8] <= f[10] ? "met" : "MISSED", f[8] / f[10]
		}
		if (i > 1) {
			split(L[i - 1], p, " ")
			printf "goal %d -> %d lines, time <= 11x: full %.2fx %s, none %.2fx %s\n", \
				p[1], f[1], f[6] / p[6], f[6] / p[6] <= 11 ? "met" : "MISSED", \
				f[8] / p[8], f[8] / p[8] <= 11 ? "met" : "MISSED"
		}
	}
}' "$res"
exit 0
