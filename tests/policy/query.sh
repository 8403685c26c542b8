#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmucc --query against hand-worked answers (query.expected), asked of the
# .smmu text and of the compiled blob: both must give the exact line.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/policy/out"
mkdir -p "$out"
cd "$top_srcdir" || exit 1

while IFS='|' read -r s q want; do
	case "$s" in "#"* | "") continue ;; esac
	args=$(sample_args "$s")
	# shellcheck disable=SC2086
	got=$("$SMMUCC" $args --query "$q" "samples/$s.smmu")
	[ "$got" = "$want" ] && ok || bad "$s '$q' (text): got '$got', want '$want'"
	[ -f "$out/$s.q.smmub" ] || "$SMMUCC" $args -o "$out/$s.q.smmub" "samples/$s.smmu"
	got=$("$SMMUCC" --query "$q" "$out/$s.q.smmub")
	[ "$got" = "$want" ] && ok || bad "$s '$q' (blob): got '$got', want '$want'"
done <"tests/policy/query.expected"

# --query-file answers in order, one line per query; a bad query is an error
printf 'pci:0:18.0 0xF8000000 r\n# comment\n\npci:0:26.1 0xF8000000 r\n' >"$out/q.txt"
got=$("$SMMUCC" --query-file "$out/q.txt" samples/shared-perms.smmu | cut -d' ' -f1 | tr '\n' ' ')
[ "$got" = "allow deny " ] && ok || bad "--query-file: got '$got'"
"$SMMUCC" --query 'pci:0:40.0 0x0 r' samples/shared-perms.smmu >/dev/null 2>&1
[ $? -eq 1 ] && ok || bad "a malformed query must exit 1"
finish
