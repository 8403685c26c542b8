#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The built libsmmu: the shared library's soname and its exported symbols
# (the seeds' API, nothing of conn or proto), the static library's members
# (libsmmu, conn, proto: nothing else of libsmmurt), smmu.pc, and a
# program linked against libsmmu.so.1 failing as documented without a daemon.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
b=$top_builddir
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/shlib.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

check() { # name expected actual
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf 'FAIL: %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$3"
	fi
}

check soname 'libsmmu.so.1' \
	"$(readelf -d "$b/client/libsmmu.so.1" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
check exported 'smmu_device_add_generic@@LIBSMMU_1
smmu_device_report_reserved@@LIBSMMU_1
smmu_fini@@LIBSMMU_1
smmu_init@@LIBSMMU_1
smmu_mapping_add@@LIBSMMU_1
smmu_obj_create@@LIBSMMU_1
smmu_obj_destroy@@LIBSMMU_1
smmu_safety@@LIBSMMU_1
smmu_xfer_fd@@LIBSMMU_1
smmu_xfer_notify@@LIBSMMU_1
smmu_xfer_status@@LIBSMMU_1' \
	"$(nm -D --defined-only "$b/client/libsmmu.so.1" | awk '$2 != "A" { print $3 }' | LC_ALL=C sort)"
check members 'client_libsmmu_a-proto.o
libsmmu_a-conn.o
libsmmu_a-libsmmu.o' "$(ar t "$b/client/libsmmu.a" | LC_ALL=C sort)"
check smmu.pc 'Name: smmu
Libs: -L${libdir} -lsmmu
Cflags: -I${includedir}' "$(grep -E '^(Name|Libs|Cflags):' "$b/client/smmu.pc")"

SMMUMAN_SOCKET=$tmp/none.sock "$b/tests/client/dynlink" >"$tmp/out" 2>&1
check dynlink "smmu_init -1 ENOENT
smmu_init(1) -1 EINVAL
smmu_safety -1 ENOENT
smmu_xfer_fd -1 ENOTCONN
smmu_device_add_pci -1 ENOTCONN
smmu_mapping_add -1 EINVAL
smmu_device_report_reserved -1 EINVAL" "$(cat "$tmp/out")"
check dynlink-needs 'libsmmu.so.1' \
	"$(readelf -d "$b/tests/client/dynlink" | sed -n 's/.*(NEEDED).*\[\(libsmmu[^]]*\)\]/\1/p')"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
