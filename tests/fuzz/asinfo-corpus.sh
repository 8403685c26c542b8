#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the asinfo seed corpus (the test maps: YAML files and
# device trees built from their sources with $DTC) through the fuzz harness
# built as a plain program with the project's sanitizers.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/asinfo-corpus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for f in "$top_srcdir"/tests/front/data/asinfo*.dts "$top_srcdir"/tests/daemon/*.dts; do
	if "${DTC:-dtc}" -q -I dts -O dtb -o "$tmp/$(basename "$f" .dts).dtb" "$f"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: dtc $f"
	fi
done
for f in "$tmp"/*.dtb "$top_srcdir"/tests/front/data/asinfo*.yaml \
	"$top_srcdir"/samples/*asinfo*.yaml; do
	if "$top_builddir/tests/fuzz/fuzz_asinfo_run" "$f" >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $f"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 10 ]
