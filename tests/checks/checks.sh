#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# One small input per check (dtc's checkfails idea): each case names in its
# header exactly which checks must fire, at which level and how often, and
# the exit status; anything else firing is a failure.
#   # args: EXTRA SMMUCC ARGUMENTS      (optional)
#   # expect: LEVEL:CHECK[*COUNT] ...   (empty: nothing may fire)
#   # exit: STATUS
. "$top_srcdir/tests/checks/lib.sh"

cd "$CASES" || exit 2
for f in *.smmu; do
	grep -q '^# exit: ' "$f" || continue
	c=${f%.smmu}
	args=$(sed -n 's/^# args: //p' "$f")
	want=$(sed -n 's/^# exit: //p' "$f")
	# shellcheck disable=SC2086 # args are words by design
	run "$c" "$want" --check $args "$f" || continue
	fires "$c" "$c" "$(sed -n 's/^# expect: *//p' "$f")"
done

# Every check of the table has a case of its own that makes it fire.
$TIMEOUT "$SMMUCC" --list-checks >"$TMP/list" 2>&1
while read -r name level _; do
	if [ -f "$name.smmu" ] && grep -Eq "^# expect:.*:$name([*[:space:]]|\$)" "$name.smmu"; then
		pass "case for $name"
	else
		fail "case for $name" "no $name.smmu that expects $name to fire ($level)"
	fi
done <"$TMP/list"
finish
