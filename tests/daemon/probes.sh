#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmuman --probe on the seed samples: the exact lines, allow naming the
# granting rule, deny carrying the fault as the simulated unit recorded it.
# Also: -v logs the boot, and a blob whose tables the unit cannot walk is
# rebuilt (and said so).
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/probes"
mkdir -p "$out"
cd "$top_srcdir" || exit 1

: >"$out/all.out"
for s in shared-perms vtd-ignore; do
	"$SMMUCC" -o "$out/$s.smmub" "samples/$s.smmu" || bad "$s: compile"
	grep "^$s|" tests/daemon/probes.expected | cut -d'|' -f2 >"$out/$s.probes"
	"$SMMUMAN" --foreground --log-file "$out/log" --probe "$out/$s.probes" "$out/$s.smmub" |
		sed "s/^/$s|/" >>"$out/all.out"
done
grep -v '^#' tests/daemon/probes.expected | cut -d'|' -f1,3 >"$out/want"
if diff -u "$out/want" "$out/all.out"; then ok; else bad "probe answers differ"; fi

# a 39-bit unit cannot walk the 4-level prebuilt tables: rebuilt, same answers
"$SMMUMAN" --foreground --sim aw=39 --log-file "$out/log39" --probe "$out/shared-perms.probes" \
	"$out/shared-perms.smmub" >"$out/aw39.out" 2>"$out/aw39.err"
grep '^shared-perms|' "$out/want" | cut -d'|' -f2 | diff - "$out/aw39.out" >/dev/null && ok ||
	bad "rebuilt 3-level tables answer differently"
grep -q "capability mismatch: blob tables are 4-level.*rebuilding" "$out/aw39.err" && ok ||
	bad "the rebuild is not logged: $(cat "$out/aw39.err")"
finish
