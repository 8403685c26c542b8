/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The complete half of the proof (vtd_verify.c has the sampled half and
 * the policy's answer): every entry the tables hold, for every requester
 * id, against the policy's runs.
 */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_regs.h"
#include "vtd/vtd_verify_int.h"

/*
 * The walk faulted at the root or context entry, which the unit reads
 * before it looks at the address: it refuses the sid at every address.
 */
static bool refused(const struct vtd_walk_res *res)
{
	return res->status == VTD_WALK_FAULT &&
	       (res->reason == VTD_FR_ROOT_NP || res->reason == VTD_FR_ROOT_RSVD ||
		res->reason == VTD_FR_CTX_NP || res->reason == VTD_FR_CTX_RSVD ||
		res->reason == VTD_FR_CTX_INV || res->reason == VTD_FR_CTX_TT);
}

/* First page of [a, end) where the policy has 'bit' (want) or lacks it; end if none. */
static uint64_t find_page(const struct prun *r, size_t n, uint64_t a, uint64_t end, uint32_t bit,
			  bool want)
{
	size_t lo = vtd_verify_run_after(r, n, a);
	uint64_t pos = a;

	for (; pos < end; lo++) {
		if (lo == n || r[lo].start >= end)
			return want ? end : pos;
		if (r[lo].start > pos) {
			if (!want)
				return pos;
			pos = r[lo].start;
		}
		if (!!(r[lo].perms & bit) == want)
			return pos;
		pos = r[lo].end;
	}
	return end;
}

struct tree {
	struct prover *pv;
	uint16_t sid;
	const struct vtd_domain_in *dom; /* NULL: the policy grants this sid nothing */
	const struct prun *r;
	size_t n;
	uint64_t budget; /* entries left to visit: a tree cannot exceed the pages */
};

/*
 * find_page answers for one table, [k][want], reused while the address
 * has not passed them: entries are visited in ascending order, and no page
 * between the address asked for and the answer has the property, so the
 * answer stands for every later address up to it. One search per run
 * boundary instead of one per entry.
 */
struct cursor {
	uint64_t at[2][2];
	bool ok[2][2];
};

static uint64_t next_page(const struct tree *t, struct cursor *cu, unsigned k, bool want,
			  uint64_t a, uint64_t lim)
{
	if (!cu->ok[k][want] || cu->at[k][want] < a) {
		cu->at[k][want] = find_page(t->r, t->n, a, lim, k ? VTD_PERM_W : VTD_PERM_R, want);
		cu->ok[k][want] = true;
	}
	return cu->at[k][want];
}

/* The walker must disagree with the policy at (p, write); reported as vtd_verify_check does. */
static int fail_at(struct tree *t, uint64_t p, bool write)
{
	if (vtd_verify_check(t->pv, t->sid, t->dom, p, write) == 0 && t->pv->mm) {
		/*
		 * The walker agrees here, yet the tables' entries do not: report
		 * the entries' answer, the policy's opposite (the walker's own
		 * answer was never recorded, so mm holds nothing of it).
		 */
		uint32_t perms = t->dom ? vtd_verify_perms(t->pv, t->dom, p & ~(VTD_PAGE_SIZE - 1)) : 0;
		bool expected = perms & (write ? VTD_PERM_W : VTD_PERM_R);

		memset(t->pv->mm, 0, sizeof(*t->pv->mm));
		t->pv->mm->sid = t->sid;
		t->pv->mm->iova = p;
		t->pv->mm->write = write;
		t->pv->mm->expected = expected;
		t->pv->mm->got = !expected;
	}
	return 1;
}

static int rd64(const struct vtd_mem *m, uint64_t addr, uint64_t *v)
{
	if (addr < m->base || m->size < 8 || addr - m->base > m->size - 8)
		return -1;
	memcpy(v, m->mem + (addr - m->base), 8);
	*v = le64toh(*v);
	return 0;
}

/*
 * Every entry of the table at 'level' covering [base, ...): an access right
 * an entry drops must be granted nowhere beneath it; a leaf must be granted
 * on every page it maps, and the walker must translate it to itself.
 * Addresses under one leaf share every entry of their walk, so one walk per
 * leaf decides them all. Leaves of one table share every entry above it
 * (and the address width check: the prover's walker has no MGAW below the
 * tree's width), so after one whole walk per access the walker resumes at
 * this table for the other leaves.
 */
static int traverse(struct tree *t, unsigned level, uint64_t table, uint64_t base, uint32_t mask)
{
	static const uint32_t bits[2] = {VTD_SL_R, VTD_SL_W};
	uint64_t span = VTD_LEVEL_SPAN(level), lim = base + span * VTD_SL_ENTRIES;
	uint64_t quiet = base; /* the policy grants no bit of mask in [base, quiet) */
	struct cursor cu = {0};
	bool walked[2] = {false, false}; /* a leaf here was walked whole for the access */
	unsigned idx, k;

	for (idx = 0; idx < VTD_SL_ENTRIES; idx++) {
		uint64_t a = base + idx * span, end = a + span, e, p;
		uint32_t m;
		int rc;

		if (!t->budget--)
			return -ELOOP;
		if (rd64(&t->pv->mem, table + idx * 8ull, &e))
			return fail_at(t, a, !(mask & VTD_SL_R));
		m = mask & (uint32_t)(e & (VTD_SL_R | VTD_SL_W));
		if (!m && end <= quiet)
			continue; /* most entries: nothing mapped, nothing granted */
		for (k = 0; k < 2; k++) {
			if (!(mask & bits[k]) || (m & bits[k]))
				continue;
			p = next_page(t, &cu, k, true, a, lim);
			if (p < end)
				return fail_at(t, p, k);
		}
		if (!m) {
			quiet = lim;
			for (k = 0; k < 2; k++)
				if ((mask & bits[k]) && cu.at[k][1] < quiet)
					quiet = cu.at[k][1];
			continue;
		}
		if (level > 1 && !(e & VTD_SL_PS)) {
			rc = traverse(t, level - 1, e & VTD_ADDR_MASK, a, m);
			if (rc)
				return rc;
			continue;
		}
		for (k = 0; k < 2; k++) {
			if (!(m & bits[k]))
				continue;
			p = next_page(t, &cu, k, false, a, lim);
			if (p < end)
				return fail_at(t, p, k);
			/* the policy grants it on every page here: the walker must too */
			if (!walked[k]) {
				if (vtd_verify_expect(t->pv, t->sid, a, k, true))
					return 1;
				walked[k] = true;
			} else {
				struct vtd_walk_res res = {0};

				vtd_walk_tables(&t->pv->mem, &t->pv->cfg, table, level, a, k, &res);
				if (vtd_verify_judge(t->pv, t->sid, a, k, true, &res))
					return 1;
			}
		}
	}
	return 0;
}

struct proven {
	uint64_t table;
	unsigned levels;
	size_t dom;
};

struct whole {
	struct prover *pv;
	struct prun **runs; /* per domain, computed when first needed */
	size_t *nruns;
	struct proven *done;
	size_t ndone, cap;
	uint64_t budget;
};

/* Proves everything requester id sid can reach; dom is its domain or SIZE_MAX. */
static int prove_sid(struct whole *w, uint16_t sid, size_t dom)
{
	struct prover *pv = w->pv;
	struct tree t = {pv, sid, NULL, NULL, 0, w->budget};
	struct vtd_walk_res res;
	uint64_t root, ctx[2];
	size_t i;
	int rc;

	if (dom != SIZE_MAX) {
		t.dom = &pv->pol->domains[dom];
		if (!w->runs[dom] && (rc = vtd_verify_runs(t.dom, &w->runs[dom], &w->nruns[dom])))
			return rc;
		t.r = w->runs[dom];
		t.n = w->nruns[dom];
	}
	vtd_walk(&pv->mem, &pv->cfg, pv->base, sid, 0, false, &res);
	if (res.status == VTD_WALK_OUTSIDE)
		return fail_at(&t, 0, false);
	if (refused(&res)) {
		/* it must be granted nothing */
		if (t.n)
			return fail_at(&t, t.r[0].start, !(t.r[0].perms & VTD_PERM_R));
		return 0;
	}
	/* the walker read these entries already: they are in table memory */
	if (rd64(&pv->mem, pv->base + (uint64_t)(sid >> 8) * 16, &root) ||
	    rd64(&pv->mem, (root & VTD_ADDR_MASK) + (sid & 0xffu) * 16, &ctx[0]) ||
	    rd64(&pv->mem, (root & VTD_ADDR_MASK) + (sid & 0xffu) * 16 + 8, &ctx[1]))
		return fail_at(&t, 0, false);
	for (i = 0; i < w->ndone; i++)
		if (w->done[i].table == (ctx[0] & VTD_ADDR_MASK) &&
		    w->done[i].levels == (ctx[1] & VTD_CTX_HI_AW_MASK) + 2 && w->done[i].dom == dom)
			return 0;
	rc = traverse(&t, (unsigned)(ctx[1] & VTD_CTX_HI_AW_MASK) + 2, ctx[0] & VTD_ADDR_MASK, 0,
		      VTD_SL_R | VTD_SL_W);
	if (!rc && w->ndone < w->cap)
		w->done[w->ndone++] =
		    (struct proven){ctx[0] & VTD_ADDR_MASK, (unsigned)(ctx[1] & 7) + 2, dom};
	return rc;
}

/* Every requester id: those in the policy get exactly their grants, the rest none. */
int vtd_verify_all(struct prover *pv, const struct vtd_device_in *dev, size_t ndev,
		   size_t npages)
{
	struct whole w = {pv, NULL, NULL, NULL, 0, 1024, ((uint64_t)npages + 1) * VTD_SL_ENTRIES};
	unsigned bus, devfn;
	size_t i = 0;
	int rc = -ENOMEM;

	/* the runs the spot checks computed are the prover's, shared */
	w.runs = pv->runs;
	w.nruns = pv->nruns;
	w.done = calloc(w.cap, sizeof(*w.done));
	if (!w.done)
		goto out;
	rc = 0;
	for (bus = 0; bus < 256 && !rc; bus++) {
		struct vtd_walk_res res;

		while (i < ndev && dev[i].sid < bus << 8)
			i++;
		/* a bus whose root entry the unit refuses is refused whole */
		vtd_walk(&pv->mem, &pv->cfg, pv->base, (uint16_t)(bus << 8), 0, false, &res);
		if (res.status == VTD_WALK_FAULT &&
		    (res.reason == VTD_FR_ROOT_NP || res.reason == VTD_FR_ROOT_RSVD) &&
		    (i == ndev || dev[i].sid >> 8 != bus))
			continue;
		for (devfn = 0; devfn < 256 && !rc; devfn++) {
			unsigned sid = bus << 8 | devfn;

			while (i < ndev && dev[i].sid < sid)
				i++;
			rc = prove_sid(&w, (uint16_t)sid,
				       i < ndev && dev[i].sid == sid ? dev[i].domain : SIZE_MAX);
		}
	}
out:
	free(w.done);
	return rc;
}
