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
	run "$s" 0 --check "$@" "$s.smmu" && fires "sample $s" "$s" "$expect"
}

sample myx86 "" --asinfo myx86-asinfo.yaml
sample shared-two-names ""
sample shared-one-name ""
sample shared-perms ""
sample vtd-ignore "note:shadowed-spec"
sample rcar-h3 ""
sample notation "warning:unaligned-region"

# Without the asinfo map, every one of myx86's 16 references is unresolved.
run myx86-no-asinfo 1 --check myx86.smmu &&
	fires "myx86 without --asinfo" myx86-no-asinfo "error:unresolved-asinfo*16"
finish
