/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bootbench's subject, shared by its VT-d path (bootbench.c, the VT-d calls
 * as they were measured before there were architectures) and its path
 * through an architecture's entry (bootbench_arch.c, the calls smmuman's
 * boot makes: -A smmuv3).
 */
#ifndef SMMU_BENCH_BOOTBENCH_H
#define SMMU_BENCH_BOOTBENCH_H

#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"
#include "iommu/unit_io.h"
#include "vtd/vtd_blob.h"

struct bb_arch;

struct subject {
	unsigned n;
	char path[4096];
	void *blob;		  /* compiled with tables */
	size_t len;
	struct smmub_view v;
	size_t npages, nrelocs;	  /* of the prebuilt tables */
	uint8_t *pages;           /* the table bytes, expanded once: a's source */
	void *copy;               /* r's destination */
	uint8_t *mem;		  /* table memory: a's and z's destination */
	/* the VT-d path */
	struct vtd_tables_view t;
	struct vtd_sim *sim;
	struct unit_io io;
	/* the architecture's path (NULL: the VT-d path) */
	struct bb_arch *arch;
};

/* The first region of the PCI function rid, in *start: 0, or -1 when it has none. */
int bb_first_region(const struct smmub_view *v, uint32_t rid, uint64_t *start);

/*
 * Compiles s->path with smmucc's --profile value profile (NULL: the
 * policy's default) and opens its architecture's simulated unit through
 * the architecture's sim backend (sim: its --sim options), table memory
 * sized for the tables. 0, or -1 after saying why.
 */
int bb_arch_setup(struct subject *s, const char *profile, const char *sim);
void bb_arch_free(struct subject *s);
/* Before each run: the unit as after a reset, its table memory stale. */
void bb_arch_reset(struct subject *s);
/* b: smmuman's path for the blob (structure, architecture, probe, tables, enable). */
int bb_arch_boot(struct subject *s);
/* c: the policy text compiled without tables, then the same boot (tables built there). */
int bb_arch_parse_boot(struct subject *s);
/* After b or c: device 0's first region translates, a gap faults. */
int bb_arch_translates(struct subject *s);

#endif
