#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Builds a gzip'd newc initramfs for the QEMU end-to-end tests: busybox-static
# with its applet links, a generated /init that mounts the pseudo file systems,
# runs one case script and powers the guest off, the case scripts' helpers
# (guest-case.sh as /lib/case.sh), plus the files given.
#
# usage: mkinitramfs.sh OUTPUT CASE-SCRIPT [SRC[:DEST]]...
#   OUTPUT       the .cpio.gz to write
#   CASE-SCRIPT  shell script run by /init as /case.sh
#   SRC[:DEST]   a file to include; DEST is its absolute path in the image
#                (default /bin/<basename of SRC>)
# Environment: BUSYBOX (default /bin/busybox; must be statically linked),
#   BUSYBOX_HOST (lists the applets when BUSYBOX is another architecture's).
# Exit status: 0 built, 1 a usage or input error, 2 a tool failed.
set -u

die() {
	echo "mkinitramfs: $1" >&2
	exit "${2:-1}"
}

[ $# -ge 2 ] || die "usage: mkinitramfs.sh OUTPUT CASE-SCRIPT [SRC[:DEST]]..."
out=$1
case_script=$2
shift 2
busybox=${BUSYBOX:-/bin/busybox}

[ -f "$case_script" ] || die "case script '$case_script' not found"
[ -x "$busybox" ] || die "busybox '$busybox' not found (Debian: apt-get install busybox-static)"
if command -v file >/dev/null 2>&1; then
	file -L "$busybox" | grep -q 'statically linked' ||
		die "'$busybox' is not statically linked (install busybox-static)"
fi
command -v cpio >/dev/null 2>&1 || die "cpio not found (Debian: apt-get install cpio)"

stage=$(mktemp -d "${TMPDIR:-/tmp}/initramfs.XXXXXX") || die "mktemp failed" 2
trap 'rm -rf "$stage" "$stage.list" "$stage.cpio"' EXIT INT TERM

mkdir -p "$stage/bin" "$stage/sbin" "$stage/proc" "$stage/sys" "$stage/dev" \
	"$stage/tmp" "$stage/data" || die "cannot populate $stage" 2
cp "$busybox" "$stage/bin/busybox" || die "cannot copy busybox" 2
# A busybox of another architecture (the aarch64 guest's) cannot list its
# applets here: the host's busybox of the same Debian release does.
applets=$("$busybox" --list 2>/dev/null) || applets=$("${BUSYBOX_HOST:-/bin/busybox}" --list) ||
	die "cannot list the applets of $busybox (set BUSYBOX_HOST)"
for applet in $applets; do
	[ "$applet" = busybox ] && continue
	[ -e "$stage/bin/$applet" ] || ln -s busybox "$stage/bin/$applet"
done
cp "$case_script" "$stage/case.sh" || die "cannot copy $case_script" 2
mkdir -p "$stage/lib" && cp "$(dirname "$0")/guest-case.sh" "$stage/lib/case.sh" ||
	die "cannot copy guest-case.sh" 2

for spec in "$@"; do
	src=${spec%%:*}
	if [ "$src" = "$spec" ]; then
		dest=/bin/$(basename "$src")
	else
		dest=${spec#*:}
	fi
	case $dest in
	/*) ;;
	*) die "destination '$dest' for '$src' must be absolute" ;;
	esac
	[ -f "$src" ] || die "file '$src' not found"
	mkdir -p "$stage$(dirname "$dest")" || die "cannot create $(dirname "$dest")" 2
	cp "$src" "$stage$dest" || die "cannot copy $src" 2
done

# The kernel may find no /dev/console in the image (we cannot mknod as a
# normal user), so /init reopens its standard streams once devtmpfs is up.
cat >"$stage/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
export PATH=/bin:/sbin
echo "E2E-INIT uptime=$(cut -d' ' -f1 /proc/uptime)"
sh /case.sh
echo "E2E-DONE status=$?"
sync
poweroff -f
INIT
chmod 755 "$stage/init" "$stage/case.sh" || die "chmod failed" 2

# Sorted names, root ownership, time 0: the image depends only on its inputs.
tmp_out="$out.tmp.$$"
find "$stage" -exec touch -h -d @0 {} + || die "touch failed" 2
(cd "$stage" && find . -print | LC_ALL=C sort >"$stage.list" &&
	cpio -o -H newc -R 0:0 --renumber-inodes --ignore-devno --quiet <"$stage.list" >"$stage.cpio") ||
	{ rm -f "$stage.list" "$stage.cpio"; die "cpio failed" 2; }
gzip -9 -n <"$stage.cpio" >"$tmp_out" ||
	{ rm -f "$stage.list" "$stage.cpio" "$tmp_out"; die "gzip failed" 2; }
rm -f "$stage.list" "$stage.cpio"
mv "$tmp_out" "$out" || die "cannot write $out" 2
exit 0
