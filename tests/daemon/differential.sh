#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Differential: random policies -> smmucc -> smmuman --probe through the
# simulated VT-d unit, compared probe by probe with smmucc --query on the
# same policy. The tables are what the unit walks; the query answers from
# the policy records. Zero mismatches, on the prebuilt 4-level tables and on
# the 3-level tables smmuman rebuilds for a 39-bit unit.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/diff"
mkdir -p "$out"
py="${PYTHON3:-python3}"
first=${DIFF_SEED:-1}
count=${DIFF_COUNT:-60}
probes=0
mism=0

seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	p="$out/p$seed"
	"$py" "$top_srcdir/tests/daemon/randpolicy.py" "$seed" "$p.smmu" "$p.probes" || {
		bad "seed $seed: generator failed"
		seed=$((seed + 1))
		continue
	}
	if ! "$SMMUCC" -W no-unused-allow -o "$p.smmub" "$p.smmu" 2>"$p.err"; then
		bad "seed $seed: does not compile: $(head -3 "$p.err")"
		seed=$((seed + 1))
		continue
	fi
	"$SMMUCC" --query-file "$p.probes" "$p.smmub" | cut -d' ' -f1 >"$p.want"
	for sim in aw=48 aw=39,sp=none; do
		"$SMMUMAN" --foreground --log-file "$p.log" --sim "$sim" --probe "$p.probes" \
			"$p.smmub" | cut -d' ' -f1 >"$p.got"
		n=$(wc -l <"$p.want")
		probes=$((probes + n))
		if [ "$n" -gt 0 ] && cmp -s "$p.want" "$p.got"; then
			ok
		else
			d=$(paste -d' ' "$p.probes" "$p.want" "$p.got" | awk '$4 != $5' | wc -l)
			mism=$((mism + d))
			bad "seed $seed ($sim): $d of $n probes differ, e.g. $(paste -d' ' "$p.probes" "$p.want" "$p.got" | awk '$4 != $5' | head -1)"
		fi
	done
	seed=$((seed + 1))
done
echo "differential: $count policies, $probes probes, $mism mismatches"
finish
