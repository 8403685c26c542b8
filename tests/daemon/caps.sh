#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The capability contract as smmuman boots it: for each way a unit cannot
# walk the prebuilt tables (2 MiB or 1 GiB leaves it lacks, a level count
# its SAGAW does not offer), smmuman must say so, rebuild the tables for the
# unit, enable translation, and then answer every probe as smmucc --query
# answers from the same blob. A unit with no usable SAGAW is a Design Safe
# State. The unit tests of the contract's functions do not prove this: only
# the boot path decides which tables the unit walks.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/caps"
mkdir -p "$out"

# 2 MiB leaves (two, 1 GiB-aligned), a 1 GiB leaf (read only), 4 KiB pages
# (write only) on another bus; line numbers are named by the answers.
cat >"$out/caps.smmu" <<'EOF'
smmu vtd require
allow big 0x40000000,0x400000,st
allow huge 0x80000000,0x40000000,s
allow small 0x10000,0x3000,t
device pci:0:2.0 big
device pci:0:3.0 huge
device pci:1:0.0 small
EOF

# inside, outside, both edges of every grant, read and write, across the
# 2 MiB seam, another device's grant, above 39 bits, unknown devices
cat >"$out/caps.probes" <<'EOF'
pci:0:2.0 0x3ffff000 r
pci:0:2.0 0x3fffffff w
pci:0:2.0 0x40000000 r
pci:0:2.0 0x40000000 w
pci:0:2.0 0x401fffff w
pci:0:2.0 0x40200000 r
pci:0:2.0 0x403ff000 w
pci:0:2.0 0x403fffff r
pci:0:2.0 0x40400000 r
pci:0:2.0 0x40400000 w
pci:0:2.0 0x80000000 r
pci:0:2.0 0x8040000000 r
pci:0:3.0 0x7ffff000 r
pci:0:3.0 0x80000000 r
pci:0:3.0 0x80000000 w
pci:0:3.0 0x9ff00000 r
pci:0:3.0 0xbfffffff r
pci:0:3.0 0xbfffffff w
pci:0:3.0 0xc0000000 r
pci:0:3.0 0x40000000 r
pci:1:0.0 0xf000 w
pci:1:0.0 0x10000 w
pci:1:0.0 0x10000 r
pci:1:0.0 0x12fff w
pci:1:0.0 0x13000 w
pci:1:0.0 0x40000000 w
pci:0:31.7 0x40000000 r
pci:0:31.7 0x80000000 r
pci:5:0.0 0x10000 w
pci:0:2.1 0x40000000 r
EOF

# The answers compared: the word, and for an allow the rule that grants it.
# A deny's fault text is the unit's, which --query cannot know.
answers() {
	awk '$1 == "allow" { print $1, $2, $3; next } { print $1 }'
}

# run CASE PROFILE SIM WANT-MISMATCH WANT-BUILT
run() {
	name=$1 prof=$2 sim=$3 mism=$4 built=$5
	b="$out/$name"
	if ! "$SMMUCC" --profile "$prof" -o "$b.smmub" "$out/caps.smmu" 2>"$b.cc"; then
		bad "$name: does not compile: $(cat "$b.cc")"
		return
	fi
	"$SMMUCC" --query-file "$out/caps.probes" "$b.smmub" | answers >"$b.want"
	rm -f "$b.log"
	"$SMMUMAN" --foreground --log-file "$b.log" --sim "$sim" --probe "$out/caps.probes" \
		"$b.smmub" >"$b.out" 2>"$b.err"
	st=$?
	[ $st -eq 0 ] && ok || bad "$name: exit status $st: $(head -3 "$b.err")"
	grep -q '^DSS:' "$b.err" && bad "$name: $(grep '^DSS:' "$b.err")" || ok
	sed 's/^smmuman\[[0-9]*\]: //' "$b.log" >"$b.lines"
	grep -qxF "warning: capability mismatch: $mism; rebuilding the tables" "$b.lines" && ok ||
		bad "$name: no line 'capability mismatch: $mism; rebuilding the tables' in: $(grep -v debug "$b.lines")"
	grep -qxF "info: built $built" "$b.lines" && ok ||
		bad "$name: no line 'built $built' in: $(grep -v debug "$b.lines")"
	grep -qxF "info: policy $b.smmub: 3 devices, 3 domains on 1 unit; translation enabled" \
		"$b.lines" && ok ||
		bad "$name: translation not enabled: $(grep -v debug "$b.lines")"
	answers <"$b.out" >"$b.got"
	n=$(wc -l <"$out/caps.probes")
	if [ "$(wc -l <"$b.want")" -eq "$n" ] && cmp -s "$b.want" "$b.got"; then
		ok
	else
		d=$(paste -d'|' "$out/caps.probes" "$b.want" "$b.got" | awk -F'|' '$2 != $3' | wc -l)
		bad "$name: $d of $n probes differ from --query (probe|query|smmuman):"
		paste -d'|' "$out/caps.probes" "$b.want" "$b.got" | awk -F'|' '$2 != $3' | head -5
	fi
}

run sp-none vtd-aw48 sp=none \
	"blob tables use 2 MiB pages, unit dmar0 does not support them" \
	"527 table pages at boot (4-level)"
run aw39-4level vtd-aw48 aw=39 \
	"blob tables are 4-level, unit dmar0 offers SAGAW 0x2" \
	"10 table pages at boot (3-level, 2 MiB)"
run no-1g vtd-aw48,1g sp=2m \
	"blob tables use 1 GiB pages, unit dmar0 does not support them" \
	"13 table pages at boot (4-level, 2 MiB)"
# A unit offering 48 bits only: --sim has no such option today (aw=48 offers
# 39 and 48); this case fails until it has one, spelled as below.
aw48only=${CAPS_SIM_AW48_ONLY:-aw=48only}
if "$SMMUMAN" --foreground --log-file "$out/opt.log" --sim "$aw48only" --probe /dev/null \
	"$out/sp-none.smmub" 2>&1 | grep -q "bad --sim options"; then
	bad "aw48only-3level: --sim has no unit offering 48 bits only ('$aw48only' is refused)"
else
	run aw48only-3level vtd-aw39 "$aw48only" \
		"blob tables are 3-level, unit dmar0 offers SAGAW 0x4" \
		"13 table pages at boot (4-level, 2 MiB)"
fi

# neither 39 nor 48 bits: no table format to rebuild with
b="$out/aw-none"
"$SMMUCC" -o "$b.smmub" "$out/caps.smmu" 2>"$b.cc" || bad "aw-none: does not compile"
"$SMMUMAN" --foreground --log-file "$b.log" --sim aw=none --probe "$out/caps.probes" \
	"$b.smmub" >"$b.out" 2>"$b.err"
st=$?
[ $st -eq 12 ] && ok || bad "aw-none: exit status $st, want 12"
dss="DSS: unit dmar0 offers no 3- or 4-level page-table format (SAGAW 0x0): no tables can be built for it"
[ "$(grep '^DSS:' "$b.err")" = "$dss" ] && ok || bad "aw-none: DSS line: $(grep '^DSS:' "$b.err")"
[ "$(wc -l <"$b.out")" -eq "$(wc -l <"$out/caps.probes")" ] && ! grep -qv '^deny ' "$b.out" &&
	ok || bad "aw-none: a probe was not denied: $(grep -v '^deny ' "$b.out" | head -3)"

# what live updates invalidate differently: caching mode, page-selective
# invalidation with draining, the write buffer; the prebuilt tables still
# serve, and the unit says so in its capabilities
b="$out/cm-psi"
rm -f "$b.log"
"$SMMUMAN" --foreground -v --log-file "$b.log" --sim cm,psi,rwbf --probe "$out/caps.probes" \
	"$out/aw-none.smmub" >"$b.out" 2>"$b.err"
st=$?
[ $st -eq 0 ] && ok || bad "cm-psi: exit status $st, want 0 ($(head -1 "$b.err"))"
grep -q "unit dmar0 at 0xfed90000: VER 1.0 CAP 0xc9008c222f0696 ECAP 0xf00 SAGAW 0x6 2M 1G\$" \
	"$b.log" && ok || bad "cm-psi: CAP: $(grep -o 'CAP 0x[0-9a-f]*' "$b.log")"
"$SMMUCC" --query-file "$out/caps.probes" "$out/aw-none.smmub" | answers >"$b.want"
answers <"$b.out" | cmp -s "$b.want" - && ok || bad "cm-psi: answers differ from --query"
finish
