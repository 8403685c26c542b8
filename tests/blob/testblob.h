/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A representative policy, filled by hand and built with the blob builder:
 * 2 smmus, 3 units, 3 sets, 7 rules (one late-bound, two reserved), 5
 * domains (one late), 6 regions, 8 devices of every kind, 2 relocations.
 * The equivalent source is tests/blob/data/policy.smmu.
 */
#ifndef SMMU_TESTBLOB_H
#define SMMU_TESTBLOB_H

#include <stddef.h>
#include <stdint.h>
#include "smmub.h"

struct blobw;

enum { TB_NSYM = 32 };

struct testblob {
	struct smmub_settings settings;
	struct smmub_safety safety[2];
	uint64_t params[8];
	struct smmub_smmu smmus[2];
	struct smmub_unit units[3];
	struct smmub_set sets[3];
	struct smmub_rule rules[7];
	struct smmub_domain domains[5];
	struct smmub_region regions[6];
	struct smmub_device devices[8];
	struct smmub_reloc relocs[2];
	struct smmub_symbol syms[TB_NSYM];
	uint32_t nsyms;
};

/*
 * Fills tb and adds its sections to b (which interns the strings). Returns
 * 0 or -1. Callers may change tb between the fill and the add.
 */
void testblob_fill(struct testblob *tb, struct blobw *b);
int testblob_add(const struct testblob *tb, struct blobw *b);

/* fill + add + blobw_finish: a malloc'd valid blob, or NULL. */
void *testblob_build(size_t *len);

#endif
