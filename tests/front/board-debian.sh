#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmucc --board on the five trees of Debian's arm64 kernel package with an
# "arm,smmu-v3" node (tests/smmuv3/arm64-dtbs.sh fetches them; the expected
# units and StreamIDs are test_fdt_debian.c's, read from each tree's
# source). For each, a policy naming its masters compiles, and -O smmu and
# -O json show the units and StreamIDs the tree gives. Without
# $SMMU_ARM64_DTBS this skips (77), which CI counts as a failure.
. "$top_srcdir/tests/policy/lib.sh"
if [ -z "${SMMU_ARM64_DTBS:-}" ]; then
	echo "SKIP: SMMU_ARM64_DTBS is not set (bash tests/smmuv3/arm64-dtbs.sh fetches" \
		"Debian's arm64 device trees and prints their directory)"
	exit 77
fi
out="$top_builddir/tests/front/board-debian"
rm -rf "$out"
mkdir -p "$out" || exit 2
for t in fvp-base-revc hip07-d05 hip06-d03 k3-j721e-sk k3-j721e-common-proc-board; do
	cp "$SMMU_ARM64_DTBS/$t.dtb" "$out/" || bad "$t.dtb is missing"
done
cd "$out" || exit 2
PY=${PYTHON3:-python3}

# board TREE STATUS WORDS...: compile -e WORDS against TREE.dtb into TREE.smmub
board() {
	t=$1 want=$2
	shift 2
	set -- "$@"
	args=
	for w in "$@"; do
		args="$args -e '$w'"
	done
	eval "\"\$SMMUCC\" --board \"$t.dtb\" -o \"$t.smmub\" $args" >"$t.out" 2>"$t.err"
	st=$?
	same "$t: exit status ($(cat "$t.err"))" "$st" "$want"
}

# The smmu text without #line markers, and the JSON's units and devices.
text() {
	"$SMMUCC" -O smmu "$1.smmub" | grep -v '^#' | sed 's/^ *//' | grep -E '^(unit|device|use)'
}
json() {
	"$SMMUCC" -O json "$1.smmub" | "$PY" -c '
import json, sys
j = json.load(sys.stdin)
for u in j["units"]:
    print("unit", u["name"], u["params"][0], u["location"]["file"])
for d in j["devices"]:
    print("device", d["spec"], d["unit"], d["use_param"])'
}
diags() {
	grep '\]$' "$1"
}

# Arm FVP: one unit, the PCI host maps requester ids one to one.
board fvp-base-revc 0 'smmu armsmmuv3' 'allow a 0x80000000,1M' 'device pci:0:1.0 a' \
	'device pci:1:* a' 'device pci:0:2.*'
same "fvp: -O smmu" "$(text fvp-base-revc)" 'unit smmu0 0x2b400000
device pci:1:* a
use smmu0 256
device pci:0:2.*
use smmu0 16
device pci:0:1.0 a
use smmu0 8'
same "fvp: -O json" "$(json fvp-base-revc)" 'unit smmu0 0x2b400000 fvp-base-revc.dtb
device pci:1:* smmu0 256
device pci:0:2.* smmu0 16
device pci:0:1.0 smmu0 8'
printf '%s\n' 'pci:0:1.0 0x80000000 w' 'pci:1:3.2 0x80100000 r' >fvp.probes
"$SMMUMAN" --foreground --log-file fvp.log --probe fvp.probes fvp-base-revc.smmub \
	>fvp.pout 2>fvp.perr
same "fvp: boots" "$?" 0
same "fvp: probes" "$(cat fvp.pout)" 'allow a <command line>:2
deny pci:1:3.2 (StreamID 282, as pci:1:*, allow a, <command line>:4) denied read at 0x80100000: F_TRANSLATION (event 0x10); outside its grants'

# HiSilicon D05: four units, a crypto engine on each at StreamID 0x600; its
# PCI host has no iommu-map.
board hip07-d05 0 'smmu armsmmuv3' 'allow a 0x80000000,1M' 'device mem:0xd0000000 a' \
	'device mem:0x8d0000000 a' 'device mem:0x400d0000000' 'device mem:0x408d0000000 a' \
	'device pci:0:0.0 a'
same "hip07: -O smmu" "$(text hip07-d05)" 'unit smmu0 0xd0040000
unit smmu1 0x8d0040000
unit smmu2 0x400d0040000
unit smmu3 0x408d0040000
device pci:0:0.0 a
device mem:0xd0000000/0x1000 a
use smmu0 1536
device mem:0x8d0000000/0x1000 a
use smmu1 1536
device mem:0x400d0000000/0x1000
use smmu2 1536
device mem:0x408d0000000/0x1000 a
use smmu3 1536'
same "hip07: -O json" "$(json hip07-d05)" 'unit smmu0 0xd0040000 hip07-d05.dtb
unit smmu1 0x8d0040000 hip07-d05.dtb
unit smmu2 0x400d0040000 hip07-d05.dtb
unit smmu3 0x408d0040000 hip07-d05.dtb
device pci:0:0.0 None None
device mem:0xd0000000/0x1000 smmu0 1536
device mem:0x8d0000000/0x1000 smmu1 1536
device mem:0x400d0000000/0x1000 smmu2 1536
device mem:0x408d0000000/0x1000 smmu3 1536'
same "hip07: diagnostics" "$(diags hip07-d05.err)" '<command line>:7:8: warning: pci:0:0.0: host bridge /soc/pcie@a00a0000 has no iommu-map, so no SMMUv3 translates it; its StreamID stays its requester id [board-unmapped]'

# HiSilicon D03: its one SMMUv3 is disabled: require refuses the policy.
board hip06-d03 1 'smmu armsmmuv3 require' 'allow a 0x80000000,1M' 'device pci:0:0.0 a'
same "hip06: diagnostics" "$(diags hip06-d03.err)" "<command line>:3:8: warning: pci:0:0.0: the board tree has no PCI host bridge of segment 0; its StreamID stays its requester id [board-unmapped]
<command line>:1:16: error: 'smmu armsmmuv3 require' without an SMMUv3 unit: no unit line declares one and no --board tree gives one [no-units]"
[ ! -e hip06-d03.smmub ] && ok || bad "hip06: an output file was written"

# TI J721E: one unit, no master names it; its PCIe hosts have no iommu-map.
for t in k3-j721e-sk k3-j721e-common-proc-board; do
	board $t 0 'smmu armsmmuv3 require' 'allow a 0x80000000,1M' 'device pci:0:0.0 a' \
		'device pci:1:0.0 a use smmu0 0x20'
	same "$t: -O smmu" "$(text $t)" 'unit smmu0 0x36600000
device pci:0:0.0 a
device pci:1:0.0 a
use smmu0 32'
	same "$t: -O json" "$(json $t)" "unit smmu0 0x36600000 $t.dtb
device pci:0:0.0 None None
device pci:1:0.0 smmu0 32"
	same "$t: diagnostics" "$(diags $t.err)" '<command line>:3:8: warning: pci:0:0.0: host bridge /bus@100000/pcie@2900000 has no iommu-map, so no SMMUv3 translates it; its StreamID stays its requester id [board-unmapped]'
done

finish
