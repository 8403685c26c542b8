#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the SMMUv3 tables fuzz corpus through the harness
# (fuzz_tables.c) built as a plain program with the sanitizers: the kept
# corpus (tests/smmuv3/data/fuzz-tables) and the two SMMUv3 goldens on
# units shaped by the CRC field's first byte (the harness's knob: stages,
# ST_LEVEL, OAS, SIDSIZE), so that both the prebuilt tables and the
# rebuild from the records are installed and walked.
: "${top_srcdir:?}" "${top_builddir:?}"
harness="$top_builddir/tests/smmuv3/fuzz_tables_run"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/s3tables-corpus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
# knob: bits 0-1 stages (1: S1P only, 2: S2P only, else both), bit 2 linear
# only, bits 3-5 IDR5.OAS (7: 48 bits), bits 6-7 SIDSIZE 16, 32, 8, 6
knobs="050 051 052 054 020 000 250 321 352"
for g in qemu-virt-smmuv3 qemu-virt-smmuv3-s1; do
	for k in $knobs; do
		f="$tmp/$g-$k"
		cp "$top_srcdir/tests/policy/golden/$g.smmub" "$f" &&
			printf "\\$k" | dd of="$f" bs=1 seek=40 conv=notrunc 2>/dev/null
	done
done
for f in "$tmp"/* "$top_srcdir"/tests/smmuv3/data/fuzz-tables/*; do
	[ -f "$f" ] || continue
	if "$harness" "$f" >/dev/null; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $(basename "$f")"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -ge 18 ]
