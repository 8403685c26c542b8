#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The boot-time proof of the VT-d tables: a compiled blob whose tables were
# edited (CRC resealed by tests/vtd/tabtool, so the blob reader and the
# tables view accept it) must put smmuman in the Design Safe State, exit
# 10, name the first bad entry on its one DSS line, and deny every probe,
# including the write the attack was after. Controls: the blob as compiled
# boots, and the same edited blob boots when the unit makes smmuman rebuild
# the tables from the records (the edit is then never used).
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/tables-proof"
TAB="$top_builddir/tests/vtd/tabtool"
mkdir -p "$out"
cd "$top_srcdir" || exit 1
"$SMMUCC" -o "$out/sp.smmub" samples/shared-perms.smmu || exit 1

# shared-perms, 4 levels, table memory at 0xc000000: 0 root, 1 context
# (pci:0:18.0 [288], pci:0:21.0 [336], pci:0:26.2 [420]), foo (did 1, read
# only) 2..5, moo (did 2, read/write) 6..9; 5 and 9 map 0xf8000000-0xf8003fff
printf 'pci:0:18.0 0xf8000000 w\npci:0:18.0 0xf8000000 r\npci:0:26.2 0xf8000000 w\n' \
	>"$out/probes"
TM="--table-memory 0xc000000,16M"

# craft NAME EDITS...: a copy of sp.smmub with the edits
craft() {
	name=$1
	shift
	"$TAB" "$out/sp.smmub" "$out/$name.smmub" "$@" || bad "$name: tabtool $*"
}

# run NAME STATUS [DSS-LINE-TAIL] [smmuman options]
run() {
	name=$1 want=$2 dss=$3
	shift 3
	# shellcheck disable=SC2086
	"$SMMUMAN" --foreground --log-file "$out/log" $TM --probe "$out/probes" "$@" \
		"$out/$name.smmub" >"$out/$name.out" 2>"$out/$name.err"
	st=$?
	[ $st -eq "$want" ] && ok || bad "$name: exit status $st, want $want: $(cat "$out/$name.err")"
	if [ "$want" -eq 0 ]; then
		[ "$(cat "$out/$name.out")" = "$(cat "$out/control.want")" ] && ok ||
			bad "$name: probes $(cat "$out/$name.out")"
		return
	fi
	line="DSS: policy blob $out/$name.smmub: VT-d tables refused: $dss"
	[ "$(grep '^DSS: ' "$out/$name.err")" = "$line" ] && ok ||
		bad "$name: DSS line: $(grep '^DSS' "$out/$name.err"), want $line"
	[ "$(grep -c . "$out/$name.out")" -eq 3 ] && ! grep -qv '^deny ' "$out/$name.out" && ok ||
		bad "$name: a probe was not denied: $(cat "$out/$name.out")"
}

cp "$out/sp.smmub" "$out/control.smmub"
"$SMMUMAN" --foreground --log-file "$out/log" $TM --probe "$out/probes" "$out/control.smmub" \
	>"$out/control.want" 2>"$out/control.err" || bad "control: $(cat "$out/control.err")"
grep -q '^deny pci:0:18.0 .* denied write at 0xf8000000' "$out/control.want" && ok ||
	bad "control: the read-only write is not denied: $(cat "$out/control.want")"
run control 0 ""

craft ro-rw word 5 0 0xf8000003
run ro-rw 10 "page 5 index 0 word 0xf8000003: leaf grants more permission than its domain has, domain did 1, address 0xf8000000"
# the same blob, tables rebuilt from the records (a 39-bit unit): the edit is never used
run ro-rw 0 "" --sim aw=39

craft leaf-tmem word 5 1 0xc000003
run leaf-tmem 10 "page 5 index 1 word 0xc000003: leaf output address is not its IOVA, domain did 1, address 0xf8001000"

craft reloc-leaf reloc+ 20480
run reloc-leaf 10 "page 5 index 0 word 0x104000001: relocated word is not a table pointer, domain did 1, address 0xf8000000"

craft ctx-pt word 1 288 0x2009
run ctx-pt 10 "page 1 index 288 word 0xc002009: context entry translation type is not 0 (second-level only, never pass-through), requester id pci:0:18.0, domain did 1"

# foo's PD pointing at moo's page table: read/write for read-only devices
craft shared word 4 448 0x9003
run shared 10 "page 9 index 0 word 0xf8000003: leaf grants more permission than its domain has, domain did 1, address 0xf8000000"

craft out-of-range word 3 3 0x400003
run out-of-range 10 "page 3 index 3 word 0xc400003: pointer outside the table pages, domain did 1, address 0xc0000000"

craft cycle word 3 3 0x0003
run cycle 10 "page 3 index 3 word 0xc000003: pointer to a page already used in another role, level or place, domain did 1, address 0xc0000000"

craft no-domain word 1 290 0x2001 word 1 291 0x102 reloc+ 6416
run no-domain 10 "page 1 index 290 word 0xc002001: context entry for a requester id the policy gives no domain, requester id pci:0:18.1"

craft did word 1 337 0x202
run did 10 "page 1 index 337 word 0x202: context entry DID is not its domain's, requester id pci:0:21.0, domain did 1"

craft outside word 5 4 0xf8004001
run outside 10 "page 5 index 4 word 0xf8004001: leaf maps memory its domain is not granted, domain did 1, address 0xf8004000"

# a 2 MiB leaf over the 16 KiB grant (the page table unlinked), in tables without 2 MiB pages
craft overhang word 4 448 0xf8000081 reloc- 19968
run overhang 10 "page 4 index 448 word 0xf8000081: leaf of a page size the tables may not use, domain did 1, address 0xf8000000"
finish
