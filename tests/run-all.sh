#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The whole test suite, as CI runs it: dependencies, a -Werror build with
# AddressSanitizer and UndefinedBehaviorSanitizer, every test (unit suites,
# checks, golden blobs, VT-d model, QEMU end to end), and make distcheck.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash tests/deps.sh
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

build="$top/build-check"
rm -rf "$build"
mkdir -p "$build"
cd "$build"
"$top/configure" -q --enable-werror --enable-sanitizers --enable-safety
make -s -j"$(nproc)"

status=0
make -s -j"$(nproc)" check || status=1
# the per-test results, summed: automake's own summary is in test-suite.log
pass=$(grep -c '^:test-result: PASS' $(find . -name '*.trs') 2>/dev/null | awk -F: '{s+=$NF} END {print s+0}')
fail=$(grep -c '^:test-result: \(FAIL\|ERROR\|XPASS\)' $(find . -name '*.trs') 2>/dev/null | awk -F: '{s+=$NF} END {print s+0}')
if [ $status -ne 0 ]; then
	find . -name '*.log' -path '*tests*' -newer Makefile -exec grep -l ':test-result: FAIL\|ERROR' {} + 2>/dev/null | head -5
	cat test-suite.log | tail -60
fi

if [ $status -eq 0 ]; then
	make -s distcheck DISTCHECK_CONFIGURE_FLAGS="--enable-werror" >distcheck.log 2>&1 ||
		{ tail -40 distcheck.log; status=1; fail=$((fail + 1)); }
	[ $status -eq 0 ] && pass=$((pass + 1)) && echo "distcheck: ok"
fi
echo "check: $pass passed, $fail failed"
exit $status
