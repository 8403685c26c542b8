#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Whole-file readers are bounded (smmu(5) and smmucc(1) LIMITS): a device
# or a pipe that never ends is refused once it passes the limit, with the
# limit named, instead of being read until memory runs out.
. "$top_srcdir/tests/checks/lib.sh"

# expect NAME STATUS MESSAGE: the run's standard error is exactly MESSAGE
expect() {
	if [ "$(cat "$TMP/$1.err")" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected: $3" "got:      $(head -c 500 "$TMP/$1.err")"
	fi
}

run top-file 2 --check /dev/zero &&
	expect top-file 2 "smmucc: error: cannot read '/dev/zero': larger than 16 MiB, the most a source may be"
$TIMEOUT "$SMMUCC" --check - </dev/zero >"$TMP/stdin.out" 2>"$TMP/stdin.err"
st=$?
if [ "$st" -eq 2 ]; then
	expect stdin 2 "smmucc: error: cannot read '-': larger than 16 MiB, the most a source may be"
else
	fail stdin "exit status $st, expected 2"
fi
run asinfo 1 --check --asinfo /dev/zero -e foreground &&
	expect asinfo 1 "smmucc: error: cannot read asinfo map '/dev/zero': larger than 16 MiB, the most a source may be"
run blob 2 -I blob -O json /dev/zero &&
	expect blob 2 "smmucc: error: cannot read /dev/zero: larger than 128 MiB, the most a blob may be"
# an @include of a device was refused before: it still is, for its own reason
run include 1 --check -e '@/dev/zero foreground' &&
	expect include 1 "<command line>:1:1: error: cannot read included file '/dev/zero': not a regular file [syntax]
@/dev/zero foreground
^"
# a query line is at most 4096 bytes; the queries after a longer one are answered
"$SMMUCC" -o "$TMP/q.smmub" "$top_srcdir/samples/shared-perms.smmu" 2>"$TMP/q.err" ||
	fail "compile a sample" "$(cat "$TMP/q.err")"
{ head -c 4097 /dev/zero | tr '\0' x; echo; echo 'pci:0:18.0 0xf8000000 w'; } >"$TMP/q.txt"
run query 1 --query-file "$TMP/q.txt" "$TMP/q.smmub" &&
	expect query 1 "smmucc: error: $TMP/q.txt:1: query longer than 4096 bytes"
if grep -q '^deny permission missing (pci:0:18.0 may not write 0xf8000000' "$TMP/query.out"; then
	pass "query after a long one"
else
	fail "query after a long one" "$(cat "$TMP/query.out")"
fi
# a diagnostic shows at most 160 bytes of its line: 12,500 errors on one
# 100 KB line print about 4 MB, not the line 12,500 times (1.9 GB), however
# long the path of the file
awk 'BEGIN { for (i = 0; i < 12500; i++) printf "debug x "; print "" }' >"$TMP/long.smmu"
# each diagnostic: its path and message (about 80 bytes), 166 of the line, a caret line
per=$(( ${#TMP} + 10 + 80 + 170 + 90 ))
run long-line 1 --check "$TMP/long.smmu" &&
	if [ "$(wc -c <"$TMP/long-line.err")" -le $((12500 * per)) ] &&
		[ "$(grep -c 'bad-number' "$TMP/long-line.err")" -eq 12500 ]; then
		pass long-line
	else
		fail long-line "$(wc -c <"$TMP/long-line.err") bytes, $(grep -c 'bad-number' "$TMP/long-line.err") errors"
	fi
# the window around an error in the middle of the line, caret under it
awk 'BEGIN { for (i = 0; i < 100; i++) printf "foreground "; printf "debug x "; for (i = 0; i < 100; i++) printf "foreground "; print "" }' >"$TMP/mid.smmu"
run window 1 --check "$TMP/mid.smmu" &&
	expect window 1 "$TMP/mid.smmu:1:1107: error: bad decimal digit 'x' in debug level 'x' [bad-number]
...eground foreground foreground foreground foreground foreground foreground debug x foreground foreground foreground foreground foreground foreground foreground f...
                                                                                   ^"
# control bytes of a source line never reach the terminal as they are
printf 'allow a 0x1000,4K,st # \033[1mDSS\r\n' >"$TMP/esc.smmu"
run escape 0 --check "$TMP/esc.smmu" &&
	expect escape 0 "$TMP/esc.smmu:1:7: warning: allow set 'a' is not used by any device [unused-allow]
allow a 0x1000,4K,st # \\033[1mDSS
      ^"
# -e options: each is one more line of <command line>, appended (not copied
# again each time: 32,000 options took 5.6 s, now 0.04 s), with caret lines
# that stay right across appends
run e-lines 1 --check -e 'debug x' -e foreground -e 'debug y' &&
	expect e-lines 1 "<command line>:1:7: error: bad decimal digit 'x' in debug level 'x' [bad-number]
debug x
      ^
<command line>:3:7: error: bad decimal digit 'y' in debug level 'y' [bad-number]
debug y
      ^"
set -- -e 'debug x'
i=0
while [ $i -lt 2999 ]; do set -- -e foreground "$@"; i=$((i + 1)); done
run e-many 1 --check "$@" &&
	expect e-many 1 "<command line>:3000:7: error: bad decimal digit 'x' in debug level 'x' [bad-number]
debug x
      ^"
finish
