/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seam between a unit driver and the hardware it drives.
 *
 * A driver (runtime/vtd/vtd_drv.c) sees a register window and a window of table
 * memory, nothing else. Two implementations: the real one (runtime/vtd/vtd_hw.c,
 * /dev/mem) and the software model (runtime/vtd/vtd_sim.c), so the same driver
 * code is what the tests referee and what boots on hardware.
 */
#ifndef SMMU_UNIT_IO_H
#define SMMU_UNIT_IO_H

#include <stddef.h>
#include <stdint.h>

struct unit_io {
	void *ctx;
	uint32_t (*read32)(void *ctx, uint32_t off);
	uint64_t (*read64)(void *ctx, uint32_t off);
	void (*write32)(void *ctx, uint32_t off, uint32_t val);
	void (*write64)(void *ctx, uint32_t off, uint64_t val);
	/* Makes CPU writes to [p, p+len) of table memory visible to the unit. */
	void (*flush)(void *ctx, const void *p, size_t len);
	/* Waits about 'us' microseconds while polling a register (may be a no-op). */
	void (*delay_us)(void *ctx, unsigned us);

	uint8_t *table_mem;   /* CPU view of the table memory carve-out */
	uint64_t table_phys;  /* its address as the unit sees it */
	uint64_t table_size;  /* bytes, a multiple of 4096 */
	/*
	 * Bytes after table_size that are table memory all the same, held
	 * back from the tables (a restart: the page the live unit walks).
	 */
	uint64_t table_held;
	uint64_t reg_base;    /* physical register base, for messages */
};

#endif
