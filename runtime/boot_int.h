/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals of smmuman's boot path, shared by boot*.c. */
#ifndef SMMU_BOOT_INT_H
#define SMMU_BOOT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "boot.h"

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

/* "file:line" of symbol i (a static buffer, two in rotation). */
const char *boot_sym_loc(const struct boot *b, uint32_t i);

/* ---- the unit driver, as boot uses it (boot_drv.c) ---------------------- */
/* 0, or a DSS status with the reason in why */
int drv_probe(struct boot *b, int unit, char *why, size_t whylen);
const struct drv_caps *drv_caps(const struct boot *b, int unit);
int drv_enable(struct boot *b, int unit);          /* root table at table_phys */
int drv_block_all(struct boot *b, int unit);       /* 0 or -1 */

#endif
