/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals of smmuman's boot path, shared by boot*.c. */
#ifndef SMMU_BOOT_INT_H
#define SMMU_BOOT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "daemon/boot.h"
#include "vtd/vtd_policy.h"

/* What boot needs to know of a unit's capabilities. */
struct drv_caps {
	unsigned sagaw; /* VTD_SAGAW_* */
	bool sp2m, sp1g;
};

/* Enters the Design Safe State: blocks every unit, logs "DSS: ...". */
int boot_dss(struct boot *b, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Installs the prebuilt tables or rebuilds them; BOOT_OK or a DSS status. */
int boot_tables(struct boot *b);

/*
 * Refuses a grant (every allow and reserved line as bound, late names by
 * fn) or a firmware RMRR that reaches a unit's table memory: BOOT_OK, or
 * the Design Safe State BOOT_DSS_TABLE_MEMORY naming it (boot_tmem.c).
 */
int boot_check_table_memory(struct boot *b, vtd_asinfo_fn fn, void *arg,
			    const struct rt_rmrr *rr, size_t nrr);

/* "file:line" of symbol i (a static buffer, two in rotation). */
const char *boot_sym_loc(const struct boot *b, uint32_t i);

/* ---- the unit driver, as boot uses it (boot_drv.c) ---------------------- */
/* 0, or a DSS status with the reason in why */
int drv_probe(struct boot *b, int unit, char *why, size_t whylen);
const struct drv_caps *drv_caps(const struct boot *b, int unit);
int drv_enable(struct boot *b, int unit);          /* root table at table_phys */
int drv_block_all(struct boot *b, int unit);       /* 0 or -1 */
/*
 * A restart: if a unit is translating already, every unit's table memory
 * loses its last page, where each translating unit gets an empty root
 * table (all its DMA blocked, TE on) until drv_enable switches it to the
 * new tables. 0 or a DSS status.
 */
int drv_hold_restart(struct boot *b);

#endif
