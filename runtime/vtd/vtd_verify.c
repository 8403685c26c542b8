/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The proof that built tables grant exactly the policy. The policy's
 * answer is computed from the input ranges as written (a union over the
 * ranges holding the address), never from the tables or from the
 * builder's merged runs; the tables' answer is the walker's. This file
 * has the policy's answer and the sampled proof; vtd_verify_all.c walks
 * every entry the tables hold.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_regs.h"
#include "vtd/vtd_verify_int.h"


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

/* Index of the first of the n sorted runs r that ends after addr (n if none). */
size_t vtd_verify_run_after(const struct prun *r, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The policy's permissions at addr: binary search of the domain's runs. */
uint32_t vtd_verify_perms(struct prover *pv, const struct vtd_domain_in *d, uint64_t addr)
{
	size_t k = (size_t)(d - pv->pol->domains), lo;
	const struct prun *r;

	if (!pv->runs[k] && vtd_verify_runs(d, &pv->runs[k], &pv->nruns[k])) {
		pv->oom = true;
		return 0;
	}
	r = pv->runs[k];
	lo = vtd_verify_run_after(r, pv->nruns[k], addr);
	return lo < pv->nruns[k] && r[lo].start <= addr ? r[lo].perms : 0;
}

/* The walker's answer res against the policy's; 1 on a difference. */
int vtd_verify_judge(struct prover *pv, uint16_t sid, uint64_t iova, bool write, bool expected,
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
int vtd_verify_expect(struct prover *pv, uint16_t sid, uint64_t iova, bool write, bool expected)
{
	struct vtd_walk_res res;

	vtd_walk(&pv->mem, &pv->cfg, pv->base, sid, iova, write, &res);
	return vtd_verify_judge(pv, sid, iova, write, expected, &res);
}

/* One (sid, address, access), the policy's answer looked up; 1 on a difference. */
int vtd_verify_check(struct prover *pv, uint16_t sid, const struct vtd_domain_in *d,
		     uint64_t iova, bool write)
{
	return vtd_verify_expect(pv, sid, iova, write,
				 d && (vtd_verify_perms(pv, d, iova & ~(VTD_PAGE_SIZE - 1)) &
				       (write ? VTD_PERM_W : VTD_PERM_R)));
}

static int check_both(struct prover *pv, uint16_t sid, const struct vtd_domain_in *d, uint64_t iova)
{
	return vtd_verify_check(pv, sid, d, iova, false) ||
	       vtd_verify_check(pv, sid, d, iova, true);
}

static int sid_cmp(const void *a, const void *b)
{
	const struct vtd_device_in *x = a, *y = b;

	return (x->sid > y->sid) - (x->sid < y->sid);
}

/* ---- the policy's answer, from its ranges as written -------------------- */

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
int vtd_verify_runs(const struct vtd_domain_in *d, struct prun **out, size_t *nout)
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
		err = vtd_verify_all(&pv, dev, pol->ndevices, npages);
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
