#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# 'make bench-smmuv3': the boot-path and compile benchmarks for SMMUv3,
# stage 2 and stage 1, with VT-d's measured in the same run beside them
# (bench-boot.sh and bench-compile.sh, each told the architecture). Sizes
# are kept to what finishes in a few minutes on a shared 2-core machine:
# boot up to 10000 regions (1000 under callgrind: each process compiles its
# policy first, minutes at 10000 dense regions), compile up to 100000
# lines, dtc up to 10000 (it takes about a minute at 100000).
# Environment: as bench-boot.sh and bench-compile.sh (BOOTBENCH, SMMUCC,
# RUSAGE, PYTHON3, GEN, DTC, BENCH_DIR, VALGRIND), and BENCH_BOOT_SIZES,
# BENCH_CG_SIZES,
# BENCH_COMPILE_SIZES (default "1000 10000 100000"), BENCH_COMPILE_RUNS
# (default 3), BENCH_DTC_MAX (default 10000), SMMUMAN.
# Last, smmuman's start-up as issue 14 counts it (guest time under TCG is
# close to instructions): the e2e policy on QEMU's virt tree, instructions
# in all, in the tree reader (smmuv3_fdt_parse: once per start-up since
# the reader reads each property once and the board once) and in the boot
# proof (smmuv3_verify), one callgrind run each. Exit status: 0 measured
# (missed goals are reported), 1 a run failed.
set -u
: "${BENCH_DIR:?}"
here=$(dirname "$0")
st=0
out="$BENCH_DIR/smmuv3-summary"
mkdir -p "$BENCH_DIR" || exit 1
: >"$out"

boot() { # ARCH [PROFILE]
	echo "==== boot path: $1${2:+ $2}"
	{
		BENCH_ARCH=$1 BENCH_PROFILE=${2:-} \
		BENCH_BOOT_SIZES=${BENCH_BOOT_SIZES:-10 100 1000 10000} \
		BENCH_CG_SIZES=${BENCH_CG_SIZES:-10 100 1000} sh "$here/bench-boot.sh"
		echo $? >"$BENCH_DIR/rc"
	} | tee "$BENCH_DIR/boot-log"
	[ "$(cat "$BENCH_DIR/rc")" = 0 ] || st=1
	sed -n "s/^goal/$1${2:+ $2}: goal/p" "$BENCH_DIR/boot-log" >>"$out"
}

compile() { # ARCH [PROFILE]
	echo "==== compile: $1${2:+ $2}"
	{
		BENCH_ARCH=$1 BENCH_PROFILE=${2:-} BENCH_RUNS=${BENCH_COMPILE_RUNS:-3} \
		BENCH_SIZES=${BENCH_COMPILE_SIZES:-1000 10000 100000} \
		BENCH_DTC_MAX=${BENCH_DTC_MAX:-10000} sh "$here/bench-compile.sh"
		echo $? >"$BENCH_DIR/rc"
	} | tee "$BENCH_DIR/compile-log"
	[ "$(cat "$BENCH_DIR/rc")" = 0 ] || st=1
	sed -n "s/^goal/$1${2:+ $2}: goal/p" "$BENCH_DIR/compile-log" >>"$out"
}

boot vtd
boot smmuv3 smmuv3-s2
boot smmuv3 smmuv3-s1
# smmuman --board QEMU's tree, sim unit, the e2e policy, to translation on
# (no probes: it exits there): the instructions of FN (total: all of them)
startup_ir() {
	fn=$1
	set -- --tool=callgrind --callgrind-out-file="$BENCH_DIR/startup-$fn.cg"
	[ "$fn" = total ] || set -- "$@" --toggle-collect="$fn"
	"${VALGRIND:-valgrind}" "$@" "$SMMUMAN" --backend sim --sim qemu --foreground \
		--log-file "$BENCH_DIR/startup-smmuman.log" --probe /dev/null \
		--board "$here/../smmuv3/data/qemu-virt-smmuv3.dtb" \
		--table-memory 0x5c000000,8M -v "$BENCH_DIR/startup.smmub" \
		>"$BENCH_DIR/startup-$fn.log" 2>&1 || return 1
	sed -n 's/.*Collected : *\([0-9][0-9]*\).*/\1/p' "$BENCH_DIR/startup-$fn.log"
}

startup() {
	echo "==== start-up: smmuman on QEMU's virt tree, tests/e2e/e2e-smmuv3.smmu (callgrind Ir)"
	if ! command -v "${VALGRIND:-valgrind}" >/dev/null 2>&1; then
		echo "valgrind not found: no instruction counts"
		return
	fi
	if ! "$SMMUCC" --table-memory 0x5c000000,8M --profile smmuv3-s1,oas=44 \
		-o "$BENCH_DIR/startup.smmub" "$here/../e2e/e2e-smmuv3.smmu"; then
		st=1
		return
	fi
	if ! all=$(startup_ir total) || ! tree=$(startup_ir smmuv3_fdt_parse) ||
		! proof=$(startup_ir smmuv3_verify); then
		echo "smmuman failed under callgrind; see $BENCH_DIR/startup-*.log" >&2
		st=1
		return
	fi
	printf '%14s %14s %14s\n' "all Ir" "tree Ir" "proof Ir"
	printf '%14s %14s %14s\n' "$all" "$tree" "$proof"
	echo "smmuv3 start-up on QEMU's virt tree (Ir): all $all, tree reader $tree," \
		"boot proof $proof" >>"$out"
}

compile vtd
compile armsmmuv3 smmuv3-s2
compile armsmmuv3 smmuv3-s1
startup
echo "==== goals"
cat "$out"
exit $st
