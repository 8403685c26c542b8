#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmucc re-proves the VT-d tables of every blob it reads (--check, --verify,
# --query, -O smmu|json|c): tables contradicting their contract, and tables
# granting other than their records (CRC recomputed, so only the proof can
# tell), are refused with one exact message and exit status 1 in every
# mode; every golden blob passes --verify silently.
. "$top_srcdir/tests/policy/lib.sh"
top_builddir=$(cd "$top_builddir" && pwd) && top_srcdir=$(cd "$top_srcdir" && pwd) || exit 1
SMMUCC="$top_builddir/compiler/smmucc"
out="$top_builddir/tests/policy/out/verify"
tool="$top_builddir/tests/blob/blobtool"
golden="$top_srcdir/tests/policy/golden"
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1

# expect NAME STATUS STDERR [smmucc args...]: exact status, stderr, no stdout
expect() {
	name=$1 want=$2 msg=$3
	shift 3
	"$SMMUCC" "$@" >"$name.out" 2>"$name.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, want $want: $(cat "$name.err")"
	elif [ "$(cat "$name.err")" != "$msg" ]; then
		bad "$name: stderr '$(cat "$name.err")', want '$msg'"
	elif [ -s "$name.out" ]; then
		bad "$name: wrote '$(cat "$name.out")'"
	else
		ok
	fi
}

# every mode that reads a blob refuses it the same way
refused() {
	b=$1 msg="smmucc: error: $1: not a valid policy blob: $2"
	expect "$b-check" 1 "$msg" --check "$b"
	expect "$b-verify" 1 "$msg" --verify "$b"
	expect "$b-query" 1 "$msg" --query 'pci:0:18.0 0xf8000000 w' "$b"
	expect "$b-smmu" 1 "$msg" -O smmu "$b"
	expect "$b-json" 1 "$msg" -O json "$b"
	expect "$b-c" 1 "$msg" -O c -o "$b.c" "$b"
	[ ! -e "$b.c" ] && ok || bad "$b: -O c wrote $b.c"
}

for g in "$golden"/*.smmub; do
	s=$(basename "$g" .smmub)
	cp "$g" "$s.smmub"
	expect "golden-$s" 0 "" --verify "$s.smmub"
done

# a tables section that contradicts its contract (smmuman: "VT-d tables
# inconsistent"): fewer pages than the runs fill, 3 levels with aw 48
"$tool" edit shared-perms.smmub pages.smmub 16 0 16 4 5 || bad "blobtool edit pages"
refused pages.smmub "VT-d tables inconsistent at offset 1720"
"$tool" edit shared-perms.smmub levels.smmub 16 0 0 4 3 || bad "blobtool edit levels"
refused levels.smmub "VT-d tables inconsistent at offset 1360"

# runs 10 and 14: foo's read-only and moo's read/write leaves at 0xf8000000
"$tool" runs shared-perms.smmub >runs.txt
[ "$(sed -n '11p;15p' runs.txt)" = "10 5 0 4 0xf8000001 0x1000
14 9 0 4 0xf8000003 0x1000" ] && ok || bad "shared-perms runs moved: $(cat runs.txt)"
"$tool" edit shared-perms.smmub rw.smmub 20 10 8 8 0xf8000003 || bad "blobtool edit rw"
refused rw.smmub "VT-d tables differ from its records: pci:0:18.0 write at 0xf8000000: \
records deny, tables allow"
"$tool" edit shared-perms.smmub ro.smmub 20 14 8 8 0xf8000001 || bad "blobtool edit ro"
refused ro.smmub "VT-d tables differ from its records: pci:0:26.2 write at 0xf8000000: \
records allow, tables deny"
# a leaf one page off: identity mapping broken
"$tool" edit shared-perms.smmub shift.smmub 20 10 8 8 0xf8001001 || bad "blobtool edit shift"
refused shift.smmub "VT-d tables differ from its records: pci:0:18.0 read at 0xf8000000: \
records allow, tables deny"

# run 12 of notation (bar's leaf for 0x1000) stretched over 33 words: pages
# from 0x2000 on map to 0x1000, which the walker alone would call a denial
"$tool" edit notation.smmub stretch.smmub 20 12 6 2 33 || bad "blobtool edit stretch"
refused stretch.smmub "VT-d tables differ from its records: pci:0:19.0 read at 0x2000: \
records deny, tables allow"
# a page count no proof expands
"$tool" edit shared-perms.smmub huge.smmub 16 0 16 4 300000 || bad "blobtool edit huge"
refused huge.smmub "VT-d tables of 300000 pages, more than the 262144 pages smmucc proves"

# -v: what was proven, or why there was nothing to prove
"$SMMUCC" --verify -v shared-perms.smmub >v.out 2>v.err
[ $? -eq 0 ] && [ "$(cat v.out)" = "shared-perms.smmub: policy blob OK" ] &&
	[ "$(cat v.err)" = "smmucc: shared-perms.smmub: vtd-aw48 tables: 10 pages, 10 \
relocations, 3 requester ids, 2 domains; proven with 102 walks" ] && ok ||
	bad "--verify -v: $(cat v.out v.err)"
"$SMMUCC" --verify -v rcar-h3.smmub >none.out 2>none.err
[ "$(cat none.err)" = "smmucc: rcar-h3.smmub: no tables to prove: the policy is for smmu \
rcar3 (samples/rcar-h3.smmu:7), and this build has no rcar3 architecture (it has vtd, armsmmuv3)" ] && ok ||
	bad "no architecture -v: $(cat none.err)"
"$SMMUCC" --profile none -o none.smmub "$top_srcdir/samples/shared-perms.smmu" || bad "profile none"
"$SMMUCC" --verify -v none.smmub >none.out 2>none.err
[ "$(cat none.err)" = "smmucc: none.smmub: no VT-d tables to prove (compiled without \
tables: --profile none, or not for VT-d)" ] && ok || bad "no tables -v: $(cat none.err)"
"$SMMUCC" --late-bind -o late.smmub "$top_srcdir/samples/myx86.smmu" || bad "late-bind compile"
"$SMMUCC" --verify -v late.smmub >late.out 2>late.err
[ "$(cat late.err)" = "smmucc: late.smmub: no VT-d tables to prove (late-bound: smmuman \
builds them at boot)" ] && ok || bad "late-bound -v: $(cat late.err)"

# --verify is a gate: nothing else with it, and only a blob
expect verify-O 2 "smmucc: error: --verify writes nothing: no -o, -O, -d, --query or \
--check with it
Try 'smmucc --help' for more information." --verify -O json shared-perms.smmub
printf 'allow foo 0x1000,4096\n' >text.smmu
expect verify-text 1 "smmucc: error: text.smmu: not a valid policy blob: blob truncated at \
offset 22" --verify text.smmu
finish
