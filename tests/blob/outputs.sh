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

# A python3 with jsonschema: the configured one may be a private one without
# it. CI installs python3-jsonschema (tests/deps.sh): missing is a failure.
py=
for p in "${PYTHON3:-}" /usr/bin/python3; do
	if [ -n "$p" ] && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	bad "JSON schema validation: no python3 with jsonschema (install python3-jsonschema)"
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

# -o and -d never replace what is not a regular file, and keep a file's mode
# (and owner as root); never a half-written file, never a temp file left.
smmucc=$top_builddir/compiler/smmucc
src=$tmp/p.smmu
printf 'allow foo 0xf8000000,0x4000,s\ndevice pci:0:18.0 foo\n' >"$src"
"$smmucc" -O smmu -o "$tmp/want.smmu" "$tool.blob" 2>/dev/null # no such blob: no file
[ ! -e "$tmp/want.smmu" ] && ok "a failed output writes nothing" || bad "a failed output wrote"
"$tool" blob >"$tmp/t.smmub"
"$smmucc" -O smmu -o "$tmp/want.smmu" "$tmp/t.smmub" || bad "-O smmu"
"$smmucc" -d "$tmp/want.d" -o "$tmp/out.smmub" "$src" || bad "-d"
ends() { ls -A "$tmp/$1" | grep -c '^\.smmucc-'; }
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$tmp/dev"
	mknod "$tmp/dev/null" c 1 3 && mknod "$tmp/dev/null2" c 1 3
	"$smmucc" -O smmu -o "$tmp/dev/null" "$tmp/t.smmub" &&
		"$smmucc" -d "$tmp/dev/null2" -o "$tmp/out.smmub" "$src" &&
		[ -c "$tmp/dev/null" ] && [ -c "$tmp/dev/null2" ] && [ "$(ends dev)" -eq 0 ] &&
		ok "-o and -d to a character device write through it" ||
		bad "-o/-d replaced a character device: $(ls -l "$tmp/dev")"
	echo "kept" >"$tmp/owned"
	chown 4321:4322 "$tmp/owned" && chmod 0640 "$tmp/owned"
	"$smmucc" -O smmu -o "$tmp/owned" "$tmp/t.smmub" &&
		[ "$(stat -c '%u:%g %a' "$tmp/owned")" = "4321:4322 640" ] &&
		cmp -s "$tmp/owned" "$tmp/want.smmu" && ok "as root, a replaced file keeps its owner" ||
		bad "owner not kept: $(stat -c '%u:%g %a' "$tmp/owned")"
else
	echo "SKIP: -o to a character device and owner kept (mknod, chown: not root)"
fi
mkfifo "$tmp/fifo" && mkfifo "$tmp/dfifo"
cat "$tmp/fifo" >"$tmp/fifo.got" &
r1=$!
cat "$tmp/dfifo" >"$tmp/dfifo.got" &
r2=$!
# never leave a reader blocked: a failed write opens the FIFO, a replaced one is gone
"$smmucc" -O smmu -o "$tmp/fifo" "$tmp/t.smmub" || : >"$tmp/fifo"
"$smmucc" -d "$tmp/dfifo" -o "$tmp/out.smmub" "$src" || : >"$tmp/dfifo"
[ -p "$tmp/fifo" ] || kill "$r1"
[ -p "$tmp/dfifo" ] || kill "$r2"
wait "$r1" "$r2"
[ -p "$tmp/fifo" ] && [ -p "$tmp/dfifo" ] && cmp -s "$tmp/fifo.got" "$tmp/want.smmu" &&
	cmp -s "$tmp/dfifo.got" "$tmp/want.d" && ok "-o and -d to a FIFO write into it" ||
	bad "-o/-d to a FIFO: $(ls -l "$tmp/fifo" "$tmp/dfifo")"
mkdir "$tmp/real" "$tmp/links"
echo old >"$tmp/real/r.smmu" && echo old >"$tmp/real/r.d"
ln -s ../real/r.smmu "$tmp/links/l.smmu" && ln -s ../real/r.d "$tmp/links/l.d"
"$smmucc" -O smmu -o "$tmp/links/l.smmu" "$tmp/t.smmub" &&
	"$smmucc" -d "$tmp/links/l.d" -o "$tmp/out.smmub" "$src" &&
	[ -L "$tmp/links/l.smmu" ] && [ -L "$tmp/links/l.d" ] &&
	cmp -s "$tmp/real/r.smmu" "$tmp/want.smmu" && cmp -s "$tmp/real/r.d" "$tmp/want.d" &&
	[ "$(ends real)$(ends links)" = 00 ] &&
	ok "-o and -d to a symlink write its target and keep the link" ||
	bad "symlink: $(ls -l "$tmp/links" "$tmp/real")"
ln -s nowhere "$tmp/links/dangling"
"$smmucc" -O smmu -o "$tmp/links/dangling" "$tmp/t.smmub" 2>"$tmp/dangling.err"
[ $? -eq 2 ] && [ -L "$tmp/links/dangling" ] && [ ! -e "$tmp/links/nowhere" ] &&
	[ "$(cat "$tmp/dangling.err")" = "smmucc: error: cannot write $tmp/links/dangling: \
No such file or directory" ] && ok "a dangling symlink is an error" ||
	bad "dangling symlink: $(cat "$tmp/dangling.err")"
echo old >"$tmp/private.smmu" && echo old >"$tmp/private.d"
chmod 0600 "$tmp/private.smmu" && chmod 0600 "$tmp/private.d"
"$smmucc" -O smmu -o "$tmp/private.smmu" "$tmp/t.smmub" &&
	"$smmucc" -d "$tmp/private.d" -o "$tmp/out.smmub" "$src" &&
	[ "$(stat -c %a "$tmp/private.smmu" "$tmp/private.d" | tr '\n' ' ')" = "600 600 " ] &&
	cmp -s "$tmp/private.smmu" "$tmp/want.smmu" && cmp -s "$tmp/private.d" "$tmp/want.d" &&
	ok "-o and -d keep a 0600 file 0600" ||
	bad "mode not kept: $(stat -c '%n %a' "$tmp/private.smmu" "$tmp/private.d")"
mkdir "$tmp/adir"
"$smmucc" -O smmu -o "$tmp/adir" "$tmp/t.smmub" 2>"$tmp/dir.err"
[ $? -eq 2 ] && [ "$(cat "$tmp/dir.err")" = "smmucc: error: cannot write $tmp/adir: \
Is a directory" ] && [ "$(ls -A "$tmp/adir" | wc -l)" -eq 0 ] && [ "$(ends .)" -eq 0 ] &&
	ok "a directory is an error" || bad "directory: $(cat "$tmp/dir.err")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
