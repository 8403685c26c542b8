#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Boot-path benchmark on the simulated VT-d unit (tests/bench/bootbench.c):
# (a) memcpy of the table pages, (b) smmuman's path with a compiled blob,
# (c) parse at boot; and the floors of any path from a blob: (z) writing the
# table memory once (memset), (r) reading the blob once (memcpy). Wall time
# (median of BENCH_RUNS) for each size and shape, then instruction counts
# from callgrind, one mode per run with --toggle-collect=run_a|run_b|run_c
# so each count is that path alone.
# Goals reported against, for both shapes at 10,000 regions: b (which
# includes the boot-time proof of the tables) within 2x of its floor z + r,
# and of a; c at least 50x b. Next to each, the best any boot path from a blob
# could do there: b >= z + r, so b/a >= (z+r)/a and c/b <= c/(z+r).
# Also table pages against a lower bound (bootbench's "bound"; VT-d only).
# BENCH_ARCH=smmuv3: the same on the simulated SMMUv3 unit, b and c through
# the architecture's entry (bootbench -A smmuv3), tables in BENCH_PROFILE
# (default smmuv3-s2; smmuv3-s1 on a unit with stage 1 only); its default
# sizes stop at 10000 regions, 1000 under callgrind (the boot-time proof
# makes b about a second at 10000 mixed regions, a minute under callgrind).
# Environment: BOOTBENCH, BENCH_DIR, BENCH_RUNS (default 7), BENCH_BOOT_SIZES
# (default "10 100 1000 10000 100000"), BENCH_DENSE_SIZES (default "10 100
# 1000 10000": the dense shape's compile-time proof grows with granted
# pages times regions per set, minutes at 100000), BENCH_CG_SIZES (callgrind;
# default "10 100 1000 10000"), VALGRIND (default valgrind; none: skip
# callgrind). The run_<mode>* pattern also matches the clones (run_a.isra.0)
# an optimising compiler makes.
# Exit status: 0 measured (missed goals are reported), 1 a run failed.
set -u
: "${BOOTBENCH:?}" "${BENCH_DIR:?}"
runs=${BENCH_RUNS:-7}
arch=${BENCH_ARCH:-vtd}
case $arch in
vtd)
	sizes=${BENCH_BOOT_SIZES:-10 100 1000 10000 100000}
	cgsizes=${BENCH_CG_SIZES:-10 100 1000 10000}
	set -- -A vtd
	tag='' label=VT-d ;;
smmuv3)
	sizes=${BENCH_BOOT_SIZES:-10 100 1000 10000}
	cgsizes=${BENCH_CG_SIZES:-10 100 1000}
	profile=${BENCH_PROFILE:-smmuv3-s2}
	set -- -A smmuv3 -P "$profile"
	tag=-$profile label="SMMUv3 ($profile)" ;;
*)
	echo "bench-boot: BENCH_ARCH is vtd or smmuv3" >&2
	exit 1 ;;
esac
dsizes=${BENCH_DENSE_SIZES:-10 100 1000 10000}
valgrind=${VALGRIND:-valgrind}
mkdir -p "$BENCH_DIR" || exit 1

echo "boot path on the simulated $label unit, wall time median of $runs runs (microseconds)"
echo "a = memcpy of the table pages, z = memset of the table pages, r = memcpy of the blob,"
if [ "$arch" = vtd ]; then
	echo "b = validate+copy+relocate+proof+probe+enable, c = parse+sema+checks+lower+build+"
	echo "relocate+probe+enable; bound = root + context tables + fewest second-level tables;"
	echo "over = pages beyond the bound"
else
	echo "b = validate+probe+tables_install (CRC+copy+relocate+proof)+enable, c = parse+sema+"
	echo "checks+lower without tables, then probe+tables_install (build+relocate+proof)+enable"
fi
echo "shape mixed: 10 regions of 4 KiB..4 MiB per device, a set per device"
# shellcheck disable=SC2086
"$BOOTBENCH" "$@" -r "$runs" -d "$BENCH_DIR" $sizes | tee "$BENCH_DIR/boot-wall$tag-mixed" ||
	exit 1
echo "shape dense: one set of 4 KiB regions 8 KiB apart, every device uses it"
# shellcheck disable=SC2086
"$BOOTBENCH" "$@" -s dense -r "$runs" -d "$BENCH_DIR" $dsizes |
	tee "$BENCH_DIR/boot-wall$tag-dense" || exit 1
for shape in mixed dense; do
	awk -v shape="$shape" 'NR > 1 && $1 == 10000 {
		ba = $12; cb = $13; best_ba = ($7 + $8) / $6; best_cb = $14; bzr = $9 / ($7 + $8)
		printf "goal b <= 2x (z+r) at 10000 regions, %s (wall, proof included): %.2fx %s\n",
		       shape, bzr, (bzr <= 2) ? "met" : "MISSED"
		printf "goal b <= 2x a at 10000 regions, %s (wall): %.2fx %s", shape, ba,
		       (ba <= 2) ? "met" : "MISSED"
		printf " (no boot path from a blob can do better than %.2fx here)\n", best_ba
		printf "goal c >= 50x b at 10000 regions, %s (wall): %.1fx %s", shape, cb,
		       (cb >= 50) ? "met" : "MISSED"
		printf " (no boot path from a blob can do better than %.1fx here)\n", best_cb
	}' "$BENCH_DIR/boot-wall$tag-$shape"
done

if ! command -v "$valgrind" >/dev/null 2>&1; then
	echo "valgrind not found: no instruction counts"
	exit 0
fi
echo
echo "instructions (callgrind Ir, --toggle-collect=run_<mode>, one mode per process)"
st=0
rm -f "$BENCH_DIR/cg-failed"
goal=
for n in $cgsizes; do goal=$n; done
for shape in mixed dense; do
	echo "shape $shape"
	printf '%8s %14s %14s %14s %8s %8s\n' regions "a Ir" "b Ir" "c Ir" b/a c/b
	for n in $cgsizes; do
		line=$n
		for m in a b c; do
			log=$BENCH_DIR/cg$tag-$shape-$m-$n.log
			if ! "$valgrind" --tool=callgrind \
				--callgrind-out-file="$BENCH_DIR/cg$tag-$shape-$m-$n.out" \
				--toggle-collect="run_$m*" "$BOOTBENCH" "$@" -s "$shape" -m "$m" -r 1 \
				-d "$BENCH_DIR" "$n" >"$log" 2>&1; then
				echo "bootbench -s $shape -m $m $n failed under callgrind; see $log" >&2
				: >"$BENCH_DIR/cg-failed" # the loop is a subshell: st would be lost
			fi
			ir=$(sed -n 's/.*Collected : *\([0-9][0-9]*\).*/\1/p' "$log")
			line="$line ${ir:-0}"
		done
		echo "$line"
	done | awk -v shape="$shape" -v goal="$goal" '{
		printf "%8d %14d %14d %14d %8.2f %8.1f\n", $1, $2, $3, $4,
		       $2 ? $3 / $2 : 0, $3 ? $4 / $3 : 0
		if ($1 == goal && $2 && $3) {
			g1 = sprintf("goal b <= 2x a at %d regions, %s (Ir): %.2fx %s", goal, shape,
				     $3 / $2, ($3 / $2 <= 2) ? "met" : "MISSED")
			g2 = sprintf("goal c >= 50x b at %d regions, %s (Ir): %.1fx %s", goal, shape,
				     $4 / $3, ($4 / $3 >= 50) ? "met" : "MISSED")
		} }
		END { if (g1 != "") { print g1; print g2 } }'
done
[ -e "$BENCH_DIR/cg-failed" ] && st=1
exit $st
