/* SPDX-License-Identifier: BSD-2-Clause */
/* The SMMUv3 builder suites' shared pool and helpers (test_pt.c, pt_reloc.c). */
#ifndef SMMU_TESTS_SMMUV3_PTTEST_H
#define SMMU_TESTS_SMMUV3_PTTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smmuv3/smmuv3_pt.h"
#include "cu_run.h"

#define MAXPAGES 1024
#define MAXREL	 4096
#define RW	 (SMMUV3_PERM_R | SMMUV3_PERM_W)

extern uint8_t pool[MAXPAGES * 4096];
extern uint64_t relocs[MAXREL];
extern struct smmuv3_build_out out;

/* The little-endian word at byte offset off of the pool. */
uint64_t w(uint64_t off);
/* Builds pol into the pool (MAXPAGES pages, MAXREL relocations). */
int build(const struct smmuv3_policy *pol);
struct smmuv3_profile prof(unsigned stage, unsigned ias, unsigned oas, bool b2, bool b1, bool two);

extern const struct cu_case pt_reloc_cases[];
extern const size_t pt_reloc_ncases;

#endif
