/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The proof that built tables grant exactly the policy. The policy's
 * answer is computed from the input ranges as written (a union over the
 * ranges holding the address), never from the tables or from the
 * builder's merged runs; the tables' answer is the walker's.
 */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_regs.h"
#include "vtd/vtd_walk.h"


/*
 * Sorts v[0..n) ascending: least significant byte first, one counting pass
 * per byte, none for a byte every key shares (page-aligned addresses below
 * 2^48 share three). The sample points of every domain are sorted, and a
 * comparison sort of them cost more than the walks they feed.
 */
static int sort_u64(uint64_t *v, size_t n)
{
	uint64_t *tmp = malloc((n ? n : 1) * sizeof(*tmp)), *src = v, *dst = tmp, *t;
	uint64_t diff = 0;

	if (!tmp)
		return -ENOMEM;
	for (size_t i = 1; i < n; i++)
		diff |= v[i] ^ v[0];
	for (unsigned shift = 0; shift < 64; shift += 8) {
		size_t count[256] = {0}, pos = 0;

		if (!((diff >> shift) & 0xff))
			continue;
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xff]++;
		for (unsigned b = 0; b < 256; b++) {
			size_t c = count[b];

			count[b] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
	return 0;
}

struct points {
	uint64_t *v;
	size_t n, cap;
	uint64_t limit;
};

static int add_point(struct points *p, uint64_t a)
{
	if (a >= p->limit)
		return 0;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 256;
		uint64_t *v = realloc(p->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = a;
	return 0;
}

/* A boundary b: the pages each side of it and of the superpage edges near it. */
static int add_boundary(struct points *p, uint64_t b)
{
	static const uint64_t sizes[] = {VTD_PAGE_SIZE, VTD_SIZE_2M, VTD_SIZE_1G};
	size_t i;
	int err = 0;

	for (i = 0; i < 3 && !err; i++) {
		uint64_t dn = b & ~(sizes[i] - 1), up = dn == b ? b : dn + sizes[i];

		err = add_point(p, dn);
		if (!err && dn)
			err = add_point(p, dn - VTD_PAGE_SIZE);
		if (!err && up != dn)
			err = add_point(p, up);
		if (!err)
			err = add_point(p, up + VTD_PAGE_SIZE);
	}
	return err;
}

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

static int policy_runs(const struct vtd_domain_in *d, struct prun **out, size_t *nout);

/* The policy's permissions at addr: binary search of the domain's runs. */
static uint32_t policy_perms(struct prover *pv, const struct vtd_domain_in *d, uint64_t addr)
{
	size_t k = (size_t)(d - pv->pol->domains), lo = 0, hi;
	const struct prun *r;

	if (!pv->runs[k] && policy_runs(d, &pv->runs[k], &pv->nruns[k])) {
		pv->oom = true;
		return 0;
	}
	r = pv->runs[k];
	hi = pv->nruns[k];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pv->nruns[k] && r[lo].start <= addr ? r[lo].perms : 0;
}

/* The walker's answer res against the policy's; 1 on a difference. */
static int judge(struct prover *pv, uint16_t sid, uint64_t iova, bool write, bool expected,
		 const struct vtd_walk_res *res)
{
	bool got = res->status == VTD_WALK_OK && res->pa == iova;

	pv->checked++;
	if (expected == got && res->status != VTD_WALK_OUTSIDE)
		return 0;
	if (pv->mm) {
		pv->mm->sid = sid;
		pv->mm->iova = iova;
		pv->mm->write = write;
		pv->mm->expected = expected;
		pv->mm->got = got;
		pv->mm->res = *res;
	}
	return 1;
}

/* One (sid, address, access) the policy answers with expected; 1 on a difference. */
static int check_expect(struct prover *pv, uint16_t sid, uint64_t iova, bool write, bool expected)
{
	struct vtd_walk_res res;

	vtd_walk(&pv->mem, &pv->cfg, pv->base, sid, iova, write, &res);
	return judge(pv, sid, iova, write, expected, &res);
}

/* One (sid, address, access), the policy's answer looked up; 1 on a difference. */
static int check(struct prover *pv, uint16_t sid, const struct vtd_domain_in *d, uint64_t iova,
		 bool write)
{
	return check_expect(pv, sid, iova, write,
			    d && (policy_perms(pv, d, iova & ~(VTD_PAGE_SIZE - 1)) &
				  (write ? VTD_PERM_W : VTD_PERM_R)));
}

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

static int check_both(struct prover *pv, uint16_t sid, const struct vtd_domain_in *d, uint64_t iova)
{
	return check(pv, sid, d, iova, false) || check(pv, sid, d, iova, true);
}

static int sid_cmp(const void *a, const void *b)
{
	const struct vtd_device_in *x = a, *y = b;

	return (x->sid > y->sid) - (x->sid < y->sid);
}

/* ---- the complete proof: every entry the tables hold ------------------ */

/* A run boundary: at pos, a range with perms opens (+1) or closes (-1). */
struct edge {
	uint64_t pos;
	uint32_t perms;
	int open;
};

static int edge_cmp(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * A domain's grants as disjoint runs, computed from its ranges as written:
 * a sweep over their boundaries counting how many ranges grant each
 * permission, so overlapping ranges union their permissions.
 */
static int policy_runs(const struct vtd_domain_in *d, struct prun **out, size_t *nout)
{
	struct edge *e = malloc((2 * d->nranges + 1) * sizeof(*e));
	struct prun *r = malloc((2 * d->nranges + 1) * sizeof(*r));
	size_t i, ne = 0, n = 0;
	long cr = 0, cw = 0;

	if (!e || !r) {
		free(e);
		free(r);
		return -ENOMEM;
	}
	for (i = 0; i < d->nranges; i++) {
		e[ne++] = (struct edge){d->ranges[i].start, d->ranges[i].perms, 1};
		e[ne++] = (struct edge){d->ranges[i].start + d->ranges[i].length, d->ranges[i].perms,
					-1};
	}
	qsort(e, ne, sizeof(*e), edge_cmp);
	for (i = 0; i < ne;) {
		uint64_t pos = e[i].pos;
		uint32_t p;

		for (; i < ne && e[i].pos == pos; i++) {
			cr += (e[i].perms & VTD_PERM_R) ? e[i].open : 0;
			cw += (e[i].perms & VTD_PERM_W) ? e[i].open : 0;
		}
		p = (cr ? VTD_PERM_R : 0) | (cw ? VTD_PERM_W : 0);
		if (i == ne || !p)
			continue;
		if (n && r[n - 1].end == pos && r[n - 1].perms == p)
			r[n - 1].end = e[i].pos;
		else
			r[n++] = (struct prun){pos, e[i].pos, p};
	}
	free(e);
	*out = r;
	*nout = n;
	return 0;
}

/* First page of [a, end) where the policy has 'bit' (want) or lacks it; end if none. */
static uint64_t find_page(const struct prun *r, size_t n, uint64_t a, uint64_t end, uint32_t bit,
			  bool want)
{
	size_t lo = 0, hi = n;
	uint64_t pos = a;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
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

/* The walker must disagree with the policy at (p, write); reported through check(). */
static int fail_at(struct tree *t, uint64_t p, bool write)
{
	if (check(t->pv, t->sid, t->dom, p, write) == 0 && t->pv->mm) {
		/*
		 * The walker agrees here, yet the tables' entries do not: report
		 * the entries' answer, the policy's opposite (the walker's own
		 * answer was never recorded, so mm holds nothing of it).
		 */
		bool expected = t->dom && (policy_perms(t->pv, t->dom, p & ~(VTD_PAGE_SIZE - 1)) &
					   (write ? VTD_PERM_W : VTD_PERM_R));

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
				if (check_expect(t->pv, t->sid, a, k, true))
					return 1;
				walked[k] = true;
			} else {
				struct vtd_walk_res res = {0};

				vtd_walk_tables(&t->pv->mem, &t->pv->cfg, table, level, a, k, &res);
				if (judge(t->pv, t->sid, a, k, true, &res))
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
		if (!w->runs[dom] && (rc = policy_runs(t.dom, &w->runs[dom], &w->nruns[dom])))
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
static int prove_all(struct prover *pv, const struct vtd_device_in *dev, size_t ndev, size_t npages)
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

/* The sampled places of one domain, sorted, each once. */
static int domain_points(const struct vtd_domain_in *d, struct points *pts)
{
	size_t i, n;
	int err = 0;

	pts->n = 0;
	for (i = 0; i < d->nranges && !err; i++) {
		err = add_boundary(pts, d->ranges[i].start);
		if (!err)
			err = add_boundary(pts, d->ranges[i].start + d->ranges[i].length);
	}
	if (!err)
		err = add_point(pts, 0);
	if (!err)
		err = add_point(pts, pts->limit - VTD_PAGE_SIZE);
	if (err)
		return err;
	err = sort_u64(pts->v, pts->n);
	if (err)
		return err;
	for (i = n = 0; i < pts->n; i++)
		if (!n || pts->v[n - 1] != pts->v[i])
			pts->v[n++] = pts->v[i];
	pts->n = n;
	return 0;
}

static int dom_sid_cmp(const void *a, const void *b)
{
	const struct vtd_device_in *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	return (x->sid > y->sid) - (x->sid < y->sid);
}

/* Sampling: each device at the boundaries of its own domain's ranges. */
static int sample_devices(struct prover *pv, struct vtd_device_in *dev, size_t ndev)
{
	struct points pts = {0};
	size_t i, j;
	int err = 0;

	pts.limit = 1ull << (pv->pol->prof.levels == 3 ? 39 : 48);
	qsort(dev, ndev, sizeof(*dev), dom_sid_cmp);
	for (i = 0; i < ndev && !err; i++) {
		const struct vtd_domain_in *dm = &pv->pol->domains[dev[i].domain];

		if (i && dev[i].domain == dev[i - 1].domain && dev[i].sid == dev[i - 1].sid)
			continue;
		if (!i || dev[i].domain != dev[i - 1].domain)
			err = domain_points(dm, &pts);
		for (j = 0; j < pts.n && !err; j++) {
			/* alternate the first and the last byte of the page */
			uint64_t a = pts.v[j] + ((j & 1) ? VTD_PAGE_SIZE - 1 : 0);

			err = check_both(pv, dev[i].sid, dm, a);
		}
		/* beyond the address width */
		if (!err)
			err = check_both(pv, dev[i].sid, NULL, pts.limit);
	}
	free(pts.v);
	qsort(dev, ndev, sizeof(*dev), sid_cmp);
	return err;
}

int vtd_verify(const struct vtd_policy *pol, const uint8_t *pages, size_t npages, uint64_t base,
	       struct vtd_mismatch *mm, size_t *nchecked)
{
	struct prover pv = {.pol = pol, .base = base, .mm = mm};
	struct vtd_device_in *dev = NULL;
	size_t i;
	int err = 0;

	if (!pages || (pol->prof.levels != 3 && pol->prof.levels != 4) ||
	    (pol->ndevices && !pol->devices) || (pol->ndomains && !pol->domains))
		return -EINVAL;
	for (i = 0; i < pol->ndevices; i++)
		if (pol->devices[i].domain >= pol->ndomains)
			return -EINVAL;
	pv.mem = (struct vtd_mem){pages, base, (uint64_t)npages * VTD_PAGE_SIZE};
	vtd_walk_cfg_from_profile(&pol->prof, &pv.cfg);

	dev = malloc((pol->ndevices ? pol->ndevices : 1) * sizeof(*dev));
	pv.runs = calloc(pol->ndomains + 1, sizeof(*pv.runs));
	pv.nruns = calloc(pol->ndomains + 1, sizeof(*pv.nruns));
	if (!dev || !pv.runs || !pv.nruns) {
		err = -ENOMEM;
		goto out;
	}
	if (pol->ndevices)
		memcpy(dev, pol->devices, pol->ndevices * sizeof(*dev));
	qsort(dev, pol->ndevices, sizeof(*dev), sid_cmp);
	/* one requester id in two domains is no policy at all */
	for (i = 1; i < pol->ndevices; i++)
		if (dev[i].sid == dev[i - 1].sid && dev[i].domain != dev[i - 1].domain)
			err = -EINVAL;
	if (!err)
		err = sample_devices(&pv, dev, pol->ndevices);
	if (!err)
		err = prove_all(&pv, dev, pol->ndevices, npages);
	if (!err && pv.oom)
		err = -ENOMEM;
	if (nchecked)
		*nchecked = pv.checked;
out:
	for (i = 0; pv.runs && i < pol->ndomains; i++)
		free(pv.runs[i]);
	free(pv.runs);
	free(pv.nruns);
	free(dev);
	return err;
}
