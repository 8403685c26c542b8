/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the SMMUv3 walker and its proof: the translation regime a
 * StreamID's STE (and CD) set up, so that the proof can visit every entry
 * of the tables a walk would start from.
 */
#ifndef SMMU_SMMUV3_WALK_INT_H
#define SMMU_SMMUV3_WALK_INT_H

#include <stdbool.h>
#include <stdint.h>
#include "smmuv3/smmuv3_walk.h"

/* One VMSAv8-64 table tree: stage 1 (TTB0 or TTB1) or stage 2. */
struct smmuv3_lpae {
	uint64_t ttb;	/* the start level's table */
	unsigned level; /* start level, 0..2 */
	unsigned ia;	/* input address bits */
	unsigned oa;	/* output address bits: beyond is an address size fault */
	bool stage2;
	bool affd; /* AF = 0 is not a fault */
	int priv;  /* stage 1: the access is privileged (1), not (0), unknown (-1) */
	bool pan;
};

struct smmuv3_regime {
	struct smmuv3_lpae t[2]; /* stage 1: TTB0, TTB1; stage 2: t[0] */
	bool on[2];		 /* the tree translates (stage 1: EPDx clear) */
	bool tbi[2];		 /* stage 1: top byte ignored */
	bool stage2;
	bool record;  /* CD.R / STE.S2R */
	unsigned ias; /* stage 2: beyond is a stage-1 address size fault */
};

/*
 * The STE and CD of sid, checked as smmuv3_walk checks them. Returns 1
 * with *rg set when accesses go on to a table walk; 0 with r final when
 * every access of sid ends there (a fault, abort, or a bypass, which is
 * decided for addr); -EINVAL for bad arguments.
 */
int smmuv3_walk_regime(const struct smmuv3_mem *m, const struct smmuv3_walk_cfg *cfg, uint32_t sid,
		       uint64_t addr, struct smmuv3_regime *rg, struct smmuv3_walk_result *r);

/*
 * One access through a regime smmuv3_walk_regime returned 1 for (its
 * outcome then does not depend on the address), r as that call left it:
 * what smmuv3_walk answers, without fetching the STE and CD again.
 */
void smmuv3_walk_in(const struct smmuv3_mem *m, const struct smmuv3_regime *rg, uint64_t addr,
		    bool write, struct smmuv3_walk_result *r);

/*
 * Where a walk through tree t of a regime stands: about to read the table
 * of this level at table, with the stage-1 APTable bits gathered above it.
 */
struct smmuv3_walk_at {
	unsigned t;
	unsigned level;
	uint64_t table;
	uint64_t aptable;
};

/* The start of tree t: its TTB at its start level, nothing gathered. */
void smmuv3_walk_root(const struct smmuv3_regime *rg, unsigned t, struct smmuv3_walk_at *at);

/*
 * smmuv3_walk_in resumed at *at, where its walk of addr passes (the root,
 * or what an earlier call returned in *next for an address of the same
 * span at the level above): the same answer, without reading the levels
 * above at. With next, an entry of at's level that points to a table
 * stops the walk: 1 with *next, where it would go on. Else 0 with r final.
 * So the proof walks each tree once, each entry from its own level.
 */
int smmuv3_walk_from(const struct smmuv3_mem *m, const struct smmuv3_regime *rg,
		     const struct smmuv3_walk_at *at, uint64_t addr, bool write,
		     struct smmuv3_walk_result *r, struct smmuv3_walk_at *next);

#endif
