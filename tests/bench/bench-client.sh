#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make bench-client: libsmmu's round trips against smmuman on the simulated
# VT-d unit (tests/bench/clientbench.c says what is measured).
set -eu
dir=${BENCH_DIR:?}
rm -rf "$dir"
mkdir -p "$dir"
printf 'smmu vtd\nallow buf 0x20000000,64K,st\ndevice pci:0:18.0 buf\n' >"$dir/p.smmu"
"$SMMUCC" -o "$dir/p.smmub" "$dir/p.smmu"
"$SMMUMAN" --foreground --socket "$dir/s.sock" --log-file "$dir/log" "$dir/p.smmub" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
n=0
while [ ! -S "$dir/s.sock" ]; do
	n=$((n + 1))
	[ $n -gt 200 ] && { echo "bench-client: smmuman did not start" >&2; exit 1; }
	sleep 0.05
done
SMMUMAN_SOCKET=$dir/s.sock "$CLIENTBENCH" "${BENCH_N:-2000}" "${BENCH_ROUNDS:-50}"
