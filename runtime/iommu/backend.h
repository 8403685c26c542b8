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
#include "blob/blob.h"
#include "vtd/dmar.h"
#include "iommu/unit_io.h"

/*
 * The simulated platform's largest unit count (--sim units=N). Real units
 * have no such bound: as many as the policy or the DMAR table names.
 */
#define RT_SIM_MAX_UNITS 1024

/* A firmware reserved region (ACPI RMRR) for one requester id of segment 0. */
struct rt_rmrr {
	uint64_t base, limit; /* inclusive */
	uint16_t sid;
};

struct rt_unit {
	char name[40];     /* the policy's unit name, or the firmware's */
	uint64_t reg_base;
	uint16_t segment;  /* PCI segment (DRHD); the policy's units are on 0 */
	bool blocked;      /* by the Design Safe State */
	struct unit_io io;
	void *priv;        /* the backend's */
};

/* What an ACPI DMAR table tells smmuman: arrays are malloc'ed, sized from the table. */
struct rt_firmware {
	struct rt_unit *units;  /* one per DRHD, in table order */
	size_t nunits;
	struct rt_rmrr *rmrrs;  /* one per PCI endpoint an RMRR names on segment 0 */
	size_t nrmrrs;
	/* RMRR endpoints on another segment: not granted (the first is named) */
	size_t other_segment;
	uint16_t other_seg;
	uint64_t other_base, other_limit;
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
	 * blocked), every one of them, into a new array *u (the caller frees
	 * it after close). Returns how many were opened, or -1 with the reason.
	 * A unit the policy expects but the platform lacks is named in why
	 * while the others are still returned, so they can be blocked.
	 */
	int (*open)(const struct backend_args *a, const struct smmub_view *v, struct rt_unit **u,
		    char *why, size_t whylen);
	/* Closes the n units of u; also frees what open kept (RMRRs). */
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
 * The VT-d units the policy declares (unit lines under smmu vtd), name and
 * register base, into a new array *u (NULL when there is none). Returns
 * how many, 0 for a NULL policy, or -1 when out of memory.
 */
int backend_policy_units(const struct smmub_view *v, struct rt_unit **u);

/* The largest ACPI DMAR table read (bytes). */
#define RT_DMAR_MAX_BYTES (1u << 20)

/*
 * Reads the ACPI DMAR table at path to its end (a sysfs file, a pipe) and
 * fills fw: every DRHD, every RMRR device scope (one entry per endpoint),
 * all of them, whatever their number. sec resolves scope paths through
 * bridges (NULL: such a path is an error). Returns 0, or -1 with the
 * reason (fw is then empty).
 */
int backend_read_dmar(const char *path, dmar_secondary_bus_fn sec, void *sec_arg,
		      struct rt_firmware *fw, char *why, size_t whylen);
void backend_firmware_free(struct rt_firmware *fw);
/* The warning for RMRRs ignored on other segments into buf; false: none. */
bool backend_other_segment(const struct rt_firmware *fw, char *buf, size_t len);

extern const struct backend backend_sim;
extern const struct backend backend_vtd;

#endif
