# SPDX-License-Identifier: BSD-2-Clause
# Shared by the tests/checks drivers: pass/fail counting, the smmucc path and
# a scratch directory in the build tree (the source tree may be read-only).

: "${top_srcdir:?run through make check}"
: "${top_builddir:?run through make check}"
SMMUCC="$top_builddir/compiler/smmucc"
CASES="$top_srcdir/tests/checks/cases"
# A hang is a failure (exit 124), not a stuck 'make check'; never timing.
TIMEOUT=
command -v timeout >/dev/null 2>&1 && TIMEOUT="timeout 60"
npass=0
nfail=0
mkdir -p "$top_builddir/tests/checks" || exit 2
TMP=$(mktemp -d "$top_builddir/tests/checks/tmp.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

pass() {
	npass=$((npass + 1))
	echo "PASS: $1"
}

fail() {
	nfail=$((nfail + 1))
	echo "FAIL: $1"
	shift
	for l in "$@"; do
		echo "  $l"
	done
}

finish() {
	echo "$npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
	exit $?
}

# The diagnostics of a text-format run, one "level:check" per line, sorted.
fired() {
	awk 'match($0, /: (error|warning|note): /) && /\[[a-z0-9-]+\]$/ {
		lvl = substr($0, RSTART + 2, RLENGTH - 4)
		n = split($0, w, "[][]")
		print lvl ":" w[n - 1]
	}' "$1" | sort
}

# "error:a warning:b*2" -> the same form as fired(), sorted.
expand() {
	for e in $1; do
		name=${e%\*[0-9]*}
		n=1
		[ "$name" != "$e" ] && n=${e##*\*}
		i=0
		while [ "$i" -lt "$n" ]; do
			echo "$name"
			i=$((i + 1))
		done
	done | sort
}

# fires LABEL NAME EXPECT: the diagnostics of run NAME are exactly EXPECT
# ("level:check[*count] ...", empty: none): pass LABEL, else fail it with both.
fires() {
	expand "$3" >"$TMP/$2.want"
	fired "$TMP/$2.err" >"$TMP/$2.got"
	if cmp -s "$TMP/$2.want" "$TMP/$2.got"; then
		pass "$1"
	else
		fail "$1" "expected: $(tr '\n' ' ' <"$TMP/$2.want")" \
			"fired:    $(tr '\n' ' ' <"$TMP/$2.got")" "$(cat "$TMP/$2.err")"
	fi
}

# run NAME EXPECTED-EXIT [smmucc args...]: output in $TMP/NAME.out/.err
run() {
	name=$1
	want=$2
	shift 2
	$TIMEOUT "$SMMUCC" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name" "exit status $got, expected $want" "$(cat "$TMP/$name.err")"
		return 1
	fi
	return 0
}

[ -x "$SMMUCC" ] || { fail "smmucc" "$SMMUCC not built"; finish; }
