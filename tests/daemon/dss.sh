#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Every Design Safe State trigger, injected: smmuman must say "DSS: ..." on
# a line of its own, exit with the documented status, and the unit must then
# deny every probe, including those the policy allows (a positive control
# first shows that they are allowed when nothing is wrong).
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/dss"
mkdir -p "$out"
cd "$top_srcdir" || exit 1

"$SMMUCC" -o "$out/sp.smmub" samples/shared-perms.smmu || exit 1
"$SMMUCC" -o "$out/vi.smmub" samples/vtd-ignore.smmu || exit 1
"$SMMUCC" --late-bind -o "$out/late.smmub" samples/myx86.smmu || exit 1
"$SMMUCC" -e 'safety required' -o "$out/safety.smmub" samples/shared-perms.smmu || exit 1
"$SMMUCC" -e 'user no_such_user_smmu' -o "$out/user.smmub" samples/shared-perms.smmu || exit 1
"${DTC:-dtc}" -q -I dts -O dtb -o "$out/myx86.dtb" tests/daemon/myx86.dts || exit 1
# the same regions named by labels, then with one label made ambiguous by a node
"${DTC:-dtc}" -q -I dts -O dtb -o "$out/labels.dtb" tests/daemon/myx86-labels.dts || exit 1
cp "$out/labels.dtb" "$out/ambiguous.dtb"
fdtput -c "$out/ambiguous.dtb" /reserved-memory/smbs0@7f000000 &&
	fdtput -t x "$out/ambiguous.dtb" /reserved-memory/smbs0@7f000000 reg 0 0x7f000000 0 0x1000 ||
	exit 1
# and with xhci's region left for the OS to place at boot (size, no reg)
cp "$out/labels.dtb" "$out/noplace.dtb"
fdtput -d "$out/noplace.dtb" /reserved-memory/xhci@7c100000 reg &&
	fdtput -t x "$out/noplace.dtb" /reserved-memory/xhci@7c100000 size 0 0x100000 || exit 1
# a blob with one byte changed in the middle of its records
cp "$out/sp.smmub" "$out/bad.smmub"
printf '\377' | dd of="$out/bad.smmub" bs=1 seek=300 conv=notrunc 2>/dev/null

printf 'pci:0:18.0 0xf8000000 r\npci:0:26.2 0xf8000000 w\n' >"$out/sp.probes"
printf 'pci:0:2.0 0x7b800000 w\npci:0:21.0 0x7afe0000 r\n' >"$out/vi.probes"
printf 'pci:2:0.1 0x7d000000 w\npci:0:18.0 0x7c000000 r\n' >"$out/late.probes"

# run NAME STATUS BLOB PROBES [smmuman options...]
run() {
	name=$1 want=$2 blob=$3 probes=$4
	shift 4
	"$SMMUMAN" --foreground --probe "$out/$probes" "$@" "$out/$blob" \
		>"$out/$name.out" 2>"$out/$name.err"
	st=$?
	if [ "$want" -eq 0 ]; then
		[ $st -eq 0 ] && ! grep -q '^DSS:' "$out/$name.err" &&
			! grep -qv '^allow ' "$out/$name.out" && [ -s "$out/$name.out" ] && ok ||
			bad "$name: control run: status $st, $(cat "$out/$name.out" "$out/$name.err")"
		return
	fi
	[ $st -eq "$want" ] && ok || bad "$name: exit status $st, want $want"
	[ "$(grep -c '^DSS: ' "$out/$name.err")" -eq 1 ] && ok ||
		bad "$name: no single DSS line: $(cat "$out/$name.err")"
	[ -s "$out/$name.out" ] && ! grep -qv '^deny ' "$out/$name.out" && ok ||
		bad "$name: a probe was not denied: $(cat "$out/$name.out")"
}

L="--log-file $out/log"
# shellcheck disable=SC2086
{
run control 0 sp.smmub sp.probes $L
run control-vi 0 vi.smmub vi.probes $L
run control-late 0 late.smmub late.probes $L --asinfo "$out/myx86.dtb"
run bad-blob 10 bad.smmub sp.probes $L
run missing-unit 11 vi.smmub vi.probes $L --sim units=1
run no-page-table-format 12 sp.smmub sp.probes $L --sim aw=none
run unresolved-late-name 13 late.smmub late.probes $L --asinfo /nonexistent.dtb
run control-late-labels 0 late.smmub late.probes $L --asinfo "$out/labels.dtb"
run ambiguous-late-name 13 late.smmub late.probes $L --asinfo "$out/ambiguous.dtb"
run no-place-late-name 13 late.smmub late.probes $L --asinfo "$out/noplace.dtb"
run register-timeout 14 sp.smmub sp.probes $L --sim timeout
run safety-required 15 safety.smmub sp.probes $L
run no-system-log 16 sp.smmub sp.probes --syslog-socket /nonexistent/log
run user-drop 17 user.smmub sp.probes $L
run table-memory 18 sp.smmub sp.probes $L --table-memory 0xc000000,4K
# late-bound grants: the tables are built at boot, straight into table memory
run table-memory-rebuild 18 late.smmub late.probes $L --asinfo "$out/myx86.dtb" \
	--table-memory 0xc000000,8K
}
grep -q "DSS: .*tables need [0-9]* pages, table memory has 2" "$out/table-memory-rebuild.err" &&
	ok || bad "table-memory-rebuild: $(cat "$out/table-memory-rebuild.err")"
grep -q "DSS: .*unresolved asinfo name 'smbs0' (several regions have it) in .*/ambiguous.dtb$" \
	"$out/ambiguous-late-name.err" && ok ||
	bad "ambiguous-late-name: $(cat "$out/ambiguous-late-name.err")"
grep -q "DSS: .*unresolved asinfo name 'xhci' (its region gives no address: placed at boot, several reg entries, size 0 or wrapping) in .*/noplace.dtb$" \
	"$out/no-place-late-name.err" && ok ||
	bad "no-place-late-name: $(cat "$out/no-place-late-name.err")"
grep -q "DSS: policy blob .*bad.smmub" "$out/bad-blob.err" && ok ||
	bad "bad-blob: the DSS line does not name the blob"

# The safety variant (configure --enable-safety): required by default, and
# the simulated unit is never a safety component.
if [ -x "$top_builddir/runtime/smmuman-safety" ]; then
	SAFE="$top_builddir/runtime/smmuman-safety"
	SAFECC="$top_builddir/compiler/smmucc-safety"
	"$SAFECC" -o "$out/safe.smmub" samples/shared-perms.smmu &&
		"$SAFECC" -e 'safety none smmu-sim' -o "$out/safe-sim.smmub" \
			samples/shared-perms.smmu &&
		"$SAFECC" -e 'safety warn smmu-sim' -o "$out/safe-warn.smmub" \
			samples/shared-perms.smmu &&
		"$SMMUCC" -e 'safety none smmu-sim' -o "$out/std-sim.smmub" \
			samples/shared-perms.smmu || bad "safety blobs do not compile"
	SMMUMAN_STD=$SMMUMAN
	SMMUMAN=$SAFE
	# shellcheck disable=SC2086
	{
	run safety-default 15 safe.smmub sp.probes $L
	run safety-sim-none 0 safe-sim.smmub sp.probes $L
	run safety-sim-warn 0 safe-warn.smmub sp.probes $L
	run safety-std-compiler 15 std-sim.smmub sp.probes $L
	}
	SMMUMAN=$SMMUMAN_STD
	grep -q '^DSS: component smmu-sim is not a safety variant' "$out/safety-default.err" &&
		ok || bad "safety-default: $(cat "$out/safety-default.err")"
	grep -q 'warning: component smmu-sim is not a safety variant' \
		"$out/safety-sim-warn.err" && ok || bad "safety warn: no warning logged"
	grep -q '^DSS: component smmucc is not a safety variant' \
		"$out/safety-std-compiler.err" && ok ||
		bad "a blob from the standard smmucc must fail smmuman-safety"
else
	echo "SKIP: smmuman-safety not built (configure --enable-safety)"
fi
finish
