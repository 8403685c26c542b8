/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the boot-time proof: the state vtd_bootcheck.c (the tables)
 * and vtd_bootcheck_policy.c (the grants they are held against) share.
 */
#ifndef SMMU_VTD_BOOTCHECK_INT_H
#define SMMU_VTD_BOOTCHECK_INT_H

#include <endian.h>
#include <string.h>

#include "vtd/vtd_bootcheck.h"

#define NONE VTD_BC_NONE

struct pinfo {
	uint64_t base;	 /* paging: IOVA of entry 0; context table: its bus */
	uint32_t dom;	 /* first domain that reaches it, or NONE */
	uint32_t more;	 /* further domains: a list in the nodes, or NONE */
	uint32_t stamp;	 /* domain + 1 of the walk that last entered it */
	uint32_t rfirst; /* its first relocation */
	uint8_t role;
};

struct node {
	uint32_t dom, next;
};

/* A domain's grants, as struct smmub_region entries: sorted, disjoint. */
struct gdom {
	const unsigned char *reg;
	uint32_t nreg, stride;
	uint32_t did;
	uint32_t top;  /* its top page, once a context entry names it */
	uint32_t hint; /* the grant the last leaf checked ended in, */
	uint64_t hs, he; /* its start and end, */
	uint32_t hp;	 /* and permissions (hs == he: none yet) */
};

struct sidmap {
	uint32_t sid, dom;
};

struct bc {
	const struct vtd_bc_tables *tb;
	const struct smmub_view *v;
	size_t nrelocs;
	struct pinfo *pg;
	struct gdom *dom;
	size_t ndom;
	struct node *nodes;
	size_t nnodes, nodecap;
	uint32_t *stack;
	struct sidmap *sids;
	size_t nsids;
	uint32_t func; /* DEVICES cursor over the exact specs */
	struct smmub_region *norm;
	uint8_t did_seen[65536 / 8];
	struct vtd_bc_bad *bad;
};

static inline uint64_t get64(const uint8_t *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return le64toh(w);
}

struct grant {
	uint64_t start, end;
	uint32_t perms;
};

static inline void grant(const struct gdom *g, uint32_t k, struct grant *r)
{
	const unsigned char *p = g->reg + (size_t)k * g->stride;
	uint32_t perms;

	r->start = get64(p + offsetof(struct smmub_region, start));
	r->end = r->start + get64(p + offsetof(struct smmub_region, length));
	memcpy(&perms, p + offsetof(struct smmub_region, perms), sizeof(perms));
	r->perms = le32toh(perms);
}

/* The policy's side (vtd_bootcheck_policy.c). */
int bc_from_blob(struct bc *c);
int bc_from_input(struct bc *c, const struct vtd_policy *pol);
/* The policy domain of requester id sid, or NONE; ids asked in ascending order go fastest. */
uint32_t bc_sid_domain(struct bc *c, uint16_t sid);
/*
 * Whether domain g grants [a, a + len) with perms: 0, or LEAF_GRANT /
 * LEAF_PERM and *at the first address that is not.
 */
int bc_covers(struct gdom *g, uint64_t a, uint64_t len, uint32_t perms, uint64_t *at);

/*
 * Whether covers() would say 0; the usual leaf is inside the grant the
 * last one ended in, or the next one.
 */
static inline bool covered(struct gdom *g, uint64_t a, uint64_t end, uint32_t perms)
{
	struct grant r;
	uint64_t at;

	if (a >= g->hs && end <= g->he && (g->hp & perms) == perms)
		return true;
	if (g->hs == g->he || g->hint + 1 >= g->nreg || a < g->he)
		return !bc_covers(g, a, end - a, perms, &at);
	grant(g, g->hint + 1, &r);
	if (a < r.start || end > r.end || (r.perms & perms) != perms)
		return !bc_covers(g, a, end - a, perms, &at);
	g->hint++;
	g->hs = r.start;
	g->he = r.end;
	g->hp = r.perms;
	return true;
}

#endif
