#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check, for one fuzz harness: builds its seed corpus with the seed
# script and replays every seed through the harness built as a plain
# program with the project's sanitizers. Sourced by blob-corpus.sh and
# tables-corpus.sh after they set: name, seeds (the seed script, run as
# `seeds TOOL DIR GOLDEN`), tool, harness.
set -u
: "${top_srcdir:?}" "${top_builddir:?}" "${name:?}" "${seeds:?}" "${tool:?}" "${harness:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/$name-corpus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
if sh "$seeds" "$tool" "$tmp" "$top_srcdir/tests/policy/golden"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: seed generation"
fi
for f in "$tmp"/*; do
	if "$harness" "$f" >/dev/null; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $(basename "$f")"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 10 ]
