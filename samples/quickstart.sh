#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Quick start on Debian 12: install what is missing, build, then the main
# job on both architectures' simulated units: check a seed sample, compile
# it to a policy blob (tables proven against the policy), show what the
# blob says, boot it with smmuman and send DMA probes through the simulated
# VT-d unit; then the same for QEMU virt's SMMUv3 topology on the
# simulated SMMUv3, once as a unit with stage 2 and once as QEMU 7.2's.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash tests/deps.sh
[ -x configure ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure -q
make -s -j"$(nproc)"

sample=samples/shared-perms
echo
echo "== smmucc --check: the linter"
(cd "$top" && build/compiler/smmucc --check -v "$sample.smmu")
echo
echo "== smmucc: compile to a policy blob"
(cd "$top" && build/compiler/smmucc -v -o build/shared-perms.smmub "$sample.smmu")
echo
echo "== smmucc -O smmu: what the blob says, decompiled with names and source lines"
compiler/smmucc -O smmu shared-perms.smmub
echo
echo "== smmuman: boot the blob on the simulated VT-d unit, then DMA probes"
runtime/smmuman --foreground --log-file smmuman.log --probe "$top/$sample.probes" \
	shared-perms.smmub

virt=samples/qemu-virt-smmuv3
echo
echo "== ARM SMMUv3: smmucc compiles QEMU virt's policy to stage-2 tables"
(cd "$top" && build/compiler/smmucc -v -o build/qemu-virt-smmuv3.smmub "$virt.smmu")
echo
echo "== smmuman: boot it on the simulated SMMUv3, then DMA probes (faults name the StreamID)"
runtime/smmuman --foreground --log-file smmuman.log --probe "$top/$virt.probes" \
	qemu-virt-smmuv3.smmub
echo
echo "== the same blob on a unit like QEMU 7.2's (no stage 2): rebuilt as stage 1 at boot"
runtime/smmuman --foreground --log-file smmuman.log --sim qemu --probe "$top/$virt.probes" \
	qemu-virt-smmuv3.smmub
echo
echo "== a libsmmu client: smmuman serves its socket; smmuctl looks inside, probes a DMA"
sock=$PWD/quickstart.sock
runtime/smmuman --foreground --socket "$sock" --log-file smmuman.log shared-perms.smmub &
daemon=$!
trap 'kill $daemon 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
client/smmuctl --socket "$sock" status
client/smmuctl --socket "$sock" probe pci:0:18.0 0xf8000000 w
kill $daemon
wait $daemon || true
echo
echo "(smmuman's log: build/smmuman.log; more in README.md; man 3 smmu_init for the client API)"
