/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tables at boot: what every architecture needs before its tables go in
 * (the grow-heap reserve, the firmware's reserved regions, the CRC, late
 * names bound, grants kept off table memory); then the architecture puts
 * them in table memory (iommu_arch.tables_install).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/boot_int.h"
#include "iommu/devmem.h"
#include "iommu/fdt_regions.h"
#include "daemon/log.h"
#include "util/readall.h"

/* The device tree for late binding, read once and indexed once. */
struct late_fdt {
	void *buf;
	size_t len;
	const char *path;
	struct fdt_region_index *ix;
};

/* Every late name of the blob: one lookup each, not one walk of the tree each. */
static int late_lookup(void *arg, const char *name, uint64_t *start, uint64_t *length)
{
	struct late_fdt *f = arg;

	if (!f->buf)
		return -1;
	return fdt_region_answer(f->ix, name, start, length);
}

/* The live device tree is tens of KiB used of what may be 1 MiB (read_fdt_max). */
#define LATE_FDT_MAX_BYTES (64u << 20)

/* 0, or the Design Safe State naming the device tree that cannot be read */
static int late_load(struct boot *b, struct late_fdt *f)
{
	f->buf = read_fdt_max(f->path, LATE_FDT_MAX_BYTES, &f->len);
	if (f->buf && !f->len) {
		free(f->buf);
		f->buf = NULL;
		errno = ENODATA;
	}
	if (!f->buf)
		return boot_refuse(b, BOOT_DSS_LATE, "cannot read the device tree %s: %s", f->path,
				errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
	/* a blob that is no valid tree has no region: every name stays unresolved */
	if (fdt_region_index(f->buf, f->len, &f->ix, NULL, NULL))
		f->ix = NULL;
	return 0;
}

/* The whole blob's CRC, where no copy reads it anyway. */
static int check_crc(struct boot *b)
{
	const struct smmub_header *h = (const void *)b->v.base;

	if (!b->crc_ok && smmub_compute_crc(b->v.base, b->v.size) != smmub_le32(h->crc32c))
		return boot_refuse(b, BOOT_DSS_BLOB, "policy blob %s: %s at offset %zu",
				b->o.blob_path, smmub_strerror(-SMMUB_ERR_BADCRC),
				offsetof(struct smmub_header, crc32c));
	b->crc_ok = true;
	return BOOT_OK;
}

int boot_tables(struct boot *b)
{
	const struct smmub_settings *st = smmub_settings(&b->v);
	uint64_t reserve = smmub_le32(st->flags) & SMMUB_SET_GROW_HEAP ? smmub_le64(st->grow_heap)
								       : 0;
	struct late_fdt fdt = { .path = b->o.asinfo ? b->o.asinfo : "/sys/firmware/fdt" };
	struct iommu_tables_out out = { 0 };
	struct iommu_tables_in in = {
		.v = &b->v, .blob_path = b->o.blob_path, .units = b->units,
		.nunits = (size_t)b->nunits, .shared_table_memory = b->be->shared_table_memory,
		.reserve = reserve, .guest = b->o.args.guest,
		.late = (b->v.flags & SMMUB_F_LATE_BOUND) != 0, .lookup = late_lookup,
		.lookup_arg = &fdt, .lookup_from = fdt.path,
	};
	int rc;

	if (reserve) {
		/*
		 * grow-heap: the runtime's own pool, carved off the end and touched
		 * now, with aligned stores from an 8-byte boundary at or below it:
		 * table memory is Device memory on arm64 (the tables are written
		 * after this, so the few bytes below the pool are no loss).
		 */
		uint64_t heap = (b->units[0].io.table_size - reserve) & ~(uint64_t)7;

		if (reserve >= b->units[0].io.table_size)
			return boot_refuse(b, BOOT_DSS_TABLE_MEMORY,
					"grow-heap %llu bytes does not fit in %llu bytes of table memory",
					(unsigned long long)reserve,
					(unsigned long long)b->units[0].io.table_size);
		iommu_tmem_zero(b->units[0].io.table_mem + heap, b->units[0].io.table_size - heap);
		log_msg(LOG_LVL_INFO, "grow-heap: reserved %llu bytes of table memory",
			(unsigned long long)reserve);
	}
	if (!in.guest && b->be->firmware_reserved)
		in.nreserved = b->be->firmware_reserved(&in.reserved);
	if (in.nreserved)
		log_msg(LOG_LVL_INFO, "firmware reserves %zu region%s (RMRR): the tables are built "
			"at boot with them", in.nreserved, in.nreserved == 1 ? "" : "s");
	/* the records decide what is refused: their CRC first, then the grants as bound */
	if ((rc = check_crc(b)))
		return rc;
	if (in.late && (rc = late_load(b, &fdt)))
		return rc;
	/* kept for --probe: its answers come from the tree the boot bound names from */
	b->late_fdt = fdt.buf;
	b->late_ix = fdt.ix;
	b->late_fdt_len = fdt.len;
	if ((rc = boot_check_table_memory(b, late_lookup, &fdt, in.reserved, in.nreserved)))
		return rc;
	rc = b->arch->tables_install(&in, &out);
	if (rc)
		return boot_refuse(b, rc, "%s", out.why);
	b->pool_first = out.used;
	b->built_domains = out.built_domains;
	return BOOT_OK;
}
