#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smmuman's life cycle on the simulated unit: the blob read once into
# private memory (a FIFO, a file truncated or rewritten while smmuman
# runs, one beyond the size bound), the start-up bound (message-block-
# timeout: 14 only once every unit is blocked, 0 only when they
# translate), signals (HUP reopens the log, TERM/INT stop and leave
# translation on), the start-up line's domain count, --table-memory
# overflow, and the privilege drop's bounding set and no_new_privs.
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/daemon/lifecycle"
rm -rf "$out"
mkdir -p "$out"
cd "$top_srcdir" || exit 1
py="${PYTHON3:-python3}"

"$SMMUCC" -o "$out/sp.smmub" samples/shared-perms.smmu || exit 1
"$SMMUCC" -e 'set message-block-timeout 50' -o "$out/mbt.smmub" samples/shared-perms.smmu ||
	exit 1
"$SMMUCC" -e 'set message-block-timeout 10000' -o "$out/mbt10s.smmub" \
	samples/shared-perms.smmu || exit 1
printf 'pci:0:18.0 0xf8000000 r\npci:0:26.2 0xf8000000 w\n' >"$out/p"
printf 'allow foo samples/shared-perms.smmu:8\nallow moo samples/shared-perms.smmu:9\n' \
	>"$out/allow.want"

# wait_for FILE PATTERN: up to 20 s for a line in FILE
wait_for() {
	n=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		n=$((n + 1))
		[ $n -gt 400 ] && return 1
		sleep 0.05
	done
}

# --- the blob, read once -------------------------------------------------
# a FIFO cannot be mapped; it can be read
mkfifo "$out/fifo"
cat "$out/sp.smmub" >"$out/fifo" &
"$SMMUMAN" --foreground --probe "$out/p" --log-file "$out/log" "$out/fifo" \
	>"$out/fifo.out" 2>"$out/fifo.err"
st=$?
wait
[ $st -eq 0 ] && cmp -s "$out/fifo.out" "$out/allow.want" && ok ||
	bad "blob from a FIFO: status $st, $(cat "$out/fifo.out" "$out/fifo.err")"

# truncated, then rewritten with other bytes, while smmuman is in its boot
for how in truncate rewrite; do
	cp "$out/sp.smmub" "$out/$how.smmub"
	: >"$out/$how.log"
	"$SMMUMAN" --foreground --probe "$out/p" --sim delay=1500 --log-file "$out/$how.log" \
		"$out/$how.smmub" >"$out/$how.out" 2>"$out/$how.err" &
	pid=$!
	wait_for "$out/$how.log" 'sim: enabling translation takes' || bad "$how: no delay line"
	if [ $how = truncate ]; then
		: >"$out/$how.smmub"
	else
		"$SMMUCC" -o "$out/other.smmub" samples/vtd-ignore.smmu &&
			dd if="$out/other.smmub" of="$out/$how.smmub" conv=notrunc 2>/dev/null
	fi
	wait $pid
	st=$?
	[ $st -eq 0 ] && cmp -s "$out/$how.out" "$out/allow.want" && ok ||
		bad "$how during boot: status $st, $(cat "$out/$how.out" "$out/$how.err")"
done

# beyond the size bound: refused with a line that says so
"$SMMUMAN" --foreground --probe "$out/p" --log-file "$out/log" /dev/zero \
	>"$out/big.out" 2>"$out/big.err"
st=$?
[ $st -eq 10 ] && ok || bad "a blob beyond the bound: status $st"
[ "$(grep '^DSS:' "$out/big.err")" = \
	'DSS: policy blob /dev/zero: larger than 128 MiB, the most smmuman reads' ] && ok ||
	bad "a blob beyond the bound: $(cat "$out/big.err")"

# --- the start-up bound ---------------------------------------------------
# bg NAME BLOB DELAY: background start with probes answered by the started
# process; $(...) returns once it has closed its standard output
bg() {
	"$SMMUMAN" --background --probe "$out/p" --sim delay="$3" --log-file "$out/$1.log" \
		"$out/$2" >"$out/$1.out" 2>"$out/$1.err"
	echo $? >"$out/$1.st"
	# the started process still writes: wait for its end of the probes
	wait_for "$out/$1.log" 'stopping\|DSS:\|translation enabled' >/dev/null
	n=0
	while [ "$(wc -l <"$out/$1.out")" -lt 2 ] && [ $n -lt 200 ]; do
		n=$((n + 1))
		sleep 0.05
	done
}
# late: the started process is told, blocks every unit, confirms 14
bg late mbt.smmub 600
[ "$(cat "$out/late.st")" = 14 ] && ok || bad "late start: status $(cat "$out/late.st")"
[ "$(grep -c '^deny ' "$out/late.out")" = 2 ] && [ "$(wc -l <"$out/late.out")" = 2 ] && ok ||
	bad "late start: a probe was not denied: $(cat "$out/late.out")"
grep -q '^DSS: start-up took longer than message-block-timeout (50 ms): all DMA blocked$' \
	"$out/late.err" && ok || bad "late start: $(cat "$out/late.err")"
! grep -q 'translation enabled' "$out/late.log" && ok ||
	bad "late start: translation reported enabled after a DSS"
# in time: 0, and the probes translate
bg prompt mbt10s.smmub 10
[ "$(cat "$out/prompt.st")" = 0 ] && cmp -s "$out/prompt.out" "$out/allow.want" && ok ||
	bad "prompt start: status $(cat "$out/prompt.st"), $(cat "$out/prompt.out")"
# stuck past the grace: killed, the units blocked by the starting process
"$SMMUMAN" --sim delay=6000 --log-file "$out/stuck.log" "$out/mbt.smmub" 2>"$out/stuck.err"
st=$?
[ $st -eq 14 ] && ok || bad "stuck start: status $st"
grep -q '^DSS: start-up took longer than message-block-timeout and did not stop when told: killed it; all DMA blocked$' \
	"$out/stuck.err" && ok || bad "stuck start: $(cat "$out/stuck.err")"
# daemon mode as it is used: the parent's 14 and the child agree
st=$("$SMMUMAN" --sim delay=600 --run-for 1 --log-file "$out/daemon.log" "$out/mbt.smmub" \
	2>"$out/daemon.err"; echo $?)
[ "$st" = 14 ] && grep -q '^DSS: start-up took longer' "$out/daemon.log" &&
	! grep -q 'translation enabled' "$out/daemon.log" && ok ||
	bad "daemon start: status $st; $(cat "$out/daemon.log")"
# the default bound does not trip on a 10,000-region rebuild
"$py" tests/bench/gen_policy.py 18500 "$out/big.smmu" "$out/big.dts" >/dev/null &&
	sed -i '/message-block-timeout/d' "$out/big.smmu" &&
	"$SMMUCC" -o "$out/big.smmub" "$out/big.smmu" || bad "big policy"
st=$("$SMMUMAN" --sim aw=39 --run-for 1 --log-file "$out/bigrun.log" "$out/big.smmub" \
	2>"$out/bigrun.err"; echo $?)
[ "$st" = 0 ] && grep -q 'built [0-9]* table pages at boot' "$out/bigrun.err" && ok ||
	bad "10,000-region rebuild with the default bound: status $st, $(cat "$out/bigrun.err")"

# --- signals --------------------------------------------------------------
# HUP reopens the log file (rotation), TERM stops, translation stays on
"$SMMUMAN" --foreground --run-for 30 --poll-ms 20 --log-file "$out/sig.log" "$out/sp.smmub" \
	2>/dev/null &
pid=$!
wait_for "$out/sig.log" 'translation enabled' || bad "signals: no start-up"
mv "$out/sig.log" "$out/sig.log.1"
kill -HUP $pid
wait_for "$out/sig.log" 'SIGHUP: log file reopened' || bad "HUP: the log was not reopened"
kill -TERM $pid
wait $pid
st=$?
[ $st -eq 0 ] && ok || bad "HUP then TERM: status $st"
grep -q 'info: stopping on SIGTERM: 0 faults seen; translation stays enabled$' "$out/sig.log" &&
	ok || bad "TERM: $(cat "$out/sig.log")"
[ "$(grep -c 'stopping' "$out/sig.log.1" "$out/sig.log" | tr '\n' ' ')" = \
	"$out/sig.log.1:0 $out/sig.log:1 " ] && ok || bad "TERM: the line went to the old log"
# INT the same
"$SMMUMAN" --foreground --run-for 30 --poll-ms 20 --log-file "$out/int.log" "$out/sp.smmub" \
	2>/dev/null &
pid=$!
wait_for "$out/int.log" 'translation enabled' || bad "INT: no start-up"
kill -INT $pid
wait $pid
st=$?
[ $st -eq 0 ] && grep -q 'stopping on SIGINT: 0 faults seen; translation stays enabled$' \
	"$out/int.log" && ok || bad "INT: status $st, $(cat "$out/int.log")"
# TERM during the boot waits for the boot: never half-programmed
"$SMMUMAN" --foreground --run-for 30 --sim delay=500 --log-file "$out/early.log" \
	"$out/sp.smmub" 2>/dev/null &
pid=$!
wait_for "$out/early.log" 'sim: enabling translation takes' || bad "early TERM: no delay line"
kill -TERM $pid
wait $pid
st=$?
[ $st -eq 0 ] && grep -q 'translation enabled' "$out/early.log" &&
	grep -q 'stopping on SIGTERM' "$out/early.log" && ok ||
	bad "TERM during boot: status $st, $(cat "$out/early.log")"

# --- the start-up line counts the domains built ---------------------------
"$py" tests/daemon/mkdmar.py "$out/dmar.bin" 0x21000000,0x21000fff,0:18.0 || exit 1
"$SMMUMAN" --foreground --probe /dev/null --dmar "$out/dmar.bin" --log-file "$out/log" \
	"$out/sp.smmub" 2>"$out/count.err"
grep -q '^smmuman: policy .*sp.smmub: 3 devices, 3 domains on 1 unit; translation enabled$' \
	"$out/count.err" && ok || bad "domain count: $(cat "$out/count.err")"

# --- --table-memory -------------------------------------------------------
for tm in 0xc000000,0x400000001G 0xfffffffffffff000,8K 0xc000000,-4K 0xc000000,0x10000000000000000; do
	"$SMMUMAN" --foreground --probe "$out/p" --table-memory "$tm" "$out/sp.smmub" \
		>/dev/null 2>"$out/tm.err"
	st=$?
	[ $st -eq 1 ] && [ "$(cat "$out/tm.err")" = "smmuman: bad --table-memory '$tm': expected PADDR,LEN, both 4 KiB aligned, LEN not 0, PADDR+LEN within 64 bits" ] &&
		ok || bad "--table-memory $tm: status $st, $(cat "$out/tm.err")"
done

# --- late-bound grants: answered as bound ---------------------------------
"$SMMUCC" --late-bind -o "$out/late.smmub" samples/myx86.smmu 2>/dev/null || exit 1
"${DTC:-dtc}" -q -I dts -O dtb -o "$out/myx86.dtb" tests/daemon/myx86.dts || exit 1
printf 'pci:2:0.1 0x7d000000 w\npci:0:18.0 0x7c000000 r\n' >"$out/late.p"
printf 'allow ixgbe samples/myx86.smmu:18\nallow smbs0 samples/myx86.smmu:11\n' >"$out/late.want"
"$SMMUMAN" --foreground --probe "$out/late.p" --asinfo "$out/myx86.dtb" --log-file "$out/log" \
	"$out/late.smmub" >"$out/late.out" 2>/dev/null
cmp -s "$out/late.out" "$out/late.want" && ok || bad "late probes: $(cat "$out/late.out")"
[ "$("$SMMUCC" --query 'pci:2:0.1 0x7d000000 w' "$out/late.smmub")" = \
	'late pci:2:0.1 0x7d000000 w: the answer depends on the late-bound grants of allow ixgbe, bound at boot' ] &&
	ok || bad "late query: $("$SMMUCC" --query 'pci:2:0.1 0x7d000000 w' "$out/late.smmub")"

# --- -v: one stamp per phase of the start-up, in its order, the background's
# --- last (the exec is main()'s start: every figure counts from it) ------------
"$SMMUMAN" -v --run-for 1 --log-file "$out/phases.log" "$out/sp.smmub" 2>/dev/null
st=$?
# the starting process returns once translation is on: the daemon says the rest
wait_for "$out/phases.log" 'phase daemon detached' || bad "no 'daemon detached' phase"
sed -n 's/^smmuman\[[0-9]*\]: debug: phase \([a-z ]*\): [0-9]* us after exec (monotonic [0-9]* us)$/\1/p' \
	"$out/phases.log" >"$out/phases"
printf '%s\n' 'log open' 'blob read and checked' 'units found' 'tables installed' enabling \
	'translation on' 'daemon detached' | cmp -s - "$out/phases" && [ $st -eq 0 ] && ok ||
	bad "phases (status $st): $(tr '\n' , <"$out/phases")"
# each later than the one before, on the same clock
sed -n 's/.*phase [a-z ]*: \([0-9]*\) us after exec (monotonic \([0-9]*\) us)$/\1 \2/p' \
	"$out/phases.log" | awk 'NR > 1 && ($1 < a || $2 < m || $2 - $1 != d) { bad = 1 }
	{ a = $1; m = $2; if (NR == 1) d = $2 - $1 } END { exit bad || NR != 7 }' && ok ||
	bad "phase stamps out of order or off one clock: $(cat "$out/phases.log")"

# --- the privilege drop seals: empty bounding set, no_new_privs ---------------
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	"$SMMUCC" -e 'user nobody' -o "$out/user.smmub" samples/shared-perms.smmu || exit 1
	"$SMMUMAN" --foreground --run-for 30 --poll-ms 20 --log-file "$out/user.log" \
		"$out/user.smmub" 2>/dev/null &
	pid=$!
	wait_for "$out/user.log" 'translation enabled' || bad "user: no start-up"
	grep -E '^(CapBnd|NoNewPrivs):' /proc/$pid/status >"$out/user.status"
	kill -TERM $pid
	wait $pid
	printf 'CapBnd:\t0000000000000000\nNoNewPrivs:\t1\n' | cmp -s - "$out/user.status" && ok ||
		bad "after the drop: $(cat "$out/user.status")"
else
	echo "SKIP: the privilege drop needs root and a user nobody"
fi
finish
