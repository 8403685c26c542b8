#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Three libsmmu clients attach, map, unmap, detach and destroy at random
# (seeded), every answer and 4 probes (smmuctl probe) after each step
# checked against a model of owners and pages: zero mismatches.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/clients-random"
rm -rf "$out"
mkdir -p "$out"
exec "${PYTHON3:-python3}" "$top_srcdir/tests/daemon/clients.py" "$SMMUCC" "$SMMUMAN" \
	"$top_builddir/client/smmuctl" "$top_builddir/tests/daemon/smmu_client" "$out" \
	random "${CLIENTS_SEED:-15}" "${CLIENTS_STEPS:-200}"
