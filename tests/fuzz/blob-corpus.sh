#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the blob seed corpus through the fuzz harness built as
# a plain program with the project's sanitizers.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/blob-corpus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
if sh "$top_srcdir/tests/fuzz/blob-seeds.sh" "$top_builddir/tests/blob/blobtool" "$tmp" \
	"$top_srcdir/tests/policy/golden"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: seed generation"
fi
for f in "$tmp"/*; do
	if "$top_builddir/tests/fuzz/fuzz_blob_run" "$f" >/dev/null; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $(basename "$f")"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 10 ]
