#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmucc --board FILE.dtb: the tree's SMMUv3 units and StreamIDs written
# into the policy (smmu(5), "StreamIDs"). Exact -O smmu text, exact
# diagnostics and exit statuses; the blobs boot on the simulated SMMUv3
# and its probes answer with the StreamIDs the tree gave. Hostile trees
# are exit 2 with one exact line and no output file.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/front/board"
rm -rf "$out"
mkdir -p "$out" || exit 2
DTC=${DTC:-dtc}
cp "$top_srcdir/tests/smmuv3/data/qemu-virt-smmuv3.dtb" "$out/qemu.dtb" || exit 2
"$DTC" -q -I dts -O dtb -o "$out/masters.dtb" "$top_srcdir/tests/smmuv3/data/seeds/masters.dts" ||
	exit 2
cd "$out" || exit 2

# same NAME GOT WANT
# cc NAME STATUS ARGS...: smmucc with stdout/stderr in NAME.out/NAME.err
cc() {
	name=$1 want=$2
	shift 2
	"$SMMUCC" "$@" >"$name.out" 2>"$name.err"
	st=$?
	same "$name: exit status ($(cat "$name.err"))" "$st" "$want"
}

# smmu text of a blob without the #line markers and the indentation they set
text() {
	"$SMMUCC" -O smmu "$1" | grep -v '^#' | sed 's/^ *//'
}

# the diagnostic lines of a run, without the source lines and carets
diags() {
	grep '\]$' "$1"
}

# roundtrip NAME: NAME.smmub decompiled compiles to the same bytes without the tree
roundtrip() {
	"$SMMUCC" -O smmu "$1.smmub" >"$1.rt.smmu" &&
		"$SMMUCC" -W no-unaligned-region -o "$1.rt.smmub" "$1.rt.smmu" 2>"$1.rt.err" &&
		cmp -s "$1.smmub" "$1.rt.smmub" && ok ||
		bad "$1: decompile and compile without --board gives other bytes"
}

# dts NAME: NAME.dts from standard input, compiled
dts() {
	cat >"$1.dts" && "$DTC" -q -I dts -O dtb -o "$1.dtb" "$1.dts" || bad "dtc $1"
}

# ---- QEMU's tree, a policy without unit and use lines ----
cat >virt.smmu <<'EOF'
smmu armsmmuv3
allow edu 0x48000000,0x10000,st
allow nic 0x48200000,0x10000,st
device pci:0:2.0 edu
device pci:0:3.0 nic
device pci:0:4.0
EOF
cc virt 0 --board qemu.dtb -o virt.smmub virt.smmu
same "virt: quiet" "$(cat virt.err)" ""
"$SMMUCC" -O smmu virt.smmub >virt.txt
same "virt: -O smmu" "$(cat virt.txt)" '# decompiled by smmucc from a policy blob

#line 1 "virt.smmu"
smmu armsmmuv3
#line 1 "qemu.dtb"
unit smmu0 0x9050000

#line 2 "virt.smmu"
allow edu 0x48000000,0x10000,st

#line 3 "virt.smmu"
allow nic 0x48200000,0x10000,st

#line 4 "virt.smmu"
device pci:0:2.0 edu
#line 1 "qemu.dtb"
use smmu0 16
#line 5 "virt.smmu"
device pci:0:3.0 nic
#line 1 "qemu.dtb"
use smmu0 24
#line 6 "virt.smmu"
device pci:0:4.0
#line 1 "qemu.dtb"
use smmu0 32'
# the tree is an input of the policy, for make
cc virt-dep 0 --board qemu.dtb -d virt.d -o virt-dep.smmub virt.smmu
same "virt: -d names the tree" "$(cat virt.d)" 'virt-dep.smmub: virt.smmu qemu.dtb'
# what the tree decided is explicit: the text compiles to the same bytes without it
roundtrip virt
"$SMMUCC" -O json virt.smmub >virt.json
same "virt: json" "$(grep -E '"(name|unit|use_param|spec|file)"' virt.json | tr -d ' ,')" \
	'"file":"virt.smmu"
"name":"smmu0"
"file":"qemu.dtb"
"name":"edu"
"file":"virt.smmu"
"file":"virt.smmu"
"name":"nic"
"file":"virt.smmu"
"file":"virt.smmu"
"spec":"pci:0:2.0"
"unit":"smmu0"
"use_param":16
"file":"virt.smmu"
"spec":"pci:0:3.0"
"unit":"smmu0"
"use_param":24
"file":"virt.smmu"
"spec":"pci:0:4.0"
"unit":"smmu0"
"use_param":32
"file":"virt.smmu"'
# smmuman needs no tree: it boots the blob on its simulated SMMUv3
printf '%s\n' 'pci:0:2.0 0x48000000 w' 'pci:0:2.0 0x48010000 w' 'pci:0:3.0 0x48200000 r' \
	'pci:0:3.0 0x48000000 r' 'pci:0:4.0 0x48000000 r' >virt.probes
"$SMMUMAN" --foreground --log-file virt.log --probe virt.probes virt.smmub >virt.pout 2>virt.perr
same "virt: boot" "$?" 0
same "virt: probes" "$(cat virt.pout)" 'allow edu virt.smmu:2
deny pci:0:2.0 (StreamID 16, allow edu, virt.smmu:4) denied write at 0x48010000: F_TRANSLATION (event 0x10); outside its grants
allow nic virt.smmu:3
deny pci:0:3.0 (StreamID 24, allow nic, virt.smmu:5) denied read at 0x48000000: F_TRANSLATION (event 0x10); outside its grants
deny pci:0:4.0 (StreamID 32, no allow set, virt.smmu:6) denied: C_BAD_STREAMID (event 0x2)'
same "virt: boot line" "$(cat virt.perr)" \
	'smmuman: policy virt.smmub: 3 devices, 2 domains on 1 unit; translation enabled'

# ---- StreamIDs that are not requester ids; the configuration wins ----
dts offset <<'EOF'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	smmu: iommu@2b400000 {
		compatible = "arm,smmu-v3";
		reg = <0 0x2b400000 0 0x20000>;
		#iommu-cells = <1>;
	};
	pcie@40000000 {
		device_type = "pci";
		compatible = "pci-host-ecam-generic";
		#address-cells = <3>;
		#size-cells = <2>;
		reg = <0 0x40000000 0 0x1000000>;
		iommu-map = <0 &smmu 0x100 0x10000>;
	};
};
EOF
cat >offset.smmu <<'EOF'
smmu armsmmuv3
allow edu 0x48000000,0x10000,st
device pci:0:2.0 edu
device pci:0:3.* edu
device pci:0:4.0 edu use smmu0 0x42
EOF
cc offset 0 --board offset.dtb -o offset.smmub offset.smmu
same "offset: -O smmu" "$(text offset.smmub)" '
smmu armsmmuv3
unit smmu0 0x2b400000

allow edu 0x48000000,0x10000,st

device pci:0:3.* edu
use smmu0 280
device pci:0:2.0 edu
use smmu0 272
device pci:0:4.0 edu
use smmu0 66'
roundtrip offset
printf '%s\n' 'pci:0:2.0 0x48010000 r' 'pci:0:3.0 0x48010000 r' 'pci:0:3.7 0x48010000 r' \
	'pci:0:4.0 0x48010000 r' >offset.probes
"$SMMUMAN" --foreground --log-file offset.log --probe offset.probes offset.smmub >offset.pout 2>&1
same "offset: probes by StreamID" "$(grep '^deny' offset.pout)" 'deny pci:0:2.0 (StreamID 272, allow edu, offset.smmu:3) denied read at 0x48010000: F_TRANSLATION (event 0x10); outside its grants
deny pci:0:3.0 (StreamID 280, as pci:0:3.*, allow edu, offset.smmu:4) denied read at 0x48010000: F_TRANSLATION (event 0x10); outside its grants
deny pci:0:3.7 (StreamID 287, as pci:0:3.*, allow edu, offset.smmu:4) denied read at 0x48010000: F_TRANSLATION (event 0x10); outside its grants
deny pci:0:4.0 (StreamID 66, allow edu, offset.smmu:5) denied read at 0x48010000: F_TRANSLATION (event 0x10); outside its grants'

# unit lines win: the tree's unit is the unit line at its base; use UNIT takes the StreamID
cat >override.smmu <<'EOF'
smmu armsmmuv3
unit mine 0x2b400000,106,109
allow edu 0x48000000,0x10000,st
device pci:0:2.0 edu use mine
device pci:0:3.0 edu
device pci:0:4.0 edu use mine 7
EOF
cc override 0 --board offset.dtb -o override.smmub override.smmu
roundtrip override
same "override: -O smmu" "$(text override.smmub)" '
smmu armsmmuv3
unit mine 0x2b400000,106,109

allow edu 0x48000000,0x10000,st

device pci:0:2.0 edu
use mine 272
device pci:0:3.0 edu
use mine 280
device pci:0:4.0 edu
use mine 7'
# without the tree: requester ids
cc override-notree 0 -o override0.smmub override.smmu
same "override: no tree" "$(text override0.smmub | grep '^use')" 'use mine
use mine 7'

# ---- iommu-maps that give a spec no single linear range ----
dts split <<'EOF'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	smmu: iommu@9050000 {
		compatible = "arm,smmu-v3";
		reg = <0x9050000 0x20000>;
		#iommu-cells = <1>;
	};
	other: iommu@9070000 {
		compatible = "arm,smmu-v3";
		reg = <0x9070000 0x20000>;
		#iommu-cells = <1>;
		status = "disabled";
	};
	pcie@10000000 {
		device_type = "pci";
		#address-cells = <3>;
		#size-cells = <2>;
		reg = <0x10000000 0x1000000>;
		linux,pci-domain = <0>;
		iommu-map = <0x0 &smmu 0x0 0x1c>, <0x1c &smmu 0x1000 0xc>,
			    <0x28 &other 0x0 0x8>;
	};
	pcie@20000000 {
		device_type = "pci";
		#address-cells = <3>;
		#size-cells = <2>;
		reg = <0x20000000 0x1000000>;
		linux,pci-domain = <1>;
		iommu-map = <0x0 &smmu 0x8000 0x10000>;
	};
};
EOF
cat >split.smmu <<'EOF'
smmu armsmmuv3
allow a 0x48000000,0x10000,st
device pci:0:2.* a
device pci:0:3.* a
device pci:0:4.0 a
device pci:0:5.0 a
device pci:200:0.0 a
EOF
cc split 1 --check --board split.dtb split.smmu
same "split: diagnostics" "$(cat split.err)" 'split.smmu:4:8: error: pci:0:3.*: the iommu-map of /pcie@10000000 does not map requester ids 0x0018-0x001f linearly through one entry to one SMMUv3 [board-stream-map]
device pci:0:3.* a
       ^
split.smmu:6:8: warning: pci:0:5.0: the iommu-map of /pcie@10000000 maps requester id 0x0028 to no SMMUv3; its StreamID stays its requester id [board-unmapped]
device pci:0:5.0 a
       ^
split.smmu:7:8: warning: pci:200:0.0: the iommu-map of /pcie@10000000 maps requester id 0xc800 to no SMMUv3; its StreamID stays its requester id [board-unmapped]
device pci:200:0.0 a
       ^'
grep -v 'pci:0:3' split.smmu >split-ok.smmu
cc split-ok 0 -W no-board-unmapped -o split-ok.smmub --board split.dtb split-ok.smmu
same "split: StreamIDs per entry" "$(text split-ok.smmub | grep -A1 '^device')" 'device pci:0:2.* a
use smmu0 16
device pci:0:4.0 a
use smmu0 4100
device pci:0:5.0 a
device pci:200:0.0 a'
# a mask that folds the functions together is not linear either
sed -e 's/linux,pci-domain = <0>;/&\n\t\tiommu-map-mask = <0xfff8>;/' \
	-e '/iommu-map = <0x0 &smmu 0x0 0x1c>/,/;$/c\	\tiommu-map = <0x0 \&smmu 0x0 0x10000>;' \
	split.dts >mask.dts
"$DTC" -q -I dts -O dtb -o mask.dtb mask.dts || bad "dtc mask"
cc mask 1 --check -W no-board-unmapped --board mask.dtb -e 'smmu armsmmuv3' \
	-e 'device pci:0:1.* use smmu0' -e 'device pci:0:2.0'
same "mask: diagnostics" "$(diags mask.err)" '<command line>:2:8: error: pci:0:1.*: the iommu-map of /pcie@10000000 does not map requester ids 0x0008-0x000f linearly through one entry to one SMMUv3 [board-stream-map]'
cc mask-ok 0 -O smmu --board mask.dtb -e 'smmu armsmmuv3' -e 'device pci:0:2.0'
same "mask: one function" "$(grep '^use' mask-ok.out)" 'use smmu0 16'

# ---- memory-mapped masters through iommus (tests/smmuv3/data/seeds/masters.dts) ----
cat >mem.smmu <<'EOF'
smmu armsmmuv3
allow buf 0x80000000,1M
device mem:0x100000010/16 buf
device mem:0xf0003000 buf
device mem:0xf0001000 buf use smmu0 0x10
EOF
cc mem 0 --board masters.dtb -o mem.smmub mem.smmu
same "mem: -O smmu" "$(text mem.smmub)" '
smmu armsmmuv3
unit smmu0 0x2b400000

allow buf 0x80000000,0x100000

device mem:0xf0001000/0x1000 buf
use smmu0 16
device mem:0xf0003000/0x1000 buf
use smmu0 32
device mem:0x100000010/0x10 buf
use smmu0 48'
roundtrip mem
printf '%s\n' 'mem:0xf0003000 0x80000000 r' 'mem:0x100000010 0x80100000 w' >mem.probes
"$SMMUMAN" --foreground --log-file mem.log --probe mem.probes mem.smmub >mem.pout 2>&1
same "mem: probes" "$(grep -E '^(allow|deny)' mem.pout)" 'allow buf mem.smmu:2
deny mem:0x100000010 (StreamID 48, allow buf, mem.smmu:3) denied write at 0x80100000: F_TRANSLATION (event 0x10); outside its grants'
cc mem-bad 1 --board masters.dtb -o mem-bad.smmub -e 'smmu armsmmuv3' -e 'allow b 0x80000000,4K' \
	-e 'device mem:0xf0001000 b' -e 'device mem:0x12340000 b'
same "mem: two StreamIDs, none" "$(diags mem-bad.err)" '<command line>:3:8: error: mem:0xf0001000/0x1000: master /bus@f0000000/dma@1000 has 2 StreamIDs on SMMUv3 units in iommus; a device line gives one [board-stream-map]
<command line>:4:8: warning: mem:0x12340000/0x1000: no master of the board tree with iommus naming an SMMUv3 has its first reg at 0x12340000; it has no StreamID [board-unmapped]'
[ ! -e mem-bad.smmub ] && ok || bad "mem-bad: an output file was written"
dts twins <<'EOF'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	smmu: iommu@9050000 {
		compatible = "arm,smmu-v3";
		reg = <0x9050000 0x20000>;
		#iommu-cells = <1>;
	};
	dma@1000 {
		reg = <0x1000 0x100>;
		iommus = <&smmu 1>;
	};
	dma@2000 {
		reg = <0x1000 0x100>;
		iommus = <&smmu 2>;
	};
};
EOF
cc twins 1 --check --board twins.dtb -e 'smmu armsmmuv3' -e 'device mem:0x1000'
same "mem: two masters at one address" "$(diags twins.err)" '<command line>:2:8: error: mem:0x1000/0x1000: two masters of the board tree have their first reg at 0x1000 [board-stream-map]'
# masters.dts: its only host is segment 2: PCI specs keep their requester ids
cc mem-pci 0 --check --board masters.dtb -e 'smmu armsmmuv3' -e 'device pci:0:1.0'
same "mem: no segment 0" "$(diags mem-pci.err)" '<command line>:2:8: warning: pci:0:1.0: the board tree has no PCI host bridge of segment 0; its StreamID stays its requester id [board-unmapped]'

# ---- require, and policies the tree does not change ----
dts nosmmu <<'EOF'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	iommu@9050000 {
		compatible = "arm,smmu-v3";
		reg = <0x9050000 0x20000>;
		#iommu-cells = <1>;
		status = "disabled";
	};
};
EOF
cc require 1 --board nosmmu.dtb -o require.smmub -e 'smmu armsmmuv3 require' -e 'device pci:0:1.0'
same "require: no units" "$(diags require.err)" "<command line>:2:8: warning: pci:0:1.0: the board tree has no PCI host bridge of segment 0; its StreamID stays its requester id [board-unmapped]
<command line>:1:16: error: 'smmu armsmmuv3 require' without an SMMUv3 unit: no unit line declares one and no --board tree gives one [no-units]"
[ ! -e require.smmub ] && ok || bad "require: an output file was written"
cc require-tree 0 --check --board qemu.dtb -e 'smmu armsmmuv3 require' -e 'device pci:0:1.0'
same "require: the tree's unit" "$(cat require-tree.err)" ""
cc require-bad 1 --check -e 'smmu armsmmuv3 always'
same "require: other words" "$(diags require-bad.err)" "<command line>:1:16: error: armsmmuv3 takes 'require' or no smmu parameter (its unit lines carry them), not 'always' [bad-smmu-param]"
# another architecture: the tree is read and checked, and gives nothing
cc vtd 0 -o vtd.smmub "$top_srcdir/samples/shared-perms.smmu"
cc vtd-board 0 --board qemu.dtb -o vtd-board.smmub "$top_srcdir/samples/shared-perms.smmu"
cmp -s vtd.smmub vtd-board.smmub && ok || bad "vtd: --board changed a vtd blob"

# a guest ignores smmu, unit and use lines: the tree gives it nothing either
cc guest 0 --guest --board qemu.dtb -O smmu virt.smmu
same "guest: nothing from the tree" "$(grep -E '^(unit|use|smmu)' guest.out)" ""

# ---- hostile trees: one line, exit 2, nothing written ----
# hostile NAME WANT: the error line of compiling virt.smmu against NAME.dtb
hostile() {
	cc "$1" 2 --board "$1.dtb" -o "$1.smmub" virt.smmu
	same "$1: message" "$(cat "$1.err")" "$2"
	[ ! -e "$1.smmub" ] && ok || bad "$1: an output file was written"
}
head -c 1000 qemu.dtb >truncated.dtb
hostile truncated 'smmucc: error: truncated.dtb: not a valid flattened device tree (FDT_ERR_TRUNCATED)'
dts loop <<'EOF'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	iommu@9050000 {
		compatible = "arm,smmu-v3";
		reg = <0x9050000 0x20000>;
		#iommu-cells = <1>;
	};
	dma@2000 {
		reg = <0x2000 0x100>;
		phandle = <2>;
		iommus = <2 5>;
	};
};
EOF
hostile loop 'smmucc: error: loop.dtb: /dma@2000: reference to a node without #iommu-cells'
sed 's/iommus = <2 5>/iommus = <0x99 5>/' loop.dts >dangling.dts
"$DTC" -q -I dts -O dtb -o dangling.dtb dangling.dts || bad "dtc dangling"
hostile dangling 'smmucc: error: dangling.dtb: /dma@2000: reference to a phandle no node has'
# a control byte in a node name is escaped, not sent to the terminal
off=$(grep -obUa 'dma@2000' loop.dtb | head -n 1 | cut -d: -f1)
cp loop.dtb escape.dtb
printf '\033' | dd of=escape.dtb bs=1 seek=$((off + 1)) conv=notrunc 2>/dev/null
hostile escape 'smmucc: error: escape.dtb: /d\033a@2000: reference to a node without #iommu-cells'
printf 'smmu armsmmuv3\n' >text.dtb
hostile text 'smmucc: error: text.dtb: not a valid flattened device tree (FDT_ERR_TRUNCATED)'
dd if=/dev/zero of=big.dtb bs=1024 count=2049 2>/dev/null
hostile big 'smmucc: error: big.dtb: board tree larger than 2 MiB'
hostile missing "smmucc: error: cannot read board tree 'missing.dtb': No such file or directory"

finish
