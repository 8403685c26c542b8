/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dmardump: print the remapping units and reserved regions of an ACPI DMAR
 * table (default /sys/firmware/acpi/tables/DMAR) with runtime/vtd/dmar.c, and
 * with -r map each unit through runtime/vtd/vtd_hw.c and decode its version and
 * capability registers. Read-only: nothing is written to any register.
 *
 *   dmardump [-r] [FILE]
 *
 * Exit status: 0 ok, 1 the table is malformed, 2 usage or I/O error, 3 a
 * unit's registers could not be mapped.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vtd/dmar.h"
#include "util/readall.h"
#include "vtd/vtd_hw.h"
#include "vtd/vtd_regs.h"

#define MAX_BYTES	(1u << 20)	/* as smmuman reads it */
#define PCI_SECONDARY_BUS 0x19

/* Reads a bridge's secondary bus number from its sysfs config file. */
static int sysfs_secondary_bus(void *arg, uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn)
{
	char path[128];
	uint8_t sec;
	int fd;
	ssize_t n;

	(void)arg;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%04x:%02x:%02x.%x/config", seg, bus,
		 dev, fn);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = pread(fd, &sec, 1, PCI_SECONDARY_BUS);
	close(fd);
	return n == 1 ? sec : -1;
}

static void print_scopes(const char *owner, size_t idx, const struct dmar_scope *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("SCOPE %s=%zu %s id=%u %04x:%02x:%02x.%x path=%u\n", owner, idx,
		       dmar_scope_type_name(s[i].type), s[i].enum_id, s[i].segment, s[i].bus,
		       s[i].dev, s[i].fn, s[i].path_len);
}

static unsigned field(uint64_t v, unsigned shift, uint64_t mask)
{
	return (unsigned)((v >> shift) & mask);
}

static int dump_regs(size_t idx, uint64_t base)
{
	struct unit_io io;
	char err[256];
	uint64_t cap, ecap;
	uint32_t ver, gsts;

	if (vtd_hw_open(base, 0, 0, &io, err, sizeof(err)) != 0) {
		fprintf(stderr, "dmardump: unit %zu: %s\n", idx, err);
		return -1;
	}
	ver = io.read32(io.ctx, VTD_REG_VER);
	cap = io.read64(io.ctx, VTD_REG_CAP);
	ecap = io.read64(io.ctx, VTD_REG_ECAP);
	gsts = io.read32(io.ctx, VTD_REG_GSTS);
	printf("REGS unit=%zu base=0x%" PRIx64 " ver=%u.%u cap=0x%016" PRIx64
	       " ecap=0x%016" PRIx64 " gsts=0x%08" PRIx32 "\n", idx, base, VTD_VER_MAJOR(ver),
	       VTD_VER_MINOR(ver), cap, ecap, gsts);
	printf("CAPS unit=%zu sagaw=0x%x mgaw=%u nd=%u fro=0x%x nfr=%u sllps=0x%x cm=%d "
	       "rwbf=%d psi=%d iro=0x%x qi=%d ir=%d pt=%d sc=%d\n",
	       idx, field(cap, VTD_CAP_SAGAW_SHIFT, VTD_CAP_SAGAW_MASK),
	       field(cap, VTD_CAP_MGAW_SHIFT, VTD_CAP_MGAW_MASK) + 1,
	       field(cap, VTD_CAP_ND_SHIFT, VTD_CAP_ND_MASK),
	       field(cap, VTD_CAP_FRO_SHIFT, VTD_CAP_FRO_MASK) * 16,
	       field(cap, VTD_CAP_NFR_SHIFT, VTD_CAP_NFR_MASK) + 1,
	       field(cap, VTD_CAP_SLLPS_SHIFT, 0xf), field(cap, 7, 1), field(cap, 4, 1),
	       field(cap, 39, 1), field(ecap, 8, 0x3ff) * 16, field(ecap, 1, 1),
	       field(ecap, 3, 1), field(ecap, 6, 1), field(ecap, 7, 1));
	vtd_hw_close(&io);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = "/sys/firmware/acpi/tables/DMAR";
	struct dmar_info info;
	uint8_t *buf;
	size_t n = 0, off;
	int opt, regs = 0, rc;

	while ((opt = getopt(argc, argv, "r")) != -1) {
		if (opt != 'r') {
			fprintf(stderr, "usage: dmardump [-r] [FILE]\n");
			return 2;
		}
		regs = 1;
	}
	if (optind + 1 < argc) {
		fprintf(stderr, "usage: dmardump [-r] [FILE]\n");
		return 2;
	}
	if (optind < argc)
		path = argv[optind];
	/* sysfs gives a page per read(), a pipe what is there: read to the end */
	buf = (uint8_t *)read_file_max(path, MAX_BYTES, &n);
	if (!buf) {
		fprintf(stderr, "dmardump: %s: %s\n", path, strerror(errno));
		return 2;
	}

	/* a counting pass, then arrays of the table's own size */
	memset(&info, 0, sizeof(info));
	info.secondary_bus = sysfs_secondary_bus;
	rc = dmar_parse(buf, n, &info, &off);
	if (rc == -DMAR_ERR_NOSPACE) {
		info.units = calloc(info.n_units + 1, sizeof(*info.units));
		info.rmrrs = calloc(info.n_rmrrs + 1, sizeof(*info.rmrrs));
		info.scopes = calloc(info.n_scopes + 1, sizeof(*info.scopes));
		if (!info.units || !info.rmrrs || !info.scopes) {
			fprintf(stderr, "dmardump: out of memory\n");
			return 2;
		}
		info.units_cap = info.n_units;
		info.rmrrs_cap = info.n_rmrrs;
		info.scopes_cap = info.n_scopes;
		rc = dmar_parse(buf, n, &info, &off);
	}
	free(buf);
	if (rc < 0) {
		fprintf(stderr, "dmardump: %s: %s at offset %zu\n", path, dmar_strerror(rc), off);
		return 1;
	}
	printf("DMAR len=%" PRIu32 " rev=%u oem='%s' haw=%u flags=0x%02x units=%zu rmrrs=%zu "
	       "skipped=%zu\n", info.table_len, info.revision, info.oem_id, info.haw, info.flags,
	       info.n_units, info.n_rmrrs, info.n_skipped);
	for (size_t i = 0; i < info.n_units; i++) {
		const struct dmar_unit *u = &info.units[i];

		printf("UNIT %zu base=0x%" PRIx64 " seg=%u include_all=%d scopes=%zu\n", i,
		       u->reg_base, u->segment, u->include_all, u->n_scopes);
		print_scopes("unit", i, info.scopes + u->first_scope, u->n_scopes);
	}
	for (size_t i = 0; i < info.n_rmrrs; i++) {
		const struct dmar_rmrr *r = &info.rmrrs[i];

		printf("RMRR %zu base=0x%" PRIx64 " limit=0x%" PRIx64 " seg=%u scopes=%zu\n", i,
		       r->base, r->limit, r->segment, r->n_scopes);
		print_scopes("rmrr", i, info.scopes + r->first_scope, r->n_scopes);
	}
	rc = 0;
	for (size_t i = 0; regs && i < info.n_units; i++)
		if (dump_regs(i, info.units[i].reg_base) != 0)
			rc = 3;
	free(info.units);
	free(info.rmrrs);
	free(info.scopes);
	return rc;
}
