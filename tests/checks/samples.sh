#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Every sample configuration passes 'smmucc --check' without an error, and
# reports exactly the warnings and notes listed here.
. "$top_srcdir/tests/checks/lib.sh"

cd "$top_srcdir/samples" || exit 2
sample() {
	s=$1
	expect=$2
	shift 2
	run "$s" 0 --check "$@" "$s.smmu" || return
	expand "$expect" >"$TMP/$s.want"
	fired "$TMP/$s.err" >"$TMP/$s.got"
	if cmp -s "$TMP/$s.want" "$TMP/$s.got"; then
		pass "sample $s"
	else
		fail "sample $s" "expected: $(tr '\n' ' ' <"$TMP/$s.want")" \
			"fired:    $(tr '\n' ' ' <"$TMP/$s.got")" "$(cat "$TMP/$s.err")"
	fi
}

sample myx86 "" --asinfo myx86-asinfo.yaml
sample shared-two-names ""
sample shared-one-name ""
sample shared-perms ""
sample vtd-ignore "note:shadowed-spec"
sample rcar-h3 ""
sample notation "warning:unaligned-region"

# Without the asinfo map, every one of myx86's 16 references is unresolved.
if run myx86-no-asinfo 1 --check myx86.smmu; then
	expand "error:unresolved-asinfo*16" >"$TMP/want"
	fired "$TMP/myx86-no-asinfo.err" >"$TMP/got"
	if cmp -s "$TMP/want" "$TMP/got"; then
		pass "myx86 without --asinfo"
	else
		fail "myx86 without --asinfo" "$(cat "$TMP/myx86-no-asinfo.err")"
	fi
fi
finish
