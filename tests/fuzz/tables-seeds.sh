#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Writes the tables fuzz seed corpus into DIR: the golden blobs (they carry
# VT-d tables) and, made with tabtool from shared-perms, one blob per
# attack the boot-time proof refuses (tests/daemon/tables-proof.sh).
# Usage: tables-seeds.sh TABTOOL DIR GOLDEN
set -eu
tool=$1
dir=$2
golden=$3
mkdir -p "$dir"
for g in "$golden"/*.smmub; do
	cp "$g" "$dir/golden-$(basename "$g" .smmub)"
done
sp="$golden/shared-perms.smmub"
"$tool" "$sp" "$dir/ro-rw" word 5 0 0xf8000003
"$tool" "$sp" "$dir/leaf-tmem" word 5 1 0x7f000003
"$tool" "$sp" "$dir/reloc-leaf" reloc+ 20480
"$tool" "$sp" "$dir/ctx-pt" word 1 288 0x2009
"$tool" "$sp" "$dir/shared" word 4 448 0x9003
"$tool" "$sp" "$dir/cycle" word 3 3 0x0003
"$tool" "$sp" "$dir/no-domain" word 1 290 0x2001 word 1 291 0x102 reloc+ 6416
"$tool" "$sp" "$dir/superpage" word 4 448 0xf8000081 reloc- 19968
