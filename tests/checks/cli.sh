#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The smmucc command line: exit status, -W/-E/-Werror, --list-checks, the
# JSON format, inputs from stdin, @FILE and -e, the -v summary.
. "$top_srcdir/tests/checks/lib.sh"

cd "$CASES" || exit 2

# same NAME GOT WANT
same() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "got:  $2" "want: $3"
	fi
}

# has NAME FILE FIXED-STRING: the file has a line equal to the string
has() {
	if grep -qxF -- "$3" "$2"; then
		pass "$1"
	else
		fail "$1" "no line '$3' in:" "$(cat "$2")"
	fi
}

# ---- exit status 2: usage and I/O ----
run no-input 2 && has no-input "$TMP/no-input.err" \
	"smmucc: error: no input files (give FILE, '-' for standard input, or -e WORDS)"
run missing-file 2 --check no-such-file.smmu && pass missing-file
run bad-long-option 2 --frobnicate clean.smmu &&
	has bad-long-option "$TMP/bad-long-option.err" "smmucc: error: unknown option '--frobnicate'"
run bad-short-option 2 -x clean.smmu &&
	has bad-short-option "$TMP/bad-short-option.err" "smmucc: error: unknown option '-x'"
run missing-argument 2 clean.smmu -W &&
	has missing-argument "$TMP/missing-argument.err" "smmucc: error: option '-W' needs an argument"
run unknown-check 2 -W frobnicate clean.smmu &&
	has unknown-check "$TMP/unknown-check.err" \
		"smmucc: error: unknown check 'frobnicate' in -W frobnicate (see --list-checks)"
run unknown-check-E 2 -E no-such clean.smmu && pass unknown-check-E
run error-not-off 2 -W no-syntax clean.smmu &&
	has error-not-off "$TMP/error-not-off.err" \
		"smmucc: error: check 'syntax' reports errors and cannot be turned off or lowered"
run error-not-lowered 2 -E no-zero-length clean.smmu && pass error-not-lowered
run bad-format 2 --diagnostics-format=xml clean.smmu && pass bad-format
run missing-asinfo 2 --check --asinfo no-such.yaml clean.smmu && pass missing-asinfo

# ---- 0 and 1 ----
run clean 0 --check clean.smmu && same "clean: silent" "$(cat "$TMP/clean.out" "$TMP/clean.err")" ""
run warning-only 0 --check unused-allow.smmu && pass warning-only
run error 1 --check zero-length.smmu && pass error

# ---- levels ----
run E-warning 1 -E unused-allow unused-allow.smmu &&
	same "-E unused-allow" "$(fired "$TMP/E-warning.err")" "error:unused-allow"
run W-no-warning 0 -W no-unused-allow unused-allow.smmu &&
	same "-W no-unused-allow" "$(cat "$TMP/W-no-warning.err")" ""
run Wno-joined 0 -Wno-unused-allow unused-allow.smmu && pass "-Wno-NAME joined"
run Werror 1 -Werror unused-allow.smmu &&
	same "-Werror" "$(fired "$TMP/Werror.err")" "error:unused-allow"
run Werror-note 0 -Werror shadowed-spec.smmu &&
	same "-Werror leaves notes" "$(fired "$TMP/Werror-note.err")" "note:shadowed-spec"
run W-note 0 -W shadowed-spec shadowed-spec.smmu &&
	same "-W raises a note" "$(fired "$TMP/W-note.err")" "warning:shadowed-spec"
run W-no-note 0 -W no-shadowed-spec shadowed-spec.smmu &&
	same "-W no-NAME on a note" "$(cat "$TMP/W-no-note.err")" ""
run E-then-no 0 -E unused-allow -E no-unused-allow unused-allow.smmu &&
	same "-E no-NAME undoes -E" "$(fired "$TMP/E-then-no.err")" "warning:unused-allow"
run W-error-stays 1 -W zero-length zero-length.smmu &&
	same "-W keeps an error an error" "$(fired "$TMP/W-error-stays.err")" "error:zero-length"
run no-then-W 0 -W no-unused-allow -W unused-allow unused-allow.smmu &&
	same "-W after -W no-" "$(fired "$TMP/no-then-W.err")" "warning:unused-allow"
run guest-off 0 -W no-guest-ignored --guest guest-ignored.smmu &&
	same "-W no-guest-ignored" "$(cat "$TMP/guest-off.err")" ""

# ---- --list-checks ----
names="syntax unknown-statement bad-number number-overflow region-overflow zero-length
ambiguous-radix space-in-list bad-permissions undefined-allow unused-allow allow-name-keyword
device-conflict duplicate-device shadowed-spec bad-device-spec no-current-device
no-current-smmu unknown-smmu-type bad-smmu-param bad-unit-param bad-use-param undefined-unit
duplicate-unit unaligned-region overlap-perms write-implies-read bypass-enabled broad-grant
unknown-set-var set-out-of-range bad-safety bad-user unresolved-asinfo include-cycle
guest-ignored table-memory-grant mixed-smmu-types board-unmapped board-stream-map
board-unit-missing no-units stream-id-missing stream-id-conflict"
if run list 0 --list-checks; then
	same "list: names in order" "$(awk '{ print $1 }' "$TMP/list.out" | tr '\n' ' ')" \
		"$(echo $names) "
	same "list: 44 checks" "$(wc -l <"$TMP/list.out" | tr -d ' ')" 44
	has "list: unused-allow line" "$TMP/list.out" \
		"unused-allow        warning  an allow set that no device names"
	has "list: zero-length line" "$TMP/list.out" \
		"zero-length         error    a region of length 0"
	same "list: notes" "$(awk '$2 == "note" { print $1 }' "$TMP/list.out" | tr '\n' ' ')" \
		"shadowed-spec guest-ignored "
	warns="ambiguous-radix unused-allow duplicate-device unaligned-region overlap-perms"
	warns="$warns write-implies-read bypass-enabled broad-grant board-unmapped"
	same "list: warnings" \
		"$(awk '$2 == "warning" { print $1 }' "$TMP/list.out" | tr '\n' ' ')" "$warns "
	same "list: descriptions" "$(awk 'NF < 3' "$TMP/list.out")" ""
fi
run list-levels 0 -E unused-allow -W no-broad-grant --list-checks &&
	same "list shows levels set by options" \
		"$(awk '$1 == "unused-allow" || $1 == "broad-grant" { print $1, $2 }' \
		"$TMP/list-levels.out" | tr '\n' ' ')" "unused-allow error broad-grant off "

# ---- --version, --help ----
run version 0 --version && same version \
	"$(sed 's/[0-9][0-9.]*$/V/' "$TMP/version.out")" "smmucc (smmu) V"
if run help 0 --help; then
	for o in "-e WORDS" --check "--asinfo FILE" --late-bind --guest "-W NAME" "-W no-NAME" \
		"-E NAME" -Werror --list-checks "--diagnostics-format=text|json" --verbose \
		--version --help "--table-memory PADDR,LEN" --verify "--board FILE.dtb"; do
		if grep -qF -- "$o" "$TMP/help.out"; then
			pass "help mentions $o"
		else
			fail "help mentions $o"
		fi
	done
fi

# ---- inputs: stdin, @FILE, -e in order with files ----
$TIMEOUT "$SMMUCC" --check - <unused-allow.smmu 2>"$TMP/stdin.err"
same "stdin: exit" $? 0
same "stdin: name" "$(sed -n '1s/:.*//p' "$TMP/stdin.err")" "<stdin>"
run at-file 0 --check @unused-allow.smmu &&
	same "@FILE" "$(fired "$TMP/at-file.err")" "warning:unused-allow"
run e-only 0 -e 'smmu vtd' --check && same "-e alone" "$(cat "$TMP/e-only.err")" ""
run e-unused 0 --check -e 'allow foo 0x1000,4096' &&
	same "-e diagnostics" "$(fired "$TMP/e-unused.err")" "warning:unused-allow"
run e-order 0 --check unused-allow.smmu -e 'device pci:0:9.0 foo' &&
	same "-e after a file uses its sets" "$(cat "$TMP/e-order.err")" ""
run e-device 1 --check -e 'device pci:0:9.0 foo' clean.smmu &&
	same "-e before a file" "$(fired "$TMP/e-device.err")" "error:undefined-allow"
run two-files 0 --check clean.smmu shadowed-spec.smmu &&
	same "two files" "$(fired "$TMP/two-files.err")" "note:shadowed-spec"

# ---- --late-bind ----
run late-bind 0 --check --late-bind unresolved-asinfo.smmu &&
	same "--late-bind" "$(cat "$TMP/late-bind.err")" ""

# ---- -v summary ----
run v-ok 0 -v --check clean.smmu && same "-v OK" "$(cat "$TMP/v-ok.out")" \
	"clean.smmu: 18 statements, 2 allow sets, 4 regions, 3 devices, 1 smmu types, 1 units: OK"
counts="2 allow sets, 2 regions, 1 devices, 0 smmu types, 0 units"
run v-warn 0 --verbose unused-allow.smmu && same "-v warnings" "$(cat "$TMP/v-warn.out")" \
	"unused-allow.smmu: 3 statements, $counts: OK (1 warning)"
run v-err 1 -v device-conflict.smmu && same "-v errors" "$(cat "$TMP/v-err.out")" \
	"device-conflict.smmu: 4 statements, $counts: 1 error, 0 warnings"
run no-v 0 --check unused-allow.smmu && same "no -v: stdout empty" "$(cat "$TMP/no-v.out")" ""

# ---- --table-memory: smmuman's syntax, checked; the check cannot be turned off ----
tm="0x0,0x20000000,st"
run tm-default 1 --check -e "allow nic $tm" -e 'device pci:0:3.0 nic' &&
	same "table memory by default" "$(fired "$TMP/tm-default.err" | tr '\n' ' ')" \
		"error:table-memory-grant warning:broad-grant " &&
	same "table memory message" "$(sed -n 4p "$TMP/tm-default.err")" \
		"<command line>:1:11: error: region 0x0,536870912 grants smmuman's table memory \
0xc000000-0xcffffff (--table-memory): a device could rewrite the translation tables \
[table-memory-grant]"
run tm-moved 0 --check --table-memory 0x40000000,4K -e "allow nic $tm" \
	-e 'device pci:0:3.0 nic' && same "--table-memory moves it" \
	"$(fired "$TMP/tm-moved.err")" "warning:broad-grant"
for bad in 0xc000000 0xc000000,0 0xc000000,4097 0xc000800,16M 0xfffffffffffff000,8K \
	0x1000,20000000000G -0x1000,4K 0x1000,4Kx ,16M; do
	run "tm-bad-$bad" 2 --table-memory "$bad" --check clean.smmu &&
		same "--table-memory $bad" "$(head -1 "$TMP/tm-bad-$bad.err")" \
			"smmucc: error: bad --table-memory '$bad': PADDR,LEN (hexadecimal address, \
length with K/M/G, both 4 KiB aligned) or none"
done
run tm-none 0 --check --table-memory none -e "allow nic $tm" -e 'device pci:0:3.0 nic' &&
	same "--table-memory none" "$(fired "$TMP/tm-none.err")" "warning:broad-grant"
run tm-off 2 -W no-table-memory-grant --check clean.smmu &&
	same "table-memory-grant cannot be turned off" "$(head -1 "$TMP/tm-off.err")" \
		"smmucc: error: check 'table-memory-grant' reports errors and cannot be turned off \
or lowered"

# ---- JSON ----
if [ -z "$PYTHON3" ]; then
	fail "json" "python3 not found by configure: the JSON tests cannot run"
	finish
fi
json() { # NAME FILE PYTHON-ASSERTIONS (d is the parsed array)
	if "$PYTHON3" -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$3" "$2" >"$TMP/py.err" 2>&1; then
		pass "$1"
	else
		fail "$1" "$(cat "$TMP/py.err")" "$(cat "$2")"
	fi
}
keys="['check', 'column', 'file', 'level', 'line', 'message', 'notes', 'source']"
run j-conflict 1 --diagnostics-format=json device-conflict.smmu &&
	json "json: device-conflict" "$TMP/j-conflict.err" "
assert isinstance(d, list) and len(d) == 1, d
o = d[0]
assert sorted(o) == $keys, sorted(o)
assert o['file'] == 'device-conflict.smmu' and o['line'] == 7 and o['column'] == 19, o
assert o['level'] == 'error' and o['check'] == 'device-conflict', o
assert o['message'] == \"pci:0:18.0 is given allow set 'moo', but it has allow set 'foo'\", o
assert o['source'] == 'device pci:0:18.0 moo', o
assert o['notes'] == [{'file': 'device-conflict.smmu', 'line': 6, 'column': 19,
    'message': 'previous definition here'}], o['notes']"
run j-empty 0 --diagnostics-format=json clean.smmu &&
	json "json: nothing to report" "$TMP/j-empty.err" "assert d == [], d"
run j-many 0 --diagnostics-format=json shadowed-many.smmu &&
	json "json: three notes" "$TMP/j-many.err" "
assert [o['check'] for o in d] == ['shadowed-spec'] * 3, d
assert all(sorted(o) == $keys and len(o['notes']) == 1 for o in d), d"
run j-usage 2 --diagnostics-format=json -W frobnicate clean.smmu &&
	json "json: usage error" "$TMP/j-usage.err" "
assert len(d) == 1 and d[0]['check'] is None and d[0]['file'] is None, d
assert d[0]['level'] == 'error' and d[0]['line'] == 0, d"
latin1=$(printf '%s/caf\351.smmu' "$TMP")
printf 'allow foo 0x1000,0\ndevice pci:0:1.0 foo\n' >"$latin1"
$TIMEOUT "$SMMUCC" --diagnostics-format=json "$latin1" 2>"$TMP/latin1.err"
json "json: bytes that are not UTF-8" "$TMP/latin1.err" "
assert len(d) == 1 and d[0]['file'].endswith('/caf\ufffd.smmu'), d
assert d[0]['check'] == 'zero-length', d"
printf 'allow foo 0x1000,0 # caf\351\ndevice pci:0:1.0 foo\n' >"$TMP/latin2.smmu"
$TIMEOUT "$SMMUCC" --diagnostics-format=json "$TMP/latin2.smmu" 2>"$TMP/latin2.err"
json "json: a source line that is not UTF-8" "$TMP/latin2.err" "
assert len(d) == 1 and d[0]['source'] == 'allow foo 0x1000,0 # caf\ufffd', d"
printf 'allow q"\\\t 0x1000,0\n' >"$TMP/escape.smmu"
$TIMEOUT "$SMMUCC" --diagnostics-format=json "$TMP/escape.smmu" 2>"$TMP/escape.err"
json "json: quotes, backslashes, tabs" "$TMP/escape.err" "
assert len(d) >= 1 and d[0]['source'] == 'allow q\"\\\\\\t 0x1000,0', d"
finish
