/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuman's unit backends: where the units come from and how their
 * registers and table memory are reached. "sim" is the software VT-d unit
 * (the built-in default and the tests' referee); "vtd" is real hardware
 * through /dev/mem. Everything above this seam is the same for both.
 */
#ifndef SMMU_BACKEND_H
#define SMMU_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob.h"
#include "unit_io.h"

#define RT_MAX_UNITS 8
#define RT_MAX_RMRRS 64

/* A firmware reserved region (ACPI RMRR) for one requester id. */
struct rt_rmrr {
	uint64_t base, limit; /* inclusive */
	uint16_t sid;
};

struct rt_unit {
	char name[40];     /* the policy's unit name, or the firmware's */
	uint64_t reg_base;
	struct unit_io io;
	void *priv;        /* the backend's */
};

struct backend_args {
	uint64_t table_phys, table_len; /* --table-memory */
	const char *sim;                /* --sim OPTIONS (sim backend) */
	const char *dmar;               /* --dmar FILE (vtd backend) */
	bool guest;                     /* unit lines of the policy are ignored */
};

struct backend {
	const char *name;      /* as given to --backend */
	const char *component; /* its name in `safety LEVEL COMPONENT` */
	bool safety_variant;
	/* all units reach one physical table memory (install the tables once) */
	bool shared_table_memory;
	/*
	 * Finds and opens the units for policy v (NULL when the blob is bad:
	 * then only the units the platform itself reports, so they can be
	 * blocked). Returns how many were opened, or -1 with the reason. A
	 * unit the policy expects but the platform lacks is named in why while
	 * the others are still returned, so they can be blocked.
	 */
	int (*open)(const struct backend_args *a, const struct smmub_view *v, struct rt_unit *u,
		    size_t cap, char *why, size_t whylen);
	void (*close)(struct rt_unit *u, size_t n);
	/*
	 * Sends a one-byte DMA through unit u (the sim only; NULL for real
	 * hardware): 0 completed, 1 blocked by the unit.
	 */
	int (*dma)(struct rt_unit *u, uint16_t sid, uint64_t addr, bool write);
	/* The firmware's reserved regions found by open (NULL: none). */
	size_t (*firmware_reserved)(const struct rt_rmrr **out);
	/* Which unit receives requests of sid, or -1 (the sim: its only unit). */
	int (*unit_for)(struct rt_unit *u, size_t n, const struct smmub_view *v, uint16_t sid);
};

/*
 * The VT-d units the policy declares (unit lines under smmu vtd): name and
 * register base into u[0..cap). Returns how many; 0 for a NULL policy.
 */
int backend_policy_units(const struct smmub_view *v, struct rt_unit *u, size_t cap);

/*
 * Reads the ACPI DMAR table at path: its DRHD units into u (may be NULL)
 * and every RMRR device scope into r (one entry per device named). Returns
 * the number of units, or -1 with the reason.
 */
int backend_read_dmar(const char *path, struct rt_unit *u, size_t ucap, struct rt_rmrr *r,
		      size_t rcap, size_t *nr, char *why, size_t whylen);

extern const struct backend backend_sim;
extern const struct backend backend_vtd;

#endif
