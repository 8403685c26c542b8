#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The architecture comes from the blob, the access method from --backend.
# An armsmmuv3 policy gets SMMUv3 tables and boots on the simulated SMMUv3;
# it has no /dev/mem access method yet, and says so at boot.
# A policy for an smmu type this build has no architecture for compiles
# (its records), gets no tables (smmucc says why, and refuses a --profile
# of another architecture), and smmuman refuses it at boot with one exact
# DSS line: it never boots such a policy on another architecture's unit or
# model. The same for a policy naming two architectures.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/arch"
mkdir -p "$out"
cd "$out" || exit 1

printf 'pci:0:1.0 0x80000000 r\nmem:0xe6ef0000 0x80000000 w\n' >p.probes
policy() { # TYPE UNIT-PARAMS: the smmu line is line 2
	smmu=$1 use=
	[ "$1" = rcar3 ] && smmu="rcar3 0xe67b0000,228,0x4f.0x01" use=" 0"
	[ "$1" = armsmmu ] && use=" 0x10"
	printf '# a policy for %s\nsmmu %s\nunit u0 %s\nallow a 0x80000000,0x1000,st\n' \
		"$1" "$smmu" "$2"
	printf 'device pci:0:1.0 a use u0%s\n' "$use"
}

# expect_dss NAME BLOB DSS-LINE [smmuman options]: exit 11, the line, every probe denied
expect_dss() {
	name=$1 blob=$2 line=$3
	shift 3
	"$SMMUMAN" --foreground --log-file "$out/$name.log" --probe p.probes "$@" "$blob" \
		>"$name.out" 2>"$name.err"
	st=$?
	[ $st -eq 11 ] && ok || bad "$name: exit status $st, want 11"
	[ "$(cat "$name.err")" = "$line" ] && ok || bad "$name: stderr $(cat "$name.err")"
	[ "$(cat "$name.out")" = "deny no unit (the platform has no IOMMU unit: DMA is not stopped)
deny no unit (the platform has no IOMMU unit: DMA is not stopped)" ] && ok ||
		bad "$name: probes $(cat "$name.out")"
	grep -qF "$line" "$name.log" && ok || bad "$name: the log has no $line"
}

# armsmmuv3: tables, and a boot on the simulated SMMUv3 (StreamID = requester id)
policy armsmmuv3 0x2b400000 >armsmmuv3.smmu
"$SMMUCC" -o armsmmuv3.smmub armsmmuv3.smmu 2>armsmmuv3.cc.err
st=$?
[ $st -eq 0 ] && [ ! -s armsmmuv3.cc.err ] && ok ||
	bad "armsmmuv3: smmucc status $st: $(cat armsmmuv3.cc.err)"
"$SMMUCC" --verify -v armsmmuv3.smmub >armsmmuv3.v.out 2>&1
[ "$(cat armsmmuv3.v.out)" = "smmucc: armsmmuv3.smmub: smmuv3-s2 tables: 5 pages, 4 \
relocations, 1 StreamIDs, 1 domains; proven with 4208 walks
armsmmuv3.smmub: policy blob OK" ] && ok ||
	bad "armsmmuv3 --verify -v: $(cat armsmmuv3.v.out)"
"$SMMUCC" --profile vtd-aw48 -o armsmmuv3-vtd.smmub armsmmuv3.smmu 2>armsmmuv3.prof.err
st=$?
[ $st -eq 2 ] && [ ! -e armsmmuv3-vtd.smmub ] && [ "$(cat armsmmuv3.prof.err)" = \
	"smmucc: error: --profile is for vtd tables, and the policy is for smmu armsmmuv3" ] &&
	ok || bad "armsmmuv3 --profile vtd-aw48: status $st: $(cat armsmmuv3.prof.err)"
"$SMMUCC" --profile smmuv3-s1 -o plain-s1.smmub /dev/stdin 2>plain-s1.err <<EOF2
allow a 0x80000000,0x1000,st
device pci:0:1.0 a
EOF2
st=$?
[ $st -eq 2 ] && [ "$(cat plain-s1.err)" = "smmucc: error: --profile is for armsmmuv3 \
tables, and the policy is for smmu vtd" ] && ok ||
	bad "vtd policy, --profile smmuv3-s1: status $st: $(cat plain-s1.err)"
"$SMMUMAN" --foreground --log-file armsmmuv3.log --probe p.probes armsmmuv3.smmub \
	>armsmmuv3.out 2>armsmmuv3.err
st=$?
[ $st -eq 1 ] && [ "$(cat armsmmuv3.out)" = "allow a armsmmuv3.smmu:4
error mem:0xe6ef0000 has no StreamID: the policy gives it none (use UNIT SID)" ] && ok ||
	bad "armsmmuv3: status $st: $(cat armsmmuv3.out)"
[ "$(cat armsmmuv3.err)" = "smmuman: policy armsmmuv3.smmub: 1 devices, 1 domains on 1 unit; \
translation enabled" ] && ok || bad "armsmmuv3: stderr $(cat armsmmuv3.err)"
# SMMUv3 through /dev/mem: a --board tree that cannot be read refuses before
# anything is mapped (the host's memory is never touched by this test)
"$SMMUMAN" --foreground --log-file armsmmuv3-devmem.log --backend devmem --board nonexistent.dtb \
	armsmmuv3.smmub >armsmmuv3-devmem.out 2>armsmmuv3-devmem.err
st=$?
[ $st -eq 11 ] && [ "$(cat armsmmuv3-devmem.err)" = "DSS: no IOMMU unit found: board tree \
nonexistent.dtb: No such file or directory" ] && ok ||
	bad "armsmmuv3 devmem: status $st: $(cat armsmmuv3-devmem.err)"

for t in armsmmu:0xfd800000,155,156,0 rcar3:0xfebd0000,14; do
	type=${t%%:*} params=${t#*:}
	policy "$type" "$params" >"$type.smmu"
	# the records compile; no tables, and smmucc says why
	"$SMMUCC" -o "$type.smmub" "$type.smmu" 2>"$type.cc.err"
	st=$?
	[ $st -eq 0 ] && [ "$(cat "$type.cc.err")" = "smmucc: note: no translation tables: \
this smmucc has no architecture for smmu $type (it has vtd, armsmmuv3)" ] && ok ||
		bad "$type: smmucc status $st: $(cat "$type.cc.err")"
	# VT-d tables asked for a policy of another architecture: refused
	"$SMMUCC" --profile vtd-aw48 -o "$type-vtd.smmub" "$type.smmu" 2>"$type.prof.err"
	st=$?
	[ $st -eq 2 ] && [ ! -e "$type-vtd.smmub" ] &&
		[ "$(cat "$type.prof.err")" = "smmucc: error: --profile is for vtd tables, and \
the policy is for smmu $type, which this smmucc has no architecture for (it has vtd, \
armsmmuv3)" ] && ok ||
		bad "$type: --profile vtd-aw48: status $st: $(cat "$type.prof.err")"
	dss="DSS: policy blob $type.smmub: the policy is for smmu $type ($type.smmu:2), and \
this build has no $type architecture (it has vtd, armsmmuv3): no unit programmed, none \
blocked"
	expect_dss "$type" "$type.smmub" "$dss"
	# the access method does not change the architecture; 'vtd' is devmem's old name
	expect_dss "$type-devmem" "$type.smmub" "$dss" --backend devmem
	expect_dss "$type-vtd" "$type.smmub" "$dss" --backend vtd
done

# two architectures in one policy: smmucc refuses it (mixed-smmu-types), and a
# blob made so by hand (the second smmu line's type set to armsmmuv3) is
# refused at boot: smmuman drives one
printf 'smmu vtd\nsmmu vtd\nallow a 0x80000000,0x1000,st\ndevice pci:0:1.0 a\n' >mixed.smmu
"$SMMUCC" --profile none -o two.smmub mixed.smmu || bad "two vtd lines: do not compile"
"$top_builddir/tests/blob/blobtool" edit two.smmub mixed.smmub 6 1 0 4 2 ||
	bad "blobtool edit mixed"
# smmucc names the two, not the first as if it had no architecture
"$SMMUCC" --verify -v mixed.smmub >mixed.cc.out 2>mixed.cc.err
[ "$(cat mixed.cc.err)" = "smmucc: mixed.smmub: no tables to prove: the policy is for two \
IOMMU architectures, vtd (mixed.smmu:1) and armsmmuv3 (mixed.smmu:2): smmuman drives one" ] &&
	ok || bad "mixed --verify -v: $(cat mixed.cc.err)"
expect_dss mixed mixed.smmub "DSS: policy blob mixed.smmub: the policy is for two IOMMU \
architectures, vtd (mixed.smmu:1) and armsmmuv3 (mixed.smmu:2): smmuman drives one: no unit \
programmed, none blocked"

# no smmu line: the platform's architecture, VT-d, and its tables
printf 'allow a 0x80000000,0x1000,st\ndevice pci:0:1.0 a\n' >plain.smmu
"$SMMUCC" -o plain.smmub plain.smmu || bad "plain: does not compile"
"$SMMUMAN" --foreground --log-file plain.log --probe p.probes plain.smmub >plain.out 2>plain.err
st=$?
[ $st -eq 1 ] && [ "$(cat plain.out)" = "allow a plain.smmu:1
error mem: masters are not behind a VT-d unit" ] && ok ||
	bad "plain: status $st: $(cat plain.out)"

# an access method no architecture has
"$SMMUMAN" --foreground --backend bogus plain.smmub >bogus.out 2>&1
st=$?
[ $st -eq 1 ] && [ "$(cat bogus.out)" = "smmuman: unknown backend 'bogus' (sim or devmem)" ] &&
	ok || bad "bogus backend: status $st: $(cat bogus.out)"
finish
