#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The simulated board's device tree at boot (smmuman --board, as --dmar is
# VT-d's firmware): a policy without unit lines runs on the tree's SMMUv3;
# a policy whose unit the tree lacks, or whose tables were built for
# StreamIDs the tree does not give, is refused (status 11, every probe
# denied); compiled with smmucc --board for that tree, it boots.
. "$top_srcdir/tests/policy/lib.sh"
top_builddir=$(cd "$top_builddir" && pwd) && top_srcdir=$(cd "$top_srcdir" && pwd) || exit 1
SMMUCC="$top_builddir/compiler/smmucc"
SMMUMAN="$top_builddir/runtime/smmuman"
out="$top_builddir/tests/smmuv3/board-boot"
qemu="$top_srcdir/tests/smmuv3/data/qemu-virt-smmuv3.dtb"
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1
"${DTC:-dtc}" -q -I dts -O dtb -o off.dtb "$top_srcdir/tests/smmuv3/data/offset-map.dts" ||
	exit 1
cat >p.smmu <<EOF2
smmu armsmmuv3
allow a 0x48000000,0x1000,st
allow b 0x48100000,0x1000,s
device pci:0:2.0 a
device mem:0xa000000 b
EOF2
printf 'pci:0:2.0 0x48000000 w\npci:0:2.0 0x48001000 w\nmem:0xa000000 0x48100000 r\n' >probes
# run NAME BLOB STATUS STDERR PROBES [options]
run() {
	name=$1 blob=$2 want=$3 err=$4 probes=$5
	shift 5
	"$SMMUMAN" --foreground --log-file "$name.log" --probe probes "$@" "$blob" \
		>"$name.out" 2>"$name.err"
	st=$?
	[ $st -eq "$want" ] && ok || bad "$name: exit status $st, want $want"
	[ "$(cat "$name.err")" = "$err" ] && ok || bad "$name: stderr $(cat "$name.err")"
	[ "$(cat "$name.out")" = "$probes" ] && ok || bad "$name: probes
$(cat "$name.out")"
}

# compiled for the board: unit smmu0 and StreamIDs 0x1010 and 7 from its tree
"$SMMUCC" --board off.dtb -o off.smmub p.smmu 2>off.cc || bad "off: $(cat off.cc)"
granted="allow a p.smmu:2
deny pci:0:2.0 (StreamID 4112, allow a, p.smmu:4) denied write at 0x48001000: F_TRANSLATION \
(event 0x10); outside its grants
allow b p.smmu:3"
run board off.smmub 0 "smmuman: policy off.smmub: 2 devices, 2 domains on 1 unit; \
translation enabled" "$granted" --board off.dtb
"$SMMUMAN" --foreground --log-file /dev/null -v --board off.dtb --probe probes off.smmub \
	2>&1 >/dev/null | grep -q "^smmuman: debug: unit smmu0 at 0x9050000: IDR0" && ok ||
	bad "board: no unit smmu0 at 0x9050000"
# without a tree the blob is the same: it carries what the tree gave
run self off.smmub 0 "smmuman: policy off.smmub: 2 devices, 2 domains on 1 unit; \
translation enabled" "$granted"

# compiled without the tree: the PCI function by rule (StreamID 16), the
# master with the StreamID its use line gives; on the board the tree maps
# the function to 0x1010: refused, and blocked
sed 's/^device mem:0xa000000 b$/device mem:0xa000000 b use smmu0 7/' p.smmu |
	sed '1a unit smmu0 0x09050000' >rule.smmu
"$SMMUCC" -o rule.smmub rule.smmu || bad "rule.smmu does not compile"
blocked="deny pci:0:2.0 (StreamID 16, allow a, rule.smmu:5) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:2.0 (StreamID 16, allow a, rule.smmu:5) denied: C_BAD_STREAMID (event 0x2)
deny mem:0xa000000 (StreamID 7, allow b, rule.smmu:6) denied: C_BAD_STREAMID (event 0x2)"
run mismatch rule.smmub 11 "DSS: the board's tree gives pci:0:2.0 StreamID 4112, the policy's \
tables 16: compile it with smmucc --board" "$blocked" --board off.dtb
# on QEMU's own tree (the identity map) the same blob boots
run qemu rule.smmub 0 "smmuman: policy rule.smmub: 2 devices, 2 domains on 1 unit; \
translation enabled" "allow a rule.smmu:3
deny pci:0:2.0 (StreamID 16, allow a, rule.smmu:5) denied write at 0x48001000: F_TRANSLATION \
(event 0x10); outside its grants
allow b rule.smmu:4" --board "$qemu"

# no unit line anywhere: the unit is the tree's (QEMU's identity map)
printf 'smmu armsmmuv3\nallow a 0x48000000,0x1000,st\ndevice pci:0:2.0 a\n' >bare.smmu
"$SMMUCC" -o bare.smmub bare.smmu || bad "bare.smmu does not compile"
head -2 probes >bare.probes
"$SMMUMAN" --foreground --log-file /dev/null -v --board "$qemu" --probe bare.probes bare.smmub \
	>bare.out 2>bare.err
[ $? -eq 0 ] && grep -q "^smmuman: debug: unit smmu0 at 0x9050000: IDR0" bare.err &&
	[ "$(head -2 bare.out)" = "allow a bare.smmu:2
deny pci:0:2.0 (StreamID 16, allow a, bare.smmu:3) denied write at 0x48001000: F_TRANSLATION \
(event 0x10); outside its grants" ] && ok || bad "bare: $(cat bare.out bare.err)"

# a unit line at an address the tree has no SMMUv3 at
sed 's/0x09050000/0x2b400000/' rule.smmu >elsewhere.smmu
"$SMMUCC" -o elsewhere.smmub elsewhere.smmu || bad "elsewhere.smmu does not compile"
run elsewhere elsewhere.smmub 11 "DSS: unit smmu0 at 0x2b400000 is not in the board's tree" \
	"$(echo "$blocked" | sed 's/rule.smmu/elsewhere.smmu/')" --board off.dtb
# a tree that cannot be read, and one that is not a tree
run missing rule.smmub 11 "DSS: no IOMMU unit found: board tree no.dtb: No such file or \
directory" "deny no unit (the platform has no IOMMU unit: DMA is not stopped)
deny no unit (the platform has no IOMMU unit: DMA is not stopped)
deny no unit (the platform has no IOMMU unit: DMA is not stopped)" --board no.dtb
head -c 100 off.dtb >cut.dtb
run cut rule.smmub 11 "DSS: no IOMMU unit found: board tree cut.dtb: $(
	"$SMMUMAN" --foreground --log-file /dev/null --board cut.dtb rule.smmub 2>&1 |
		sed -n 's/.*board tree cut.dtb: //p')" \
	"deny no unit (the platform has no IOMMU unit: DMA is not stopped)
deny no unit (the platform has no IOMMU unit: DMA is not stopped)
deny no unit (the platform has no IOMMU unit: DMA is not stopped)" --board cut.dtb
grep -q 'board tree cut.dtb: .*tree' cut.err && ok || bad "cut: $(cat cut.err)"
finish
