#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmuman boots SMMUv3 blobs on the simulated SMMUv3: the prebuilt tables
# where the unit walks them; a rebuild from the records, logged, where it
# cannot (no stage 2: stage 1; a 40-bit output: a 39-bit stage-2 input; no
# 2-level stream table: linear); and every Design Safe State of the SMMUv3
# path with its exact status and line, after which every probe is denied
# (the unit blocks, and records what it can).
. "$top_srcdir/tests/policy/lib.sh"
top_builddir=$(cd "$top_builddir" && pwd) && top_srcdir=$(cd "$top_srcdir" && pwd) || exit 1
SMMUCC="$top_builddir/compiler/smmucc"
SMMUMAN="$top_builddir/runtime/smmuman"
out="$top_builddir/tests/smmuv3/boot"
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1
cp "$top_srcdir/samples/qemu-virt-smmuv3.smmu" virt.smmu &&
	cp "$top_srcdir/samples/qemu-virt-smmuv3.probes" virt.probes || exit 1
"$SMMUCC" -o virt.smmub virt.smmu 2>/dev/null || bad "virt.smmu does not compile"
# StreamIDs 0 and 0xfff0: a 2-level stream table is the smaller
cat >sparse.smmu <<EOF2
smmu armsmmuv3
unit smmu0 0x09050000
allow a 0x48000000,0x1000,st
device pci:0:2.0 a use smmu0 0
device pci:0:3.0 a use smmu0 0xfff0
EOF2
printf 'pci:0:2.0 0x48000000 w\npci:0:3.0 0x48000000 w\npci:0:4.0 0x48000000 r\n' >sparse.probes
"$SMMUCC" -o sparse.smmub sparse.smmu || bad "sparse.smmu does not compile"

# profiles smmucc refuses: a stage-2 input wider than the output; a grant
# beyond the output size the profile states (no file written either way)
"$SMMUCC" --profile smmuv3-s2,oas=36 -o bad.smmub virt.smmu 2>bad.err
st=$?
[ $st -eq 2 ] && [ ! -e bad.smmub ] && [ "$(head -1 bad.err)" = "smmucc: error: unknown profile \
'smmuv3-s2,oas=36' (vtd-aw48 or vtd-aw39, then ,1g or ,no2m; smmuv3-s2 or smmuv3-s1, then \
,ias39 ,oas=N ,no2m ,no1g or ,linear; or none)" ] && ok || bad "oas=36: status $st: $(cat bad.err)"
printf 'smmu armsmmuv3\nunit u 0x9050000\nallow a 0x100000000,0x1000,st\ndevice pci:0:1.0 a use u\n' \
	>high.smmu
"$SMMUCC" --profile smmuv3-s1,oas=32 -o high.smmub high.smmu 2>high.err
st=$?
[ $st -eq 2 ] && [ ! -e high.smmub ] && [ "$(cat high.err)" = "smmucc: error: cannot build \
translation tables for profile smmuv3-s1,ias48,oas=32: is an address beyond the input or output \
size?" ] && ok || bad "high: status $st: $(cat high.err)"

# boot NAME BLOB STATUS STDERR PROBE-OUTPUT [smmuman options]
boot() {
	name=$1 blob=$2 want=$3 err=$4 probes=$5
	shift 5
	"$SMMUMAN" --foreground --log-file "$name.log" --probe "${blob%.smmub}.probes" "$@" \
		"$blob" >"$name.out" 2>"$name.err"
	st=$?
	[ $st -eq "$want" ] && ok || bad "$name: exit status $st, want $want"
	[ "$(cat "$name.err")" = "$err" ] && ok || bad "$name: stderr $(cat "$name.err")"
	[ "$(cat "$name.out")" = "$probes" ] && ok || bad "$name: probes
$(cat "$name.out")"
}

enabled="smmuman: policy virt.smmub: 3 devices, 2 domains on 1 unit; translation enabled"
e=virt.smmu
stage2="allow edu $e:15
allow edu $e:15
deny pci:0:2.0 (StreamID 16, allow edu, $e:23) denied write at 0x48010000: F_TRANSLATION \
(event 0x10); outside its grants
allow nic $e:20
allow nic $e:20
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied read at 0x48400000: F_PERMISSION \
(event 0x13); nic $e:20 grants write only
allow nic $e:21
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied write at 0x48800000: F_PERMISSION \
(event 0x13); nic $e:21 grants read only
deny pci:0:4.0 (StreamID 32, no allow set, $e:26) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:5.0 (StreamID 40, not in the policy) denied: C_BAD_STREAMID (event 0x2)"
# stage 1 cannot deny the read of a write-only grant
stage1=$(echo "$stage2" | sed '6c\
allow (nic virt.smmu:20 grants write only; the unit cannot deny the read: write-implies-read)')
boot prebuilt virt.smmub 0 "$enabled" "$stage2"
grep -q 'rebuilt' prebuilt.log && bad "prebuilt: rebuilt" || ok
rebuilt() { echo "smmuman: warning: unit smmu0 cannot walk the blob's smmuv3-s2,ias48,oas=48 \
tables (it has $1): rebuilt from the records as $2
$enabled"; }
boot qemu virt.smmub 0 "$(rebuilt "no stage 2" smmuv3-s1,ias48,oas=44)" "$stage1" --sim qemu
boot stage1 virt.smmub 0 "$(rebuilt "no stage 2" smmuv3-s1,ias48,oas=48)" "$stage1" \
	--sim stage=1
boot oas40 virt.smmub 0 "$(rebuilt "a 40-bit output, not 48" smmuv3-s2,ias39,oas=40)" \
	"$stage2" --sim oas=40
# a linear table already: nothing to rebuild on a unit without 2-level tables
boot linear virt.smmub 0 "$enabled" "$stage2" --sim linear
sparse="allow a sparse.smmu:3
allow a sparse.smmu:3
deny pci:0:4.0 (StreamID 32, not in the policy) denied: C_BAD_STE (event 0x4)"
boot sparse sparse.smmub 0 \
	"smmuman: policy sparse.smmub: 2 devices, 1 domains on 1 unit; translation enabled" \
	"$sparse"
boot sparse-linear sparse.smmub 0 "smmuman: warning: unit smmu0 cannot walk the blob's \
smmuv3-s2,ias48,oas=48 tables (it has no 2-level stream table): rebuilt from the records as \
smmuv3-s2,ias48,oas=48,linear
smmuman: policy sparse.smmub: 2 devices, 1 domains on 1 unit; translation enabled" "$sparse" \
	--sim linear

# the Design Safe States: nothing translates, everything is blocked
blocked="deny pci:0:2.0 (StreamID 16, allow edu, $e:23) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:2.0 (StreamID 16, allow edu, $e:23) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:2.0 (StreamID 16, allow edu, $e:23) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:3.0 (StreamID 24, allow nic, $e:24) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:4.0 (StreamID 32, no allow set, $e:26) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:5.0 (StreamID 40, not in the policy) denied: C_BAD_STREAMID (event 0x2)"
boot nostage virt.smmub 11 "DSS: unit smmu0 at 0x9050000: neither stage 1 nor stage 2 \
translation (IDR0.S1P, S2P)" "$blocked" --sim stage=none
boot sidsize virt.smmub 12 "DSS: StreamID 24 is beyond unit smmu0's 4-bit StreamIDs \
(IDR1.SIDSIZE)" "$blocked" --sim sidsize=4
boot oas36 virt.smmub 12 "DSS: unit smmu0: stage 2 needs a 39-bit input at least, the unit \
outputs 36 bits and has no stage 1" "$blocked" --sim oas=36,stage=2
boot tmem virt.smmub 18 "DSS: the tables need 36864 bytes and the grow-heap 0, unit smmu0's \
table memory holds 16384" "$blocked" --table-memory 0xc000000,32K
# a handshake that never completes: blocked all the same (the unit is
# enabled over an empty stream table, or GBPA aborts), and said to be unsure
timeout="smmuman: error: unit smmu0: could not block DMA
DSS: unit smmu0 at 0x9050000: enabling translation failed: a register command timed out"
for k in gbpa cmdq sync; do
	boot "stuck-$k" virt.smmub 14 "$timeout" "$blocked" --sim "stuck=$k"
done
boot stuck-cr0ack virt.smmub 14 "$timeout" "$(yes 'deny blocked, no fault recorded' |
	head -10)" --sim stuck=cr0ack
# the policy's unit missing from the platform (smmu armsmmuv3 require has
# one by then: smmucc refuses a policy with none, no-units)
boot nounit virt.smmub 11 "DSS: no IOMMU unit found: unit smmu0 at 0x9050000 not found" \
	"$(yes 'deny no unit (the platform has no IOMMU unit: DMA is not stopped)' | head -10)" \
	--sim units=0
# two units: one stream table cannot serve both
sed 's/^unit smmu0 0x09050000$/unit smmu0 0x09050000\nunit smmu1 0x09070000/' sparse.smmu \
	>two.smmu
"$SMMUCC" -o two.smmub two.smmu || bad "two.smmu does not compile"
cp sparse.probes two.probes
boot two two.smmub 12 "DSS: 2 SMMUv3 units: this release programs one stream table, for one \
unit" "deny pci:0:2.0 (StreamID 0, allow a, two.smmu:5) denied: C_BAD_STE (event 0x4)
deny pci:0:3.0 (StreamID 65520, allow a, two.smmu:6) denied: C_BAD_STREAMID (event 0x2)
deny pci:0:4.0 (StreamID 32, not in the policy) denied: C_BAD_STREAMID (event 0x2)"
finish
