#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The blob writers on the test policy: decompiled text and JSON equal the
# expected files byte for byte, the JSON validates against the schema, and
# the C array compiles and holds exactly the blob.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
tool=$top_builddir/tests/blob/blobtool
data=$top_srcdir/tests/blob/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/blob-outputs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

"$tool" smmu >"$tmp/out.smmu" && cmp -s "$tmp/out.smmu" "$data/policy.expected.smmu" &&
	ok "decompiled text equals policy.expected.smmu" ||
	{ bad "decompiled text differs"; diff -u "$data/policy.expected.smmu" "$tmp/out.smmu"; }

"$tool" json >"$tmp/out.json" && cmp -s "$tmp/out.json" "$data/policy.expected.json" &&
	ok "JSON equals policy.expected.json" ||
	{ bad "JSON differs"; diff -u "$data/policy.expected.json" "$tmp/out.json"; }

# jsonschema: the configured python3 may be a private one without it
py=
for p in "${PYTHON3:-}" /usr/bin/python3; do
	if [ -n "$p" ] && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "SKIP: JSON schema validation (no python3 with the jsonschema module)"
else
	check='import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(s)
jsonschema.Draft202012Validator(s).validate(json.load(open(sys.argv[2])))'
	"$py" -c "$check" "$top_srcdir/schemas/policy.schema.json" "$tmp/out.json" &&
		ok "JSON validates against policy.schema.json" || bad "JSON does not validate"
	# the schema is tight: a stray key is refused
	sed 's/"version": 1,/"version": 1, "extra": 0,/' "$tmp/out.json" >"$tmp/extra.json"
	"$py" -c "$check" "$top_srcdir/schemas/policy.schema.json" "$tmp/extra.json" \
		2>/dev/null && bad "schema accepts an unknown key" ||
		ok "schema refuses an unknown key"
fi

# C output: compiles, is 12 bytes a line, and its bytes are the blob's
"$tool" blob >"$tmp/policy.smmub" || bad "blob output"
"$tool" c my_policy >"$tmp/policy.c" || bad "C output"
cat >"$tmp/main.c" <<'EOC'
#include <stdio.h>
#include <stdint.h>
extern const unsigned char my_policy[];
extern const unsigned long my_policy_size;
int main(void)
{
	if ((uintptr_t)my_policy % 8)
		return 3;
	return fwrite(my_policy, 1, my_policy_size, stdout) == my_policy_size ? 0 : 2;
}
EOC
cc=${CC:-cc}
if $cc -std=c11 -Wall -Werror -o "$tmp/dump" "$tmp/main.c" "$tmp/policy.c" &&
	"$tmp/dump" >"$tmp/dumped" && cmp -s "$tmp/dumped" "$tmp/policy.smmub"; then
	ok "C array compiles and equals the blob"
else
	bad "C array"
fi
lines=$(grep -c '^	0x' "$tmp/policy.c")
size=$(wc -c <"$tmp/policy.smmub")
long=$(grep '^	0x' "$tmp/policy.c" | awk -F, 'NF - 1 != 12' | wc -l)
[ "$lines" -eq $(((size + 11) / 12)) ] && [ "$long" -le 1 ] &&
	ok "C array has 12 bytes a line" || bad "C array layout ($lines lines, $long short)"
"$tool" c 9bad >/dev/null 2>&1 && bad "C output accepts a bad name" ||
	ok "C output refuses a name that is not an identifier"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
