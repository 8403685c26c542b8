#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# What the platform hands smmuman, taken whole: every unit however many
# (policy unit lines, DMAR DRHDs, the simulated platform), firmware tables
# and device trees read to their end through pipes and FIFOs, PCI segments
# kept apart, and no grant over smmuman's own table memory.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/firmware"
rm -rf "$out"
mkdir -p "$out"
cd "$top_srcdir" || exit 1
py="${PYTHON3:-python3}"

# smmuman in the foreground, logging to a file
smm() {
	"$SMMUMAN" --foreground --log-file "$out/log" "$@"
}

# want NAME WANTED-STATUS GOT-STATUS: the status check, named
want() {
	[ "$3" -eq "$2" ] && ok || bad "$1: exit status $3, want $2: $(cat "$out/$1.err")"
}

# lines NAME COUNT PATTERN: exactly COUNT lines of $out/NAME.err match
lines() {
	c=$(grep -c -- "$3" "$out/$1.err")
	[ "$c" -eq "$2" ] && ok || bad "$1: $c lines '$3', want $2"
}

# same NAME: $out/NAME.out is exactly $out/NAME.want
same_out() {
	diff -u "$out/$1.want" "$out/$1.out" >"$out/$1.diff" && ok ||
		bad "$1: $(cat "$out/$1.diff")"
}

# alldeny NAME: every probe was denied
alldeny() {
	[ -s "$out/$1.out" ] && ! grep -qv '^deny ' "$out/$1.out" && ok ||
		bad "$1: a probe was not denied: $(cat "$out/$1.out")"
}

# slow SRC: SRC on stdout, its first 4 KiB, a pause, then the rest (a read()
# that stops at the first 4 KiB sees a short table)
slow() {
	head -c 4096 "$1"
	sleep 0.3
	tail -c +4097 "$1"
}

# ---- 2. every unit: policy unit lines -----------------------------------
# unitpolicy N: N units, each with one device behind it and its own grant
unitpolicy() {
	{
		echo "smmu vtd ignore"
		i=0
		while [ $i -lt "$1" ]; do
			printf 'unit u%d 0x%x\n' $i $((0xfed90000 + i * 4096))
			i=$((i + 1))
		done
		i=0
		while [ $i -lt "$1" ]; do
			printf 'allow a%d 0x%x,0x1000,st\ndevice pci:%d:0.0 a%d\nuse u%d\n' \
				$i $((0x10000000 + i * 4096)) $i $i $i
			i=$((i + 1))
		done
	} >"$out/u$1.smmu"
	: >"$out/u$1.probes"
	: >"$out/u$1.want"
	i=0
	while [ $i -lt "$1" ]; do
		printf 'pci:%d:0.0 0x%x w\n' $i $((0x10000000 + i * 4096)) >>"$out/u$1.probes"
		printf 'allow a%d u%d.smmu:%d\n' $i "$1" $(($1 + 2 + 3 * i)) >>"$out/u$1.want"
		i=$((i + 1))
	done
	(cd "$out" && "$SMMUCC" -o "u$1.smmub" "u$1.smmu") || bad "u$1.smmu does not compile"
}

for n in 9 40; do
	unitpolicy $n
	name=units$n
	smm -v --probe "$out/u$n.probes" "$out/u$n.smmub" \
		>"$out/$name.out" 2>"$out/$name.err"
	want $name 0 $?
	cp "$out/u$n.want" "$out/$name.want"
	same_out $name
	lines $name 1 "^smmuman: policy $out/u$n.smmub: $n devices, $n domains on $n units; translation enabled$"
	lines $name $n '^smmuman: debug: unit u[0-9]*: translation enabled, tables at 0xc000000 '
	lines $name 1 "^smmuman: debug: unit u$((n - 1)): translation enabled"

	# the Design Safe State reaches the last unit too
	name=units$n-dss
	smm -v --table-memory 0xc000000,4K --probe "$out/u$n.probes" \
		"$out/u$n.smmub" >"$out/$name.out" 2>"$out/$name.err"
	want $name 18 $?
	alldeny $name
	lines $name $n '^smmuman: debug: unit u[0-9]* at 0x[0-9a-f]*: all DMA blocked$'
	lines $name 1 "^smmuman: debug: unit u$((n - 1)) at 0x$(printf %x $((0xfed90000 + (n - 1) * 4096))): all DMA blocked$"
	need=$( [ $n -eq 9 ] && echo 188416 || echo 823296)
	lines $name 1 "^DSS: tables need $need bytes, table memory has 4096\$"
done

# a platform with one unit fewer than the policy: named, the others blocked
name=units9-missing
smm -v --sim units=8 --probe "$out/u9.probes" "$out/u9.smmub" \
	>"$out/$name.out" 2>"$out/$name.err"
want $name 11 $?
alldeny $name
lines $name 1 '^DSS: unit u8 at 0xfed98000 not found$'
lines $name 8 '^smmuman: debug: unit u[0-7] at 0x[0-9a-f]*: all DMA blocked$'

# the simulated platform's own units: units=N beyond 8
"$SMMUCC" -o "$out/sp.smmub" samples/shared-perms.smmu || exit 1
printf 'pci:0:18.0 0xf8000000 r\npci:0:26.1 0xf8000000 r\n' >"$out/sp.probes"
name=sim-units
smm -v --sim units=12 --probe "$out/sp.probes" "$out/sp.smmub" \
	>"$out/$name.out" 2>"$out/$name.err"
want $name 0 $?
lines $name 1 "^smmuman: policy $out/sp.smmub: 3 devices, 2 domains on 12 units; translation enabled$"
lines $name 1 '^smmuman: debug: unit dmar11: translation enabled, tables at 0xc000000 '
for bad in units=1025 units=-1 units=09 units=; do
	smm --sim "$bad" --probe "$out/sp.probes" "$out/sp.smmub" \
		>/dev/null 2>"$out/simbad.err"
	st=$?
	[ $st -eq 11 ] && grep -qx "DSS: no IOMMU unit found: bad --sim options '$bad'" \
		"$out/simbad.err" && ok || bad "--sim $bad: status $st, $(cat "$out/simbad.err")"
done
# table memory beyond what the simulated unit models: refused, not allocated
name=simhuge
smm --table-memory 0xc000000,0x400001G --probe "$out/sp.probes" "$out/sp.smmub" \
	>"$out/$name.out" 2>"$out/$name.err"
want $name 11 $?
lines $name 1 "^DSS: no IOMMU unit found: cannot create the simulated unit (memory 4503600902438912 bytes; it models at most 64 GiB)$"

# ---- 2. every unit: DMAR DRHDs, and more than 512 device scopes ----------
drhds() {
	i=0
	while [ $i -lt "$1" ]; do
		printf -- '--drhd 0x%x ' $((0xfed90000 + i * 4096))
		i=$((i + 1))
	done
}
# shellcheck disable=SC2046
"$py" tests/daemon/mkdmar.py "$out/d9.bin" $(drhds 9) || exit 1
# shellcheck disable=SC2046
"$py" tests/daemon/mkdmar.py "$out/d40.bin" $(drhds 40) || exit 1
# 600 endpoints on the first unit, and 600 RMRR scopes: > 4 KiB each
"$py" tests/daemon/mkdmar.py "$out/d600.bin" --drhd 0xfed90000,scopes=600 \
	--drhd 0xfed91000 || exit 1
rm_args=""
i=0
while [ $i -lt 600 ]; do
	rm_args="$rm_args 0x20000000,0x20000fff,$((i / 32 + 1)):$((i % 32)).0"
	i=$((i + 1))
done
# shellcheck disable=SC2086
"$py" tests/daemon/mkdmar.py "$out/r600.bin" $rm_args || exit 1
[ "$(wc -c <"$out/d600.bin")" -gt 4096 ] && [ "$(wc -c <"$out/r600.bin")" -gt 4096 ] && ok ||
	bad "the 600-scope DMARs are not over 4 KiB"

for n in 9 40; do
	name=dmar$n
	smm -v --dmar "$out/d$n.bin" --probe "$out/sp.probes" \
		"$out/sp.smmub" >"$out/$name.out" 2>"$out/$name.err"
	want $name 0 $?
	lines $name 1 "^smmuman: policy $out/sp.smmub: 3 devices, 2 domains on $n units; translation enabled$"
	lines $name $n '^smmuman: debug: unit dmar[0-9]*: translation enabled, tables at 0xc000000 '
	lines $name 1 "^smmuman: debug: unit dmar$((n - 1)) at 0x$(printf %x $((0xfed90000 + (n - 1) * 4096))): VER 1.0 "
	name=dmar$n-dss
	smm -v --dmar "$out/d$n.bin" --table-memory 0xc000000,4K \
		--probe "$out/sp.probes" "$out/sp.smmub" >"$out/$name.out" 2>"$out/$name.err"
	want $name 18 $?
	alldeny $name
	lines $name $n '^smmuman: debug: unit dmar[0-9]* at 0x[0-9a-f]*: all DMA blocked$'
	lines $name 1 "^smmuman: debug: unit dmar$((n - 1)) at 0x$(printf %x $((0xfed90000 + (n - 1) * 4096))): all DMA blocked$"
done

# ---- 4. read to the end: DMAR through a pipe, 4 KiB then the rest ---------
name=dmar600-pipe
slow "$out/d600.bin" | smm -v --dmar /dev/stdin \
	--probe "$out/sp.probes" "$out/sp.smmub" >"$out/$name.out" 2>"$out/$name.err"
want $name 0 $?
lines $name 1 "^smmuman: policy $out/sp.smmub: 3 devices, 2 domains on 2 units; translation enabled$"
lines $name 2 '^smmuman: debug: unit dmar[01]: translation enabled'

# 600 RMRR scopes, through a FIFO: every one of them granted
name=rmrr600-fifo
printf 'pci:1:0.0 0x20000000 w\npci:19:23.0 0x20000fff r\npci:19:24.0 0x20000000 r\n' \
	>"$out/r600.probes"
{
	echo 'allow firmware RMRR 0x20000000-0x20000fff'
	echo 'allow firmware RMRR 0x20000000-0x20000fff'
	echo deny
} >"$out/$name.want"
mkfifo "$out/r600.fifo" || exit 1
slow "$out/r600.bin" >"$out/r600.fifo" &
smm --dmar "$out/r600.fifo" --probe "$out/r600.probes" "$out/sp.smmub" \
	2>"$out/$name.err" | sed 's/^deny .*/deny/' >"$out/$name.out"
wait
same_out $name
lines $name 1 '^smmuman: firmware reserves 600 regions (RMRR): the tables are built at boot with them$'

# a late-bound device tree over 4 KiB, through a FIFO
"$SMMUCC" --late-bind -o "$out/late.smmub" samples/myx86.smmu || exit 1
"${DTC:-dtc}" -q -I dts -O dtb -p 8192 -o "$out/big.dtb" tests/daemon/myx86.dts || exit 1
[ "$(wc -c <"$out/big.dtb")" -gt 8192 ] && ok || bad "the padded DTB is not over 8 KiB"
mkfifo "$out/dtb.fifo" || exit 1
name=late-fifo
slow "$out/big.dtb" >"$out/dtb.fifo" &
smm --asinfo "$out/dtb.fifo" --run-for 1 --poll-ms 10 \
	"$out/late.smmub" >"$out/$name.out" 2>"$out/$name.err"
want $name 0 $?
wait
lines $name 1 '^smmuman: built 34 table pages at boot (4-level, 2 MiB)$'
lines $name 1 "^smmuman: policy $out/late.smmub: 9 devices, 8 domains on 1 unit; translation enabled$"

# --probe answers from the tree the boot read, through a FIFO that can be read only once
name=late-fifo-probe
rm -f "$out/dtb.fifo" && mkfifo "$out/dtb.fifo" || exit 1
slow "$out/big.dtb" >"$out/dtb.fifo" &
printf 'pci:2:0.1 0x7d000000 w\npci:0:18.0 0x7c000000 r\n' >"$out/late.p"
printf 'allow ixgbe samples/myx86.smmu:18\nallow smbs0 samples/myx86.smmu:11\n' >"$out/$name.want"
${TIMEOUT:-timeout 60} "$SMMUMAN" --foreground --log-file "$out/log" --asinfo "$out/dtb.fifo" \
	--probe "$out/late.p" "$out/late.smmub" >"$out/$name.out" 2>"$out/$name.err"
want $name 0 $?
wait
same_out $name

# a device tree that cannot be read is named as such
name=late-none
smm --asinfo "$out/none.dtb" --probe "$out/sp.probes" \
	"$out/late.smmub" >"$out/$name.out" 2>"$out/$name.err"
want $name 13 $?
alldeny $name
lines $name 1 "^DSS: cannot read the device tree $out/none.dtb: No such file or directory\$"

# ---- 5. PCI segments ------------------------------------------------------
# a unit on segment 1: the tables for segment 0 cannot serve it; all blocked
"$py" tests/daemon/mkdmar.py "$out/seg1.bin" --drhd 0xfed90000 --drhd 0xfed91000,seg=1 \
	|| exit 1
name=seg1-drhd
smm -v --dmar "$out/seg1.bin" --probe "$out/sp.probes" "$out/sp.smmub" \
	>"$out/$name.out" 2>"$out/$name.err"
want $name 12 $?
alldeny $name
lines $name 1 '^DSS: unit dmar1 at 0xfed91000 is on PCI segment 1: smmuman builds tables for segment 0 only$'
lines $name 1 '^smmuman: debug: unit dmar0 at 0xfed90000: all DMA blocked$'
lines $name 1 '^smmuman: debug: unit dmar1 at 0xfed91000: all DMA blocked$'

# an RMRR for 01:00.0 of segment 1 is not one for 01:00.0 of segment 0
"$py" tests/daemon/mkdmar.py "$out/seg1r.bin" 0x20000000,0x2000ffff,1:0.0,seg=1 \
	0x21000000,0x21000fff,0:18.0 || exit 1
name=seg1-rmrr
printf 'pci:1:0.0 0x20000000 w\npci:0:18.0 0x21000000 r\n' >"$out/seg1r.probes"
printf 'deny\nallow firmware RMRR 0x21000000-0x21000fff\n' >"$out/$name.want"
smm --dmar "$out/seg1r.bin" --probe "$out/seg1r.probes" \
	"$out/sp.smmub" 2>"$out/$name.err" | sed 's/^deny .*/deny/' >"$out/$name.out"
want $name 0 $?
same_out $name
lines $name 1 '^smmuman: warning: firmware: 1 RMRR device scope outside PCI segment 0 ignored (first: segment 1, 0x20000000-0x2000ffff): the tables are for segment 0 only$'
lines $name 1 '^smmuman: firmware reserves 1 region (RMRR): the tables are built at boot with them$'

# ---- 3. no grant over the table memory (default 0xc000000,16M) ------------
# tmem NAME STATUS POLICY-TEXT PROBES [smmuman options]: compiled in $out
# for another table memory, so smmucc's own table-memory-grant check passes:
# smmuman must refuse the blob by itself
tmem() {
	name=$1 st=$2
	printf '%b' "$3" >"$out/$name.smmu"
	printf '%b' "$4" >"$out/$name.probes"
	shift 4
	(cd "$out" && "$SMMUCC" -W no-unused-allow --table-memory 0x7f000000,1M -o "$name.smmub" \
		"$name.smmu" 2>"$name.cc") ||
		bad "$name: does not compile"
	smm "$@" --probe "$out/$name.probes" "$out/$name.smmub" \
		>"$out/$name.out" 2>"$out/$name.err"
	want "$name" "$st" $?
}
TM=" over smmuman's table memory 0xc000000-0xcffffff"

tmem tm-all 18 'allow nic 0x0,0x20000000,st\ndevice pci:0:3.0 nic\n' \
	'pci:0:3.0 0xc000000 w\npci:0:3.0 0x1000 r\npci:0:3.0 0x1fffffff w\n'
alldeny tm-all
lines tm-all 1 "^DSS: allow nic tm-all.smmu:1 grants 0x0-0x1fffffff$TM\$"
lines tm-all 1 '^DSS: '

# a grant ending where the table memory starts is fine; one byte more is not
tmem tm-below 0 'allow nic 0x0,0xc000000,st\ndevice pci:0:3.0 nic\n' \
	'pci:0:3.0 0xbffffff w\npci:0:3.0 0xc000000 r\n'
printf 'allow nic tm-below.smmu:1\ndeny\n' >"$out/tm-below.want"
sed 's/^deny .*/deny/' "$out/tm-below.out" >"$out/tm-below.cut" && mv "$out/tm-below.cut" \
	"$out/tm-below.out"
same_out tm-below
tmem tm-above 0 'allow nic 0xd000000,0x1000,st\ndevice pci:0:3.0 nic\n' 'pci:0:3.0 0xd000000 w\n'
tmem tm-byte 18 'allow nic 0x1000,0xbfff001,st\ndevice pci:0:3.0 nic\n' 'pci:0:3.0 0x1000 r\n'
alldeny tm-byte
lines tm-byte 1 "^DSS: allow nic tm-byte.smmu:1 grants 0x1000-0xc000000$TM\$"
# unaligned: the unit grants whole pages, so the page of the table memory is reached
tmem tm-page 18 'allow nic 0xcffff80,0x100,s\ndevice pci:0:3.0 nic\n' 'pci:0:3.0 0xd000000 r\n'
lines tm-page 1 "^DSS: allow nic tm-page.smmu:1 grants 0xcffff80-0xd00007f$TM\$"
tmem tm-reserved 18 \
	'allow nic 0x10000000,0x1000\ndevice pci:0:3.0 nic\ndevice pci:0:4.0\nreserved 0xc800000,0x1000\n' \
	'pci:0:3.0 0x10000000 r\n'
alldeny tm-reserved
lines tm-reserved 1 "^DSS: reserved tm-reserved.smmu:4 grants 0xc800000-0xc800fff$TM\$"
# somewhere else, the same grant is harmless
tmem tm-moved 0 'allow nic 0x0,0x20000000,st\ndevice pci:0:3.0 nic\n' 'pci:0:3.0 0xc000000 w\n' \
	--table-memory 0x40000000,1M
# grow-heap lies inside the table memory: its end is refused too
tmem tm-heap 18 'set grow-heap 0x100000\nallow nic 0xcf00000,0x1000,st\ndevice pci:0:3.0 nic\n' \
	'pci:0:3.0 0xcf00000 r\n'
lines tm-heap 1 "^DSS: allow nic tm-heap.smmu:2 grants 0xcf00000-0xcf00fff$TM\$"

# late-bound: the grant as bound from the device tree
sed 's/ixgbe@7d000000 { reg = <0x0 0x7d000000/ixgbe@c000000 { reg = <0x0 0xc000000/' \
	tests/daemon/myx86.dts >"$out/tm.dts"
"${DTC:-dtc}" -q -I dts -O dtb -o "$out/tm.dtb" "$out/tm.dts" || exit 1
printf 'pci:2:0.1 0x7d000000 w\npci:0:18.0 0x7c000000 r\n' >"$out/late.probes"
name=tm-late
smm --asinfo "$out/tm.dtb" --probe "$out/late.probes" "$out/late.smmub" \
	>"$out/$name.out" 2>"$out/$name.err"
want $name 18 $?
alldeny $name
lines $name 1 "^DSS: allow ixgbe samples/myx86.smmu:18 grants 0xc000000-0xcffffff$TM\$"

# a firmware RMRR over the table memory
"$py" tests/daemon/mkdmar.py "$out/tmr.bin" 0xc001000,0xc001fff,0:20.0 || exit 1
name=tm-rmrr
smm --dmar "$out/tmr.bin" --probe "$out/sp.probes" "$out/sp.smmub" \
	>"$out/$name.out" 2>"$out/$name.err"
want $name 18 $?
alldeny $name
lines $name 1 "^DSS: firmware RMRR 0xc001000-0xc001fff for 00:14.0 lies$TM\$"

# ---- dmardump: the same tables, through a pipe ------------------------------
DD="$top_builddir/tests/e2e/dmardump"
if [ -x "$DD" ]; then
	slow "$out/d40.bin" | "$DD" /dev/stdin >"$out/dd40.out" 2>&1
	st=$?
	[ $st -eq 0 ] && [ "$(grep -c '^UNIT [0-9]* base=0x[0-9a-f]* seg=0 include_all=1 scopes=0$' \
		"$out/dd40.out")" -eq 40 ] &&
		grep -qx 'UNIT 39 base=0xfedb7000 seg=0 include_all=1 scopes=0' "$out/dd40.out" && ok ||
		bad "dmardump d40: status $st, $(head -3 "$out/dd40.out")"
	slow "$out/d600.bin" | "$DD" /dev/stdin >"$out/dd600.out" 2>&1
	st=$?
	[ $st -eq 0 ] && grep -qx 'UNIT 0 base=0xfed90000 seg=0 include_all=0 scopes=600' \
		"$out/dd600.out" && [ "$(grep -c '^SCOPE unit=0 pci-endpoint ' "$out/dd600.out")" -eq 600 ] &&
		grep -qx 'SCOPE unit=0 pci-endpoint id=0 0000:02:0a.7 path=1' "$out/dd600.out" &&
		ok ||
		bad "dmardump d600: status $st, $(head -3 "$out/dd600.out")"
	"$DD" "$out/seg1.bin" >"$out/ddseg.out" 2>&1
	grep -qx 'UNIT 1 base=0xfed91000 seg=1 include_all=1 scopes=0' "$out/ddseg.out" && ok ||
		bad "dmardump seg1: $(cat "$out/ddseg.out")"
fi
finish
