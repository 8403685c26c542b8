#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Every device tree of Debian's arm64 kernel package as smmucc --asinfo
# (tests/smmuv3/arm64-dtbs.sh --all fetches them into a cache and
# tests/run-all.sh names it in SMMU_ARM64_DTBS_ALL): each is accepted by a
# policy that references none of its regions, silently. Then references by
# node name, by the name before '@', by label, and the errors (ambiguous,
# placed at boot, disabled) on four real trees, whose regions were read with
# dtc -I dtb -O dts. Without $SMMU_ARM64_DTBS_ALL this skips (77), which CI
# counts as a failure.
. "$top_srcdir/tests/policy/lib.sh"
if [ -z "${SMMU_ARM64_DTBS_ALL:-}" ]; then
	echo "SKIP: SMMU_ARM64_DTBS_ALL is not set (bash tests/smmuv3/arm64-dtbs.sh --all" \
		"fetches every device tree of Debian's arm64 kernel and prints their directory)"
	exit 77
fi
D=$SMMU_ARM64_DTBS_ALL
out="$top_builddir/tests/front/asinfo-debian"
rm -rf "$out"
mkdir -p "$out" || exit 2
PY=${PYTHON3:-python3}

# every tree: exit 0 and not a word on stderr
n=0 refused=0
find "$D" -name '*.dtb' | sort >"$out/list"
while read -r t; do
	n=$((n + 1))
	if ! "$SMMUCC" --check --asinfo "$t" -e 'smmu armsmmuv3' >"$out/one.out" \
		2>"$out/one.err" || [ -s "$out/one.err" ] || [ -s "$out/one.out" ]; then
		refused=$((refused + 1))
		echo "refused: $t: $(head -1 "$out/one.err")"
	fi
done <"$out/list"
same "trees found (COUNT in $D)" "$n" "$(cat "$D/COUNT" 2>/dev/null)"
[ "$n" -gt 500 ] && ok || bad "only $n trees in $D"
same "trees refused by a policy naming no region" "$refused" 0
echo "$n trees of $(cat "$D/PACKAGE" 2>/dev/null), $refused refused"

# compile TREE NAME WORDS...: WORDS against TREE into NAME.smmub (sets by address)
compile() {
	tree=$1 name=$2
	shift 2
	printf '%s\n' 'smmu armsmmuv3' "$@" >"$out/$name.smmu"
	"$SMMUCC" --asinfo "$tree" -o "$out/$name.smmub" "$out/$name.smmu" >"$out/$name.out" \
		2>"$out/$name.err"
	same "$name: exit status ($(cat "$out/$name.err"))" "$?" 0
}
allows() {
	"$SMMUCC" -O smmu "$out/$1.smmub" | grep '^allow'
}
json() {
	"$SMMUCC" -O json "$out/$1.smmub" | "$PY" -c '
import json, sys
for s in json.load(sys.stdin)["sets"]:
    for r in s["rules"]:
        print(s["name"], r["start"], r["length"], r["perms"])'
}
# refuse TREE NAME WORDS...: the error lines of a check that must fail
refuse() {
	tree=$1 name=$2
	shift 2
	printf '%s\n' 'smmu armsmmuv3' "$@" >"$out/$name.smmu"
	"$SMMUCC" --check --asinfo "$tree" "$out/$name.smmu" >"$out/$name.out" 2>"$out/$name.err"
	same "$name: exit status" "$?" 1
	grep ': error: ' "$out/$name.err" | sed "s|$out/||g; s|$D/||g"
}

# Qualcomm SDM845 (db845c): unique names up to '@', node names
t=$D/qcom/sdm845-db845c.dtb
compile "$t" sdm845 'allow tz $asinfo_start{tz},$asinfo_length{tz}' \
	'allow hyp $asinfo_start{hyp-mem@85700000},$asinfo_length{hyp-mem@85700000},s' \
	'allow venus $asinfo_start{venus},$asinfo_length{venus@95800000},t' \
	'device pci:0:1.0 tz' 'device pci:0:2.0 hyp' 'device pci:0:3.0 venus'
same "sdm845: -O smmu" "$(allows sdm845)" 'allow hyp 0x85700000,0x600000,s
allow tz 0x86200000,0x2d00000
allow venus 0x95800000,0x500000,t'
same "sdm845: -O json" "$(json sdm845)" 'hyp 0x85700000 0x600000 r
tz 0x86200000 0x2d00000 rw
venus 0x95800000 0x500000 w'

# Qualcomm SM8150 (HDK): twenty nodes named memory@...; labels as dtc -@
# writes them for the source's labels (Debian's trees carry no __symbols__)
t=$D/qcom/sm8150-hdk.dtb
cp "$t" "$out/sm8150-labels.dtb"
fdtput -p -t s "$out/sm8150-labels.dtb" /__symbols__ hyp_mem /reserved-memory/memory@85700000 &&
	fdtput -t s "$out/sm8150-labels.dtb" /__symbols__ smem_mem \
		/reserved-memory/memory@86000000 || bad "fdtput failed"
compile "$out/sm8150-labels.dtb" sm8150 \
	'allow hyp $asinfo_start{hyp_mem},$asinfo_length{hyp_mem}' \
	'allow smem $asinfo_start{memory@86000000},$asinfo_length{smem_mem}' \
	'device pci:0:1.0 hyp' 'device pci:0:2.0 smem'
same "sm8150: -O smmu" "$(allows sm8150)" 'allow hyp 0x85700000,0x600000
allow smem 0x86000000,0x200000'
same "sm8150: memory is ambiguous" "$(refuse "$t" sm8150-memory \
	'allow m $asinfo_start{memory},4K' 'device pci:0:1.0 m')" \
	"sm8150-memory.smmu:2:9: error: asinfo name 'memory' is ambiguous in qcom/sm8150-hdk.dtb: 20 regions have it: 'memory@85700000', 'memory@85d00000', 'memory@85f00000', 'memory@85f20000', 'memory@86000000', 'memory@86200000', 'memory@89b00000', 'memory@8b700000', and 12 more [unresolved-asinfo]"

# Amlogic G12A (U200): two secmon@ nodes; one named by its node name
t=$D/amlogic/meson-g12a-u200.dtb
compile "$t" g12a 'allow s $asinfo_start{secmon@5300000},$asinfo_length{secmon@5300000}' \
	'device pci:0:1.0 s'
same "g12a: -O smmu" "$(allows g12a)" 'allow s 0x5300000,0x2000000'
same "g12a: secmon is ambiguous" "$(refuse "$t" g12a-secmon \
	'allow s $asinfo_start{secmon},$asinfo_length{secmon}' 'device pci:0:1.0 s')" \
	"g12a-secmon.smmu:2:9: error: asinfo name 'secmon' is ambiguous in amlogic/meson-g12a-u200.dtb: 2 regions have it: 'secmon@5000000', 'secmon@5300000' [unresolved-asinfo]
g12a-secmon.smmu:2:31: error: asinfo name 'secmon' is ambiguous in amlogic/meson-g12a-u200.dtb: 2 regions have it: 'secmon@5000000', 'secmon@5300000' [unresolved-asinfo]"

# NXP LS1043A RDB: bman-fbpr is placed at boot (size, no reg)
t=$D/freescale/fsl-ls1043a-rdb.dtb
same "ls1043a: placed at boot" "$(refuse "$t" ls1043a \
	'allow b $asinfo_start{bman-fbpr},4K' 'device pci:0:1.0 b')" \
	"ls1043a.smmu:2:9: error: asinfo region 'bman-fbpr' in freescale/fsl-ls1043a-rdb.dtb (node 'bman-fbpr') has no fixed address: the OS places it at boot (size, no reg); bind it late (--late-bind, smmu(5) ASINFO) [unresolved-asinfo]"
"$SMMUCC" --check --late-bind --asinfo "$t" "$out/ls1043a.smmu" >"$out/late.out" 2>&1
same "ls1043a: --late-bind leaves it to boot ($(cat "$out/late.out"))" "$?" 0

# Raspberry Pi 4 B: nvram@0 is disabled, so no region
t=$D/broadcom/bcm2711-rpi-4-b.dtb
same "rpi4: disabled" "$(refuse "$t" rpi4 'allow n $asinfo_start{nvram},4K' \
	'device pci:0:1.0 n')" \
	"rpi4.smmu:2:9: error: no asinfo region 'nvram' in broadcom/bcm2711-rpi-4-b.dtb [unresolved-asinfo]"

finish
