#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Differential for SMMUv3: random policies (randpolicy.py --smmu armsmmuv3)
# -> smmucc --profile smmuv3-s2 and smmuv3-s1 -> smmuman --probe through the
# simulated unit, prebuilt and rebuilt (stage 1, QEMU's unit, a 40-bit
# output, a linear stream table), compared probe by probe with smmucc
# --query-file on the same blob: allow/deny, word for word. The tables are
# what the unit walks; the query answers from the policy records.
#
# One difference is the hardware's, not a bug: at stage 1 a write-only
# grant is readable too (write-implies-read). It is counted apart, and only
# when the run is at stage 1, the probe is a read, and the query denies it
# because the address has a write-only grant; at stage 1 such a read must
# be let through, at stage 2 it must not. Any other difference fails.
# Every run also says which tables the unit walked: a rebuild to the
# profile the unit can walk, or none, as smmuman logs it.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/smmuv3/diff"
mkdir -p "$out"
py="${PYTHON3:-python3}"
first=${SMMUV3_DIFF_SEED:-1}
count=${SMMUV3_DIFF_COUNT:-30}
probes=0
mism=0
widened=0

# PROFILE:SIM:STAGE:REBUILT, REBUILT the profile smmuman rebuilds for the
# unit ('-': the blob's own tables; '|' between alternatives: a blob whose
# StreamIDs fit a linear table has one, and a linear unit walks it as it is,
# or faults every probe if it is not). Every address randpolicy.py grants is
# below 2^39, so the 40-bit unit walks all of them: at stage 2 through a
# 39-bit input (an IPA within the output size), at stage 1 still 48.
runs="s2::2:-
s2:stage=1:1:smmuv3-s1,ias48,oas=48
s2:qemu:1:smmuv3-s1,ias48,oas=44
s2:oas=40:2:smmuv3-s2,ias39,oas=40
s2:linear:2:-|smmuv3-s2,ias48,oas=48,linear
s1::1:-
s1:qemu:1:smmuv3-s1,ias48,oas=44
s1:oas=40:1:smmuv3-s1,ias48,oas=40
s1:linear:1:-|smmuv3-s1,ias48,oas=48,linear"

# Probe, query line and probe line, tab separated, for one run: prints
# "MISMATCHES WIDENED" then the first mismatch.
compare() {
	awk -F'\t' -v stage="$1" '
	function first(s) { return substr(s, 1, index(s " ", " ") - 1) }
	{
		split($1, p, " ")
		wo = $2 ~ /^deny permission missing \(/ && \
		     index($2, "(" p[1] " may not read " p[2] ": ") && $2 ~ / grants write only\)$/
		if (stage == 1 && p[3] == "r" && wo) {
			if (first($3) == "allow")
				w++
			else if (!m++)
				e = $0 " (stage 1 cannot deny a read of a write-only grant)"
		} else if (first($2) != first($3) && !m++) {
			e = $0
		}
	}
	END { printf "%d %d\n%s\n", m, w, e }'
}

seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	p="$out/p$seed"
	rm -f "$p".*
	"$py" "$top_srcdir/tests/daemon/randpolicy.py" --smmu armsmmuv3 "$seed" "$p.smmu" \
		"$p.probes" || {
		bad "seed $seed: generator failed"
		seed=$((seed + 1))
		continue
	}
	n=$(wc -l <"$p.probes")
	for prof in s2 s1; do
		if ! "$SMMUCC" -W no-unused-allow --profile "smmuv3-$prof" -o "$p.$prof.smmub" \
			"$p.smmu" 2>"$p.err"; then
			bad "seed $seed: does not compile as smmuv3-$prof: $(head -3 "$p.err")"
			continue
		fi
		"$SMMUCC" --query-file "$p.probes" "$p.$prof.smmub" >"$p.$prof.want"
	done
	while IFS=: read -r prof sim stage rebuilt; do
		[ -f "$p.$prof.want" ] || continue
		rm -f "$p.log"
		what="seed $seed (smmuv3-$prof, --sim ${sim:-default})"
		"$SMMUMAN" --foreground --log-file "$p.log" ${sim:+--sim "$sim"} \
			--probe "$p.probes" "$p.$prof.smmub" >"$p.got" 2>"$p.err" </dev/null
		rc=$?
		got=$(grep -o 'rebuilt from the records as [^ ]*' "$p.log" | sed 's/.* //')
		case "|$rebuilt|" in
		*"|${got:--}|"*) ;;
		*) rc="$rc (rebuild)" ;;
		esac
		if [ "$rc" != 0 ]; then
			bad "$what: exit $rc, rebuilt '${got:--}', not '$rebuilt': $(head -3 "$p.err")"
			continue
		fi
		res=$(paste "$p.probes" "$p.$prof.want" "$p.got" | compare "$stage")
		set -- $(echo "$res" | head -1)
		if [ "$(wc -l <"$p.got")" -ne "$n" ] || [ "$(wc -l <"$p.$prof.want")" -ne "$n" ]; then
			bad "$what: $n probes, $(wc -l <"$p.$prof.want") answers, $(wc -l <"$p.got") results"
		elif [ "$1" -ne 0 ]; then
			bad "$what: $1 of $n probes differ, e.g. $(echo "$res" | sed -n 2p)"
		else
			ok
		fi
		probes=$((probes + n))
		mism=$((mism + $1))
		widened=$((widened + $2))
	done <<EOF
$runs
EOF
	seed=$((seed + 1))
done
echo "differential: $count policies, $probes probes, $mism mismatches, $widened widened"
# The stage-1 runs must have met the widening: else its recognition is untested.
if [ "$count" -ge 10 ] && [ "$widened" -eq 0 ]; then
	bad "no stage-1 run read a write-only grant: the widening went unchecked"
fi
finish
