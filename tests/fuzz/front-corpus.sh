#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the front-end seed corpus (every sample and every
# per-check case) through the fuzz harness built as a plain program with
# the project's sanitizers.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
pass=0
fail=0
for f in "$top_srcdir"/samples/*.smmu "$top_srcdir"/tests/checks/cases/*.smmu; do
	if "$top_builddir/tests/fuzz/fuzz_front_run" "$f" >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $f"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 20 ]
