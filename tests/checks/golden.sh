#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The text format, caret lines included, compared byte for byte with golden
# files: golden-text/CASE.txt is what 'smmucc --check CASE.smmu' (run in the cases
# directory, with the case's '# args:') writes on standard error.
. "$top_srcdir/tests/checks/lib.sh"

cd "$CASES" || exit 2
for g in "$top_srcdir"/tests/checks/golden-text/*.txt; do
	c=$(basename "$g" .txt)
	args=$(sed -n 's/^# args: //p' "$c.smmu")
	# shellcheck disable=SC2086
	$TIMEOUT "$SMMUCC" --check $args "$c.smmu" >/dev/null 2>"$TMP/$c.err"
	if diff -u "$g" "$TMP/$c.err" >"$TMP/$c.diff"; then
		pass "golden $c"
	else
		fail "golden $c" "$(cat "$TMP/$c.diff")"
	fi
done
finish
