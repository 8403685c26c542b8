# SPDX-License-Identifier: BSD-2-Clause
#
# Bring-up cases, run by /init inside the test guest (busybox sh). The kernel
# command line passes e2e_aw (VT-d address width QEMU was given) and e2e_mode
# (full: DMA and unit cases; caps: unit cases only) as environment variables.
# Each case prints its output indented, then its CASE line (guest-case.sh).
# Memory: the carve-out is 0xc000000-0xcffffff; table memory uses the first
# 8 MiB, DMA targets and edudma's staging area (0xc800000) the rest.

# The case functions are called through run_case, which shellcheck cannot see.
# shellcheck disable=SC2317

# shellcheck source=tests/e2e/guest-case.sh
. /lib/case.sh

aw=${e2e_aw:-48}
mode=${e2e_mode:-full}

# Fails with a message unless every pattern occurs in the text on stdin.
expect_all() {
	text=$(cat)
	echo "$text"
	for pat in "$@"; do
		echo "$text" | grep -q -e "$pat" || { echo "missing: $pat"; return 1; }
	done
}

dmar_case() {
	dmardump | expect_all '^UNIT 0 base=0xfed90000 seg=0 ' \
		'^SCOPE unit=0 pci-endpoint id=0 0000:00:04.0 path=1$' "haw=$aw "
}

regs_case() {
	case $aw in
	39) sagaw=0x2 ;;
	*) sagaw=0x6 ;;
	esac
	# Translation is off (GSTS 0); one fault record at 0x220 (QEMU facts).
	dmardump -r | expect_all '^REGS unit=0 base=0xfed90000 ver=1\.0 ' 'gsts=0x00000000$' \
		"^CAPS unit=0 sagaw=$sagaw mgaw=$aw " ' fro=0x220 nfr=1 '
}

# Inverts a command's status: proves a checker can say "no".
not() {
	! "$@"
}

echo "E2E-CASES aw=$aw mode=$mode"
run_case dmar-parse dmar_case
run_case vtd-regs regs_case
if [ "$mode" = full ]; then
	run_case edu-list edudma list
	run_case edu-write-te-off edudma auto write 0xc900000 4095 0x5a
	run_case edu-read-te-off edudma auto read 0xc901000 4095 0x3c
	run_case edu-write-unaligned edudma 00:04.0 write 0xc902123 100 0x11
	# With translation off the data arrives, so "expect blocked" must fail.
	run_case edu-not-blocked not edudma -b auto write 0xc903000 64 0x22
fi
exit 0
