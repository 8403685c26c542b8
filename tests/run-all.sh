#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The whole test suite, as CI runs it: dependencies, a -Werror build with
# AddressSanitizer and UndefinedBehaviorSanitizer, every test (unit suites,
# checks, golden blobs, VT-d model, QEMU end to end), and make distcheck.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash tests/deps.sh
# Debian's arm64 device trees for the SMMUv3 reader's tests: fetched into a
# cache outside the tree, never shipped; without them that test skips
SMMU_ARM64_DTBS=$(bash tests/smmuv3/arm64-dtbs.sh) || SMMU_ARM64_DTBS=
export SMMU_ARM64_DTBS
# and every tree of that package, for the asinfo reader's test
SMMU_ARM64_DTBS_ALL=$(bash tests/smmuv3/arm64-dtbs.sh --all) || SMMU_ARM64_DTBS_ALL=
export SMMU_ARM64_DTBS_ALL
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

build="$top/build-check"
rm -rf "$build"
mkdir -p "$build"
cd "$build"
"$top/configure" -q --enable-werror --enable-sanitizers --enable-safety
make -s -j"$(nproc)"

status=0
make -s -j"$(nproc)" check || status=1
# per-test results from automake's .trs files (a grep finding nothing is not an error)
read -r pass fail skip < <(find . -name '*.trs' -exec cat {} + |
	awk '/^:test-result: PASS/ { p++ } /^:test-result: (FAIL|ERROR|XPASS)/ { f++ }
	     /^:test-result: SKIP/ { s++ } END { print p + 0, f + 0, s + 0 }')
# under CI a skipped test is a failure: the QEMU evidence must not vanish quietly
if [ "$skip" -gt 0 ]; then
	find . -name '*.trs' -exec grep -l '^:test-result: SKIP' {} + | sed 's/\.trs$//; s/^/skipped: /'
	if [ "${CI:-}" = true ]; then
		status=1
	fi
fi
if [ $status -ne 0 ]; then
	tail -80 test-suite.log || true
fi

if [ $status -eq 0 ]; then
	if make -s distcheck DISTCHECK_CONFIGURE_FLAGS="--enable-werror" >distcheck.log 2>&1; then
		pass=$((pass + 1))
		echo "distcheck: ok"
	else
		tail -40 distcheck.log || true
		status=1
		fail=$((fail + 1))
	fi
fi
if [ "${CI:-}" = true ]; then
	fail=$((fail + skip))
fi
echo "check: $pass passed, $fail failed, $skip skipped"
exit $status
