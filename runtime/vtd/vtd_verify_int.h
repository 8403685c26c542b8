/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the proof of built tables: what its sampled half
 * (vtd_verify.c) and its complete half (vtd_verify_all.c) share.
 */
#ifndef SMMU_VTD_VERIFY_INT_H
#define SMMU_VTD_VERIFY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "vtd/vtd_walk.h"

/* A run of the policy's grants: [start, end) with perms, disjoint, sorted. */
struct prun {
	uint64_t start, end;
	uint32_t perms;
};

struct prover {
	const struct vtd_policy *pol;
	struct vtd_mem mem;
	struct vtd_walk_cfg cfg;
	uint64_t base;
	struct vtd_mismatch *mm;
	size_t checked;
	struct prun **runs; /* per domain, computed on first use */
	size_t *nruns;
	bool oom;
};

/* Domain d's grants as runs, from its ranges as written: 0 or -ENOMEM. */
int vtd_verify_runs(const struct vtd_domain_in *d, struct prun **out, size_t *nout);
/* Index of the first of the n sorted runs r that ends after addr (n if none). */
size_t vtd_verify_run_after(const struct prun *r, size_t n, uint64_t addr);
/* The policy's permissions at addr in domain d. */
uint32_t vtd_verify_perms(struct prover *pv, const struct vtd_domain_in *d, uint64_t addr);

/* The walker's answer res against the policy's; 1 on a difference. */
int vtd_verify_judge(struct prover *pv, uint16_t sid, uint64_t iova, bool write, bool expected,
		     const struct vtd_walk_res *res);
/* One (sid, address, access) the policy answers with expected; 1 on a difference. */
int vtd_verify_expect(struct prover *pv, uint16_t sid, uint64_t iova, bool write, bool expected);
/* One (sid, address, access), the policy's answer looked up; 1 on a difference. */
int vtd_verify_check(struct prover *pv, uint16_t sid, const struct vtd_domain_in *d,
		     uint64_t iova, bool write);

/* Every requester id, every entry: vtd_verify_all.c. 0, 1 on a difference, or -errno. */
int vtd_verify_all(struct prover *pv, const struct vtd_device_in *dev, size_t ndev,
		   size_t npages);

#endif
