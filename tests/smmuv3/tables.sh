#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# SMMUv3 tables in the blob, read back: the golden blobs of the SMMUv3
# sample (stage 2, and stage 1 for QEMU 7.2's unit) prove silently; a
# contract no unit has, a leaf granting more or less, a stream table
# entry made invalid, a leaf one page off are each refused, by smmucc
# (--verify, -O smmu) and by smmuman at boot (exit 10, one DSS line, no
# DMA let through), the CRC recomputed so only the proof can tell.
. "$top_srcdir/tests/policy/lib.sh"
top_builddir=$(cd "$top_builddir" && pwd) && top_srcdir=$(cd "$top_srcdir" && pwd) || exit 1
SMMUCC="$top_builddir/compiler/smmucc"
SMMUMAN="$top_builddir/runtime/smmuman"
tool="$top_builddir/tests/blob/blobtool"
golden="$top_srcdir/tests/policy/golden"
probes="$top_srcdir/samples/qemu-virt-smmuv3.probes"
out="$top_builddir/tests/smmuv3/tables"
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1
cp "$golden/qemu-virt-smmuv3.smmub" s2.smmub && cp "$golden/qemu-virt-smmuv3-s1.smmub" s1.smmub ||
	exit 1

# what was proven
"$SMMUCC" --verify -v s2.smmub >s2.v 2>&1
[ "$(cat s2.v)" = "smmucc: s2.smmub: smmuv3-s2 tables: 9 pages, 8 relocations, 2 StreamIDs, \
2 domains; proven with 8468 walks
s2.smmub: policy blob OK" ] && ok || bad "s2 --verify -v: $(cat s2.v)"
"$SMMUCC" --verify -v s1.smmub >s1.v 2>&1
[ "$(cat s1.v)" = "smmucc: s1.smmub: smmuv3-s1 tables: 10 pages, 10 relocations, 2 StreamIDs, \
2 domains; proven with 8468 walks
s1.smmub: policy blob OK" ] && ok || bad "s1 --verify -v: $(cat s1.v)"

# the runs the edits below change: the STE of StreamID 16, edu's leaves,
# the NIC's write-only 2 MiB blocks (stage 2), edu's leaves (stage 1)
"$tool" runs s2.smmub 34 | sed -n '1p;10p;14p' >s2.runs
[ "$(cat s2.runs)" = "0 0 128 1 0xd 0x0
9 4 0 16 0x480007ff 0x1000
13 7 67 2 0x486007bd 0x1fffc0" ] && ok || bad "s2 runs moved: $(cat s2.runs)"
"$tool" runs s1.smmub 34 | sed -n '14p' >s1.runs
[ "$(cat s1.runs)" = "13 5 0 16 0x48000743 0x1000" ] && ok || bad "s1 runs moved: $(cat s1.runs)"

# refused NAME MESSAGE: smmucc refuses it, smmuman boots nothing from it
refused() {
	name=$1 msg=$2
	"$SMMUCC" --verify "$name.smmub" >"$name.out" 2>"$name.err"
	st=$?
	[ $st -eq 1 ] && [ ! -s "$name.out" ] && [ "$(cat "$name.err")" = \
		"smmucc: error: $name.smmub: not a valid policy blob: $msg" ] && ok ||
		bad "$name --verify: status $st: $(cat "$name.err")"
	"$SMMUCC" -O smmu "$name.smmub" >"$name.smmu.out" 2>/dev/null
	[ $? -eq 1 ] && [ ! -s "$name.smmu.out" ] && ok || bad "$name -O smmu: decompiled"
}
booted() { # NAME DSS-LINE
	name=$1 dss=$2
	"$SMMUMAN" --foreground --log-file "$name.log" --probe "$probes" "$name.smmub" \
		>"$name.probe" 2>"$name.boot"
	st=$?
	[ $st -eq 10 ] && [ "$(grep '^DSS: ' "$name.boot")" = "$dss" ] && ok ||
		bad "$name boot: status $st: $(cat "$name.boot")"
	# blocked: every probe denied, none let through
	[ "$(grep -c "^deny " "$name.probe")" -eq 10 ] && ok ||
		bad "$name: probes after the DSS: $(grep -v '^deny ' "$name.probe")"
}

# a contract no SMMUv3 has: stage 3; the stream table off its alignment
"$tool" edit s2.smmub stage.smmub 32 0 0 4 3 || bad "blobtool edit stage"
refused stage "SMMUv3 tables inconsistent at offset 1648"
booted stage "DSS: policy blob stage.smmub: SMMUv3 tables refused: inconsistent at offset 1648"
"$tool" edit s2.smmub strtab.smmub 32 0 32 8 64 || bad "blobtool edit strtab"
refused strtab "SMMUv3 tables inconsistent at offset 1648"
# more pages than any proof expands
"$tool" edit s2.smmub huge.smmub 32 0 28 4 300000 || bad "blobtool edit huge"
refused huge "SMMUv3 tables of 300000 pages, more than the 262144 pages smmucc proves"

# edu's pages read-only at stage 2 (S2AP W cleared)
"$tool" edit s2.smmub ro.smmub 34 9 8 8 0x4800077f || bad "blobtool edit ro"
refused ro "SMMUv3 tables differ from its records: StreamID 16 write at 0x48000000: records \
allow, tables deny"
booted ro "DSS: policy blob ro.smmub: SMMUv3 tables refused: they differ from the records: \
StreamID 16 write at 0x48000000: records allow, tables deny"
# the NIC's write-only blocks made readable (the run's first word: the second block)
"$tool" edit s2.smmub rw.smmub 34 13 8 8 0x486007fd || bad "blobtool edit rw"
refused rw "SMMUv3 tables differ from its records: StreamID 24 read at 0x487ff000: records \
deny, tables allow"
booted rw "DSS: policy blob rw.smmub: SMMUv3 tables refused: they differ from the records: \
StreamID 24 read at 0x487ff000: records deny, tables allow"
# StreamID 16's STE invalid (V clear)
"$tool" edit s2.smmub ste.smmub 34 0 8 8 0xc || bad "blobtool edit ste"
refused ste "SMMUv3 tables differ from its records: StreamID 16 read at 0x48000000: records \
allow, tables deny"
# a leaf one page off: identity mapping broken
"$tool" edit s2.smmub shift.smmub 34 9 8 8 0x480017ff || bad "blobtool edit shift"
refused shift "SMMUv3 tables differ from its records: StreamID 16 read at 0x48000000: records \
allow, tables allow it to 0x48001000"
# a table pointer beyond the pages (level 1 of the edu tree at page 256):
# the walk there is an external abort to the proof, a read of whatever
# memory is there to the unit
"$tool" edit s2.smmub far.smmub 34 7 8 8 0x100003 || bad "blobtool edit far"
refused far "SMMUv3 tables differ from its records: StreamID 16 read at 0x47fff000: records \
deny, tables reach outside their pages (event 0xb)"
booted far "DSS: policy blob far.smmub: SMMUv3 tables refused: they differ from the records: \
StreamID 16 read at 0x47fff000: records deny, tables reach outside their pages (event 0xb)"
# stage 1: edu's pages read-only (AP[2])
"$tool" edit s1.smmub s1ro.smmub 34 13 8 8 0x480007c3 || bad "blobtool edit s1ro"
refused s1ro "SMMUv3 tables differ from its records: StreamID 16 write at 0x48000000: records \
allow, tables deny"
booted s1ro "DSS: policy blob s1ro.smmub: SMMUv3 tables refused: they differ from the records: \
StreamID 16 write at 0x48000000: records allow, tables deny"
finish
