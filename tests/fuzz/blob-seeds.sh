#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Writes the blob fuzz seed corpus into DIR: the test policy blob, and
# prefixes and bit flips of it that reach different checks of the reader;
# with GOLDEN, the compiled samples there (they carry VT-d tables, at the
# end of the blob) and bytes changed in those tables.
# Usage: blob-seeds.sh BLOBTOOL DIR [GOLDEN]
set -eu
tool=$1
dir=$2
golden=${3:-}
mkdir -p "$dir"
"$tool" blob >"$dir/policy"
size=$(wc -c <"$dir/policy")
for n in 0 8 64 100 480 $((size / 2)) $((size - 8)); do
	head -c "$n" "$dir/policy" >"$dir/prefix-$n"
done
# one byte changed at a spread of offsets (CRC then fails, or a structure check)
i=0
for off in 0 4 8 12 16 24 32 36 64 72 80 500 900 1300 1700 2100 2500; do
	[ "$off" -lt "$size" ] || continue
	{ head -c "$off" "$dir/policy"; printf '\377'; tail -c +$((off + 2)) "$dir/policy"; } \
		>"$dir/byte-$off"
	i=$((i + 1))
done
for g in ${golden:+"$golden"/*.smmub}; do
	name=$(basename "$g" .smmub)
	cp "$g" "$dir/golden-$name"
	gsize=$(wc -c <"$g")
	for back in 8 24 40 100 200 400; do
		off=$((gsize - back))
		[ "$off" -gt 0 ] || continue
		{ head -c "$off" "$g"; printf '\377'; tail -c +$((off + 2)) "$g"; } \
			>"$dir/golden-$name-byte-$off"
	done
done
