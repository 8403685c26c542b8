/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IOMMU architectures, as siblings behind one interface.
 *
 * An architecture is one entry of iommu_arch_table[] (arch.c), keyed by
 * the blob's smmu type (schemas/smmub.h). Everything above this seam,
 * smmucc's lowering and smmuman's boot, fault monitor and Design Safe
 * State, calls an architecture only through its entry: it never sees a
 * register, a table format or a unit's capabilities (u->caps is the
 * architecture's own). HACKING.md says how to add one.
 *
 * Statuses: the ops that can fail return 0 or an IOMMU_DSS_* status, the
 * exit status smmuman documents (man/smmuman.8), with the reason in why.
 */
#ifndef SMMU_IOMMU_ARCH_H
#define SMMU_IOMMU_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "blob/blob.h"
#include "iommu/backend.h"
#include "iommu/fault_fmt.h"
#include "iommu/live.h"
#include "iommu/probe.h"

/* The Design Safe State statuses an architecture can ask for. */
enum iommu_status {
	IOMMU_OK = 0,
	IOMMU_DSS_BLOB = 10,	      /* the blob's tables are refused */
	IOMMU_DSS_NO_UNIT = 11,	      /* a unit's registers are unusable */
	IOMMU_DSS_CAPS = 12,	      /* no table format every unit can walk */
	IOMMU_DSS_LATE = 13,	      /* a late-bound name is unresolved */
	IOMMU_DSS_TIMEOUT = 14,	      /* a register command did not complete */
	IOMMU_DSS_TABLE_MEMORY = 18,  /* table memory missing or too small */
	IOMMU_DSS_INTERNAL = 19,
};

/* Table memory is handed out, held and reserved in pages of this size. */
#define IOMMU_PAGE_SIZE 4096u

/* Leaf sizes, as a mask (the same bits as the blob's SMMUB_VTD_PGSZ_*). */
#define IOMMU_PGSZ_4K 1u
#define IOMMU_PGSZ_2M 2u
#define IOMMU_PGSZ_1G 4u

/* A translation-table format: what the builder makes, what a unit must walk. */
struct iommu_profile {
	unsigned levels;  /* of the page tables */
	unsigned pgsizes; /* IOMMU_PGSZ_* leaves allowed */
	unsigned stage;	  /* two-stage units (SMMU): the stage that translates; else 0 */
	unsigned oas;	  /* output address bits the tables may use; 0: the architecture's */
	bool linear;	  /* SMMUv3: a linear stream table only (no 2-level) */
};

/* Adds one blob section of count elements of size bytes (smmucc's writer). */
typedef int (*iommu_section_fn)(void *ctx, uint32_t id, const void *data, uint32_t count,
				uint32_t size);

/*
 * What an architecture says on its way (a rebuild, a firmware note) goes
 * to the sink smmuman sets; without one it is dropped (smmucc, tests).
 */
enum iommu_log_level { IOMMU_LOG_DEBUG, IOMMU_LOG_INFO, IOMMU_LOG_WARN };
void iommu_set_log(void (*sink)(int level, const char *msg));
void iommu_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* What smmuman's boot hands the architecture to put tables in table memory. */
struct iommu_tables_in {
	const struct smmub_view *v; /* structure and CRC checked */
	const char *blob_path;	    /* for messages */
	struct rt_unit *units;	    /* probed (u->caps set) */
	size_t nunits;
	bool shared_table_memory;   /* every unit reaches one table memory */
	uint64_t reserve;	    /* grow-heap bytes held at the end of table memory */
	bool guest;		    /* a hypervisor guest: the host owns reserved regions */
	bool late;		    /* late-bound names, bound by lookup */
	smmub_asinfo_fn lookup;
	void *lookup_arg;
	const char *lookup_from;    /* where late names come from, for messages */
	const struct rt_rmrr *reserved; /* the firmware's reserved regions */
	size_t nreserved;
};

struct iommu_tables_out {
	uint64_t used;	      /* bytes of table memory the tables fill */
	size_t built_domains; /* domains of tables built at boot (0: prebuilt) */
	char why[512];	      /* the Design Safe State's reason */
};

struct iommu_arch {
	const char *name; /* the smmu type as the language spells it */
	uint32_t type;	  /* enum smmub_smmu_type */

	/* ---- smmucc ---------------------------------------------------- */
	/* --profile values this architecture owns start with this */
	const char *profile_prefix;
	void (*profile_default)(struct iommu_profile *p);
	/* a --profile value: 0, or -1 if it is not one of this architecture's */
	int (*profile_parse)(const char *s, struct iommu_profile *p);
	/*
	 * Builds the tables for the records of v (a validated blob) in format
	 * p, proves them against the records, and adds their sections
	 * through add. Statistics go to verbose (NULL: none). 0, or -1 with
	 * the reason in err (smmucc reports it as an error).
	 */
	int (*tables_build)(const struct smmub_view *v, const struct iommu_profile *p,
			    iommu_section_fn add, void *ctx, FILE *verbose, char *err,
			    size_t errlen);
	/*
	 * Proves the tables of a blob read back (path for messages) as
	 * tables_build proved them. 0 proven (or no tables), 1 a bad blob,
	 * 2 out of memory; the reason in err.
	 */
	int (*tables_prove)(const struct smmub_view *v, const char *path, FILE *verbose,
			    char *err, size_t errlen);

	/* ---- smmuman: units -------------------------------------------- */
	/* how its units are reached: BACKEND_SIM, BACKEND_DEVMEM (NULL: none) */
	const struct backend *backends[BACKEND_NKINDS];
	/*
	 * Reads the unit's capabilities into u->caps (freed by unit_release);
	 * on success why describes them, for the debug log.
	 */
	int (*unit_probe)(struct rt_unit *u, char *why, size_t whylen);
	void (*unit_release)(struct rt_unit *u);
	/* translation on with the tables at table_phys (a live unit: switched) */
	int (*unit_enable)(struct rt_unit *u);
	/* the Design Safe State: every request faults; 0, or -1 if it may not */
	int (*unit_block_all)(struct rt_unit *u);
	bool (*unit_translating)(const struct rt_unit *u);
	/* a restart: the live unit moves to empty tables at table memory offset off */
	int (*unit_block_at)(struct rt_unit *u, uint64_t off);
	/*
	 * Every fault the unit recorded, oldest first, to fn; *overflowed set
	 * when the unit lost some (said once per poll). Returns how many.
	 */
	int (*unit_poll_faults)(struct rt_unit *u, iommu_fault_fn fn, void *arg,
				bool *overflowed);
	const char *overflow_name; /* the unit's flag for lost faults, for the log */

	/* ---- smmuman: tables ------------------------------------------- */
	/*
	 * The prebuilt tables when every unit can walk them, otherwise tables
	 * built at boot in the format every unit supports (one capability
	 * rule, the architecture's), proven before any unit uses them.
	 */
	int (*tables_install)(const struct iommu_tables_in *in, struct iommu_tables_out *out);
	/*
	 * The id a probe's device sends to the unit (an SMMU's StreamID), into
	 * *sid: 0, or -1 when the policy gives it none. NULL: the PCI
	 * requester id, and memory-mapped masters are behind no unit.
	 */
	int (*stream_of)(const struct smmub_view *v, const struct probe *p, uint32_t *sid);

	/* ---- smmuman: live updates for libsmmu clients (iommu/live.h) --- */
	const struct iommu_live_ops *live; /* NULL: clients cannot attach */
};

/* Sets out->why and returns status: a tables_install's refusal. */
int iommu_tables_fail(struct iommu_tables_out *out, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds the table pages' runs (iommu_runs_encode) as section type through add: 0 or -1. */
int iommu_add_runs(iommu_section_fn add, void *ctx, uint32_t type, const uint8_t *pages,
		   size_t npages);

/* Every architecture this build has, in the order `--help` lists them. */
extern const struct iommu_arch *const iommu_arch_table[];

/* The architecture of smmu type t, or NULL if this build has none. */
const struct iommu_arch *iommu_arch_by_type(uint32_t t);
/* The architecture owning --profile value s, or NULL. */
const struct iommu_arch *iommu_arch_by_profile(const char *s);
/* The platform's own architecture: for a policy naming none, or a bad blob. */
const struct iommu_arch *iommu_arch_default(void);

/*
 * The architecture the policy v is for: the type of its smmu lines (all
 * the same), or the default when it has none. NULL when the type has no
 * architecture in this build, or the lines disagree: then why says so,
 * naming the type and the line.
 */
const struct iommu_arch *iommu_arch_for_blob(const struct smmub_view *v, char *why,
					     size_t whylen);

/* "vtd" or "vtd, armsmmuv3": the architectures of this build. */
const char *iommu_arch_names(void);

#endif
