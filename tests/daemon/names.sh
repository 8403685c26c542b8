#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Names from the blob (a source file name with ESC, CR, newline and a
# backslash) and from the command line reach the terminal and the log
# escaped, exactly: \ooo for control bytes, \\ for a backslash (names
# only; the log's backstop leaves backslashes as they are). No raw control
# byte may come out: a name must not forge a "DSS:" line.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/names"
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1

src=$(printf 'b\033[1m\rDSS: forged\n\\x.smmu')
cp "$top_srcdir/samples/shared-perms.smmu" "$src" || exit 1
"$SMMUCC" -o esc.smmub "$src" || exit 1
E='b\033[1m\015DSS: forged\012\\x.smmu'
printf 'pci:0:18.0 0xf8000000 r\npci:0:18.0 0xf8000000 w\npci:0:26.2 0xf8004000 w\n' >p

raw() { # FILE...: no ESC, CR, BEL or other control byte but newline
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$@"
}

"$SMMUMAN" --foreground --probe p --log-file log esc.smmub >probe.out 2>probe.err
st=$?
[ $st -eq 0 ] && ok || bad "probe run: status $st"
{
	printf 'allow foo %s:8\n' "$E"
	printf 'deny pci:0:18.0 (allow foo, %s:11) denied write at 0xf8000000: write denied (reason 0x5); foo %s:8 grants read only\n' "$E" "$E"
	printf 'deny pci:0:26.2 (allow moo, %s:13) denied write at 0xf8004000: write denied (reason 0x5); outside its grants\n' "$E"
} >probe.want
cmp -s probe.out probe.want && ok || bad "probe lines: $(diff probe.want probe.out)"
raw probe.out probe.err log && ok || bad "a raw control byte in the probe output or log"

# smmucc --query names the same grants the same way
"$SMMUCC" --query 'pci:0:18.0 0xf8000000 w' esc.smmub >query.out 2>&1
printf 'deny permission missing (pci:0:18.0 may not write 0xf8000000: foo %s:8 grants read only)\n' \
	"$E" >query.want
cmp -s query.out query.want && ok || bad "query: $(cat query.out)"

# guest: the listed lines go through boot_sym_loc
"$SMMUMAN" --foreground --guest --probe p --log-file glog esc.smmub >guest.out 2>guest.err
printf 'smmuman: guest: ignoring smmu line %s:6\n' "$E" >guest.want
grep 'guest: ignoring smmu' guest.err | cmp -s - guest.want && ok ||
	bad "guest listing: $(grep 'guest: ignoring smmu' guest.err)"
printf 'info: guest: ignoring smmu line %s:6\n' "$E" >glog.want
grep 'guest: ignoring smmu' glog | sed 's/^smmuman\[[0-9]*\]: //' | cmp -s - glog.want && ok ||
	bad "guest listing in the log: $(grep 'guest: ignoring smmu' glog)"
raw guest.err glog && ok || bad "a raw control byte in the guest run"

# the blob's own path, from the command line: the log's backstop
bp=$(printf 'p\033]0;t\007\r.smmub')
cp esc.smmub "$bp"
"$SMMUMAN" --foreground --run-for 1 --poll-ms 10 --log-file plog "$bp" 2>path.err
st=$?
[ $st -eq 0 ] && ok || bad "path run: status $st"
printf '%s\n' 'smmuman: policy p\033]0;t\007\015.smmub: 3 devices, 2 domains on 1 unit; translation enabled' \
	>path.want
cmp -s path.err path.want && ok || bad "path on stderr: $(cat path.err)"
grep -q 'info: policy p\\033\]0;t\\007\\015\.smmub: 3 devices' plog && ok ||
	bad "path in the log: $(cat plog)"
raw path.err plog && ok || bad "a raw control byte in the path run"

# a DSS line is escaped too, and is one line
bad=$(printf 'no\033[2J\nDSS: fake.smmub')
"$SMMUMAN" --foreground --probe p --log-file dlog "$bad" >dss.out 2>dss.err
st=$?
[ $st -eq 10 ] && ok || bad "missing blob: status $st"
printf '%s\n' 'DSS: policy blob no\033[2J\012DSS: fake.smmub: No such file or directory at offset 0' \
	>dss.want
grep '^DSS:' dss.err | cmp -s - dss.want && ok || bad "DSS line: $(cat dss.err)"
raw dss.err dlog && ok || bad "a raw control byte in the DSS run"
finish
