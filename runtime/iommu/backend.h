/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How smmuman reaches an architecture's units: an access method, chosen
 * with --backend. "sim" is the architecture's software unit (the built-in
 * default and the tests' referee); "devmem" is real hardware through
 * /dev/mem, its units found by the architecture's firmware discovery or
 * the policy's unit lines. Everything above this seam is the same for both.
 */
#ifndef SMMU_BACKEND_H
#define SMMU_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"
#include "iommu/unit_io.h"

enum backend_kind { BACKEND_SIM, BACKEND_DEVMEM, BACKEND_NKINDS };

/*
 * The simulated platform's largest unit count (--sim units=N). Real units
 * have no such bound: as many as the policy or the firmware names.
 */
#define RT_SIM_MAX_UNITS 1024

/* A firmware reserved region (ACPI RMRR, IORT RMR) for one requester or stream id. */
struct rt_rmrr {
	uint64_t base, limit; /* inclusive */
	uint32_t sid;
};

struct rt_unit {
	char name[40];     /* the policy's unit name, or the firmware's */
	uint64_t reg_base;
	uint16_t segment;  /* PCI segment (DRHD); the policy's units are on 0 */
	bool blocked;      /* by the Design Safe State */
	struct unit_io io;
	void *priv;        /* the backend's */
	void *caps;        /* the architecture's (unit_probe), opaque above it */
};

struct backend_args {
	uint64_t table_phys, table_len; /* --table-memory */
	const char *sim;                /* --sim OPTIONS (sim backend) */
	const char *firmware;           /* --dmar FILE: the firmware table to read */
	const char *board;              /* --board FILE: the simulated board's device tree */
	bool guest;                     /* unit lines of the policy are ignored */
};

struct backend {
	const char *name;      /* as given to --backend */
	const char *component; /* its name in `safety LEVEL COMPONENT` */
	/*
	 * A software model, never a safety component; otherwise the driver is
	 * built into smmuman and is a safety variant when smmuman is one.
	 */
	bool model;
	/* all units reach one physical table memory (install the tables once) */
	bool shared_table_memory;
	/*
	 * Finds and opens the units for policy v (NULL when the blob is bad:
	 * then only the units the platform itself reports, so they can be
	 * blocked), every one of them, into a new array *u (the caller frees
	 * it after close). Returns how many were opened, or -1 with the reason.
	 * A unit the policy expects but the platform lacks is named in why
	 * while the others are still returned, so they can be blocked.
	 */
	int (*open)(const struct backend_args *a, const struct smmub_view *v, struct rt_unit **u,
		    char *why, size_t whylen);
	/* Closes the n units of u; also frees what open kept (reserved regions). */
	void (*close)(struct rt_unit *u, size_t n);
	/*
	 * Sends a one-byte DMA through unit u (the sim only; NULL for real
	 * hardware): 0 completed, 1 blocked by the unit.
	 */
	int (*dma)(struct rt_unit *u, uint32_t sid, uint64_t addr, bool write);
	/* The firmware's reserved regions found by open (NULL: none). */
	size_t (*firmware_reserved)(const struct rt_rmrr **out);
	/* Which unit receives requests of sid, or -1 (the sim: its only unit). */
	int (*unit_for)(struct rt_unit *u, size_t n, const struct smmub_view *v, uint32_t sid);
};

/*
 * The units the policy declares for smmu type `type` (its unit lines), name
 * and register base, into a new array *u (NULL when there is none).
 * Returns how many, 0 for a NULL policy, or -1 when out of memory.
 */
int backend_policy_units(const struct smmub_view *v, uint32_t type, struct rt_unit **u);

#endif
