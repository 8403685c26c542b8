#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# libsmmu clients of smmuman on the simulated VT-d unit: the seeds'
# sequences, each answer exact (tests/daemon/clients.py says which).
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/clients"
rm -rf "$out"
mkdir -p "$out"
exec "${PYTHON3:-python3}" "$top_srcdir/tests/daemon/clients.py" "$SMMUCC" "$SMMUMAN" \
	"$top_builddir/client/smmuctl" "$top_builddir/tests/daemon/smmu_client" "$out" seeds
