/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An SMMUv3 translation as the unit performs it (IHI 0070), written apart
 * from the builder and sharing only smmuv3_regs.h with it: STREAMID ->
 * (L1 descriptor ->) STE -> Config -> CD -> TTB0 (stage 1), or -> S2TTB
 * (stage 2), through the levels of a 4 KiB-granule AArch64 LPAE table to
 * a page or block, the permission check, and the event the unit would
 * record. Used by the compiler's proof, the boot-time check and the
 * simulated unit. Reads memory only through smmuv3_mem, bounds-checked:
 * a structure outside it is an external abort (r->event F_WALK_EABT for a
 * table walk, the spec's C_BAD_* or F_* event otherwise), never an
 * out-of-bounds read.
 */
#ifndef SMMU_SMMUV3_WALK_H
#define SMMU_SMMUV3_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "smmuv3/smmuv3_regs.h"

/* The memory the unit can read: [phys, phys + size), seen at base. */
struct smmuv3_mem {
	const uint8_t *base;
	uint64_t phys;
	uint64_t size;
};

/* The unit's configuration registers and capabilities the walk depends on. */
struct smmuv3_walk_cfg {
	uint64_t strtab_base; /* STRTAB_BASE (address bits; RA ignored) */
	uint32_t strtab_cfg;  /* STRTAB_BASE_CFG */
	unsigned sidsize;     /* IDR1.SIDSIZE */
	unsigned oas;	      /* output address bits (IDR5.OAS decoded) */
	bool s1p, s2p;	      /* IDR0.S1P, IDR0.S2P: a Config the unit lacks is C_BAD_STE */
};

struct smmuv3_walk_result {
	bool ok;	 /* the access completes */
	uint64_t pa;	 /* its output address when ok */
	unsigned event;	 /* SMMUV3_EVT_* the unit records, or 0 (none: abort STE, or R=0) */
	bool bypass;	 /* ok through a bypass STE (untranslated) */
	unsigned level;	 /* level of the leaf (3 page, 2 block 2 MiB, 1 block 1 GiB), when ok */
	uint32_t tag;	 /* ASID (stage 1) or VMID (stage 2) the walk used */
	/*
	 * The outcome rests on something the specification leaves open
	 * (CONSTRAINED UNPREDICTABLE, RES0 bits set, or a capability cfg does
	 * not state): the walker answers with the fault, and a proof must
	 * accept neither a grant nor a denial from such tables.
	 */
	bool unpredictable;
};

/*
 * Translates one access of StreamID sid at addr (write: the device writes
 * memory). Returns 0 with r filled (r->ok false and r->event for a fault),
 * or -EINVAL for bad arguments.
 */
int smmuv3_walk(const struct smmuv3_mem *m, const struct smmuv3_walk_cfg *cfg, uint32_t sid,
		uint64_t addr, bool write, struct smmuv3_walk_result *r);

#endif
