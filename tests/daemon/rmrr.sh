#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Firmware reserved regions (ACPI RMRRs) join the tables at boot as reserved
# regions of the devices they name, and of those devices only: a device
# that shares its domain with another gets a domain of its own.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/rmrr"
mkdir -p "$out"
cd "$top_srcdir" || exit 1
py="${PYTHON3:-python3}"

"$SMMUCC" -o "$out/sp.smmub" samples/shared-perms.smmu || exit 1
"$py" tests/daemon/mkdmar.py "$out/dmar.bin" 0x20000000,0x2000ffff,0:7.0 \
	0x21000000,0x21000fff,0:18.0 || exit 1
cat >"$out/probes" <<'P'
pci:0:7.0 0x20000000 w
pci:0:7.0 0x2000ffff r
pci:0:7.0 0x20010000 w
pci:0:18.0 0x21000000 r
pci:0:21.0 0x21000000 r
pci:0:18.0 0xf8000000 r
pci:0:18.0 0xf8000000 w
pci:0:21.0 0xf8000000 r
P
cat >"$out/want" <<'W'
allow firmware RMRR 0x20000000-0x2000ffff
allow firmware RMRR 0x20000000-0x2000ffff
deny
allow firmware RMRR 0x21000000-0x21000fff
deny
allow foo samples/shared-perms.smmu:8
deny
allow foo samples/shared-perms.smmu:8
W
"$SMMUMAN" --foreground --log-file "$out/log" --dmar "$out/dmar.bin" --probe "$out/probes" \
	"$out/sp.smmub" 2>"$out/err" | sed 's/^deny .*/deny/' >"$out/got"
diff -u "$out/want" "$out/got" && ok || bad "probes with RMRRs"
grep -q "firmware reserves 2 regions (RMRR)" "$out/err" && ok || bad "RMRRs not logged"
grep -q "RMRR 0x21000000-0x21000fff reserved for 00:12.0" "$out/err" && ok ||
	bad "RMRR device not named: $(cat "$out/err")"

# without the firmware table the same probes are denied
"$SMMUMAN" --foreground --log-file "$out/log" --probe "$out/probes" "$out/sp.smmub" \
	2>/dev/null | head -1 | grep -q '^deny' && ok || bad "an RMRR grant without RMRRs"

# a DMAR that does not validate is a Design Safe State
head -c 50 "$out/dmar.bin" >"$out/short.bin"
"$SMMUMAN" --foreground --log-file "$out/log" --dmar "$out/short.bin" --probe "$out/probes" \
	"$out/sp.smmub" >/dev/null 2>"$out/short.err"
[ $? -eq 11 ] && grep -q '^DSS: .*DMAR' "$out/short.err" && ok ||
	bad "a bad DMAR: $(cat "$out/short.err")"
finish
