/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals of smmuman's boot path, shared by boot*.c. */
#ifndef SMMU_BOOT_INT_H
#define SMMU_BOOT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "daemon/boot.h"

/* Enters the Design Safe State: blocks every unit, logs "DSS: ...". */
int boot_dss(struct boot *b, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Records why the boot must enter the Design Safe State (b->why) and
 * returns status; boot_run enters it (boot_say.c).
 */
int boot_refuse(struct boot *b, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Installs the prebuilt tables or rebuilds them; BOOT_OK, or a status and b->why. */
int boot_tables(struct boot *b);

/*
 * Refuses a grant (every allow and reserved line as bound, late names by
 * fn) or a firmware RMRR that reaches a unit's table memory: BOOT_OK, or
 * BOOT_DSS_TABLE_MEMORY with b->why naming it (boot_tmem.c).
 */
int boot_check_table_memory(struct boot *b, smmub_asinfo_fn fn, void *arg,
			    const struct rt_rmrr *rr, size_t nrr);

/* "file:line" of symbol i (a static buffer, two in rotation; boot_say.c). */
const char *boot_sym_loc(const struct boot *b, uint32_t i);

/* ---- the units through their architecture (boot_drv.c) ---------------- */
/* 0, or a DSS status with the reason in why */
int drv_probe(struct boot *b, int unit, char *why, size_t whylen);
int drv_enable(struct boot *b, int unit);          /* tables at table_phys */
int drv_block_all(struct boot *b, int unit);       /* 0 or -1 */
/*
 * A restart: if a unit is translating already, every unit's table memory
 * loses its last page, where each translating unit gets empty tables (all
 * its DMA blocked, translation on) until drv_enable switches it to the
 * new tables. 0 or a DSS status.
 */
int drv_hold_restart(struct boot *b);

#endif
