# SPDX-License-Identifier: BSD-2-Clause
# Shared by the policy and runtime test drivers: counters, the tools, and
# the compile arguments of every sample.
: "${top_srcdir:?}" "${top_builddir:?}"
SMMUCC="$top_builddir/compiler/smmucc"
SMMUMAN="$top_builddir/runtime/smmuman"
# tests run side by side: smmuman serves no clients unless a test names a
# socket (--socket; tests/daemon/clients.py does)
SMMUMAN_SOCKET=none
export SMMUMAN_SOCKET
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# same NAME GOT WANT: one check of two texts, both shown when they differ
same() {
	if [ "$2" = "$3" ]; then
		ok
	else
		bad "$1"
		printf '%s\n' "--- got:" "$2" "--- want:" "$3"
	fi
}

# Extra arguments a sample needs, by name.
sample_args() {
	case "$1" in
	myx86) echo "--asinfo samples/myx86-asinfo.yaml" ;;
	*) echo "" ;;
	esac
}

samples() {
	for f in "$top_srcdir"/samples/*.smmu; do basename "$f" .smmu; done
}
