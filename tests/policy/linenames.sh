#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# File names in #line markers are C string literals: a source file whose
# name holds a newline and an allow line, a quote, a backslash, ESC, a tab
# or byte 0xff compiles -> decompiles -> compiles to the same bytes, the
# text holds no raw control byte, and the injected line grants nothing.
# Diagnostics escape such names; a blob name that is not a word is not
# decompiled.
. "$top_srcdir/tests/policy/lib.sh"
top_builddir=$(cd "$top_builddir" && pwd) && top_srcdir=$(cd "$top_srcdir" && pwd) || exit 1
SMMUCC="$top_builddir/compiler/smmucc"
tool="$top_builddir/tests/blob/blobtool"
out="$top_builddir/tests/policy/out/linenames"
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1

nl='
'
inject="p${nl}allow foo 0x0,4G,st${nl}#q.smmu"
hostile=$(printf 'h"\\\033\377\tx.smmu')
policy='allow foo 0xf8000000,0x4000,s
device pci:0:18.0 foo
'
i=0
for name in "$inject" "$hostile"; do
	i=$((i + 1))
	printf '%s' "$policy" >"$name"
	if ! "$SMMUCC" -o "$i.smmub" "$name"; then
		bad "name $i: does not compile"
		continue
	fi
	"$SMMUCC" -O smmu -o "$i.txt" "$i.smmub" && "$SMMUCC" -o "$i.again.smmub" "$i.txt" &&
		cmp -s "$i.smmub" "$i.again.smmub" && ok ||
		bad "name $i: compile -> decompile -> compile differs"
	# only newlines and printable ASCII in the text
	[ "$(LC_ALL=C tr -d '\n\040-\176' <"$i.txt" | wc -c)" -eq 0 ] && ok ||
		bad "name $i: raw control or high bytes in: $(cat -A "$i.txt")"
	got=$("$SMMUCC" --query 'pci:0:18.0 0x1000 r' "$i.again.smmub" | cut -d' ' -f1)
	[ "$got" = deny ] && ok || bad "name $i: the decompiled text grants 0x1000: $got"
done
[ "$(sed -n 3p 1.txt)" = '#line 1 "p\nallow foo 0x0,4G,st\n#q.smmu"' ] && ok ||
	bad "injected name marker: $(sed -n 3p 1.txt)"
[ "$(sed -n 3p 2.txt)" = '#line 1 "h\"\\\033\377\tx.smmu"' ] && ok ||
	bad "hostile name marker: $(sed -n 3p 2.txt)"

# the scanner reads C's escapes: octal, hex, simple; a \0 ends the name
printf '#line 7 "a\\101\\x42\\\\c\\"d\\n"\nallow unused 0x1000,4096\n' >esc.smmu
printf '#line 9 "z\\0tail"\nallow gone 0x2000,4096\n' >>esc.smmu
"$SMMUCC" --check esc.smmu 2>esc.err
[ "$(grep warning esc.err)" = 'aAB\c"d\n:7:7: warning: allow set '"'unused'"' is not used by any device [unused-allow]
z:9:7: warning: allow set '"'gone'"' is not used by any device [unused-allow]' ] && ok ||
	bad "escapes read back: $(cat esc.err)"
# a marker with a raw backslash before its quote is no marker: a comment
printf '#line 3 "a\\"\nallow foo 0x1000,4096,s\n' >raw.smmu
"$SMMUCC" --check raw.smmu 2>raw.err
[ "$(head -1 raw.err)" = "raw.smmu:2:7: warning: allow set 'foo' is not used by any device \
[unused-allow]" ] && ok || bad "unterminated marker: $(cat raw.err)"

# a name that is no word of the language is not decompiled
"$tool" edit "$top_srcdir/tests/policy/golden/shared-perms.smmub" word.smmub file 0 640 1 10 ||
	bad "blobtool edit name"
"$SMMUCC" -O smmu word.smmub >word.out 2>word.err
[ $? -eq 1 ] && [ ! -s word.out ] && [ "$(cat word.err)" = 'smmucc: error: cannot decompile: '\
'the blob names "f\no", not a word of smmu(5)' ] && ok || bad "non-word name: $(cat word.err)"
finish
