/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The policy's side of the boot-time proof: a domain's grants as the blob
 * states them (REGIONS, sorted and disjoint), or the builder's input
 * stated the same way; requester ids to domains; coverage of a leaf; and
 * the messages.
 */
#include <stdio.h>
#include <stdlib.h>

#include "vtd/vtd_bootcheck_int.h"

#define HINT_MAX 8 /* cursor steps before a binary search */

static uint64_t g_end(const struct gdom *g, uint32_t k)
{
	struct grant r;

	grant(g, k, &r);
	return r.end;
}

int bc_from_blob(struct bc *c)
{
	const struct smmub_secinfo *rs = &c->v->sec[SMMUB_SEC_REGIONS];

	c->ndom = smmub_count(c->v, SMMUB_SEC_DOMAINS);
	c->dom = calloc(c->ndom ? c->ndom : 1, sizeof(*c->dom));
	if (!c->dom)
		return -VTD_BC_ERR_NOMEM;
	for (size_t d = 0; d < c->ndom; d++) {
		const struct smmub_domain *dm = smmub_domain(c->v, (uint32_t)d);
		struct gdom *g = &c->dom[d];

		/* the reader proved region_first + region_count inside REGIONS */
		g->reg = rs->data + (size_t)smmub_le32(dm->region_first) * rs->stride;
		g->nreg = smmub_le32(dm->region_count);
		g->stride = rs->stride;
		g->did = smmub_le32(dm->did);
		g->top = NONE;
	}
	return 0;
}

struct event {
	uint64_t pos;
	int dr, dw;
};

static int ev_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

static int sid_cmp(const void *a, const void *b)
{
	const struct sidmap *x = a, *y = b;

	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	return (x->dom > y->dom) - (x->dom < y->dom);
}

static void put_region(struct smmub_region *r, uint64_t start, uint64_t end, uint32_t perms)
{
	memset(r, 0, sizeof(*r));
	r->start = htole64(start);
	r->length = htole64(end - start);
	r->perms = htole32(perms);
}

/*
 * The builder's input stated as the blob states grants: per domain,
 * sorted disjoint ranges, permissions unioned where ranges overlap (a
 * sweep over starts and ends); and its requester ids sorted.
 */
int bc_from_input(struct bc *c, const struct vtd_policy *pol)
{
	size_t total = 0, most = 0, at = 0;
	struct event *ev;

	c->ndom = pol->ndomains;
	for (size_t d = 0; d < pol->ndomains; d++) {
		total += pol->domains[d].nranges;
		most = pol->domains[d].nranges > most ? pol->domains[d].nranges : most;
	}
	c->dom = calloc(c->ndom ? c->ndom : 1, sizeof(*c->dom));
	c->norm = calloc(2 * total + 1, sizeof(*c->norm));
	c->sids = calloc(pol->ndevices + 1, sizeof(*c->sids));
	ev = calloc(2 * most + 1, sizeof(*ev));
	if (!c->dom || !c->norm || !c->sids || !ev) {
		free(ev);
		return -VTD_BC_ERR_NOMEM;
	}
	for (size_t d = 0; d < pol->ndomains; d++) {
		const struct vtd_domain_in *dm = &pol->domains[d];
		struct gdom *g = &c->dom[d];
		size_t nev = 0, first = at;
		int cr = 0, cw = 0;

		for (size_t i = 0; i < dm->nranges; i++) {
			const struct vtd_range *r = &dm->ranges[i];
			int rr = !!(r->perms & VTD_PERM_R), rw = !!(r->perms & VTD_PERM_W);
			uint64_t end = r->start + r->length < r->start ? UINT64_MAX
								       : r->start + r->length;

			if ((!rr && !rw) || end == r->start)
				continue;
			ev[nev++] = (struct event){ r->start, rr, rw };
			ev[nev++] = (struct event){ end, -rr, -rw };
		}
		qsort(ev, nev, sizeof(*ev), ev_cmp);
		for (size_t i = 0; i < nev;) {
			uint64_t pos = ev[i].pos;
			uint32_t perms;

			for (; i < nev && ev[i].pos == pos; i++) {
				cr += ev[i].dr;
				cw += ev[i].dw;
			}
			perms = (cr ? VTD_PERM_R : 0) | (cw ? VTD_PERM_W : 0);
			if (at > first && le64toh(c->norm[at - 1].length) == 0) {
				/* the open range: closed here unless the permissions hold */
				if (le32toh(c->norm[at - 1].perms) == perms)
					continue;
				put_region(&c->norm[at - 1], le64toh(c->norm[at - 1].start), pos,
					   le32toh(c->norm[at - 1].perms));
			}
			if (perms)
				put_region(&c->norm[at++], pos, pos, perms);
		}
		g->reg = (const unsigned char *)&c->norm[first];
		g->nreg = (uint32_t)(at - first);
		g->stride = sizeof(struct smmub_region);
		g->did = dm->did;
		g->top = NONE;
	}
	free(ev);
	for (size_t i = 0; i < pol->ndevices; i++)
		if (pol->devices[i].domain < pol->ndomains)
			c->sids[c->nsids++] = (struct sidmap){ pol->devices[i].sid,
							       pol->devices[i].domain };
	qsort(c->sids, c->nsids, sizeof(*c->sids), sid_cmp);
	return 0;
}

/* The policy domain of requester id sid, or NONE. */
uint32_t bc_sid_domain(struct bc *c, uint16_t sid)
{
	size_t lo = 0, hi = c->nsids;

	if (c->v) {
		uint32_t n = smmub_count(c->v, SMMUB_SEC_DEVICES);
		const struct smmub_device *dv = NULL;
		int i;

		/*
		 * Context entries come in ascending requester id, and DEVICES
		 * holds the exact (most specific) specs sorted by id: a cursor
		 * finds those; wildcards take the reader's lookup.
		 */
		for (; c->func < n; c->func++) {
			dv = smmub_device(c->v, c->func);
			if (smmub_le32(dv->kind) > SMMUB_DEV_PCI_FUNC ||
			    (smmub_le32(dv->kind) == SMMUB_DEV_PCI_FUNC && smmub_le32(dv->sid) >= sid))
				break;
		}
		if (c->func < n && smmub_le32(dv->kind) == SMMUB_DEV_PCI_FUNC &&
		    smmub_le32(dv->sid) == sid)
			return smmub_le32(dv->domain);
		i = smmub_lookup_pci(c->v, sid);
		return i < 0 ? NONE : smmub_le32(smmub_device(c->v, (uint32_t)i)->domain);
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->sids[mid].sid < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == c->nsids || c->sids[lo].sid != sid)
		return NONE;
	/* one id in two domains: the builder refuses it, and so does this */
	for (size_t k = lo + 1; k < c->nsids && c->sids[k].sid == sid; k++)
		if (c->sids[k].dom != c->sids[lo].dom)
			return NONE;
	return c->sids[lo].dom;
}

/*
 * Whether domain g grants [a, a + len) with perms: 0, or LEAF_GRANT /
 * LEAF_PERM and *at the first address that is not. Leaves come in
 * ascending order within a page and pages mostly so: the cursor usually
 * moves a grant or two, and a binary search finds it otherwise.
 */
int bc_covers(struct gdom *g, uint64_t a, uint64_t len, uint32_t perms, uint64_t *at)
{
	uint64_t pos = a, end = a + len;
	uint32_t k = g->hint, lo = 0, hi = g->nreg, steps = 0;
	struct grant r = { 0, 0, 0 };

	if (k < g->nreg) {
		grant(g, k, &r);
		while (r.start <= a && r.end <= a && ++k < g->nreg && steps++ < HINT_MAX)
			grant(g, k, &r);
	}
	if (k >= g->nreg || r.end <= a || r.start > a) {
		/* first grant that ends after a */
		lo = k < g->nreg && r.start <= a ? k : 0;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (g_end(g, mid) <= a)
				lo = mid + 1;
			else
				hi = mid;
		}
		k = lo;
		if (k < g->nreg)
			grant(g, k, &r);
	}
	for (;;) {
		if (k == g->nreg || r.start > pos) {
			*at = pos;
			return VTD_BC_ERR_LEAF_GRANT;
		}
		if ((r.perms & perms) != perms) {
			*at = pos;
			return VTD_BC_ERR_LEAF_PERM;
		}
		pos = r.end;
		if (pos >= end)
			break;
		if (++k < g->nreg)
			grant(g, k, &r);
	}
	g->hint = k;
	g->hs = r.start;
	g->he = r.end;
	g->hp = r.perms;
	return 0;
}

static const char *const msgs[] = {
	[VTD_BC_ERR_INVAL - VTD_BC_ERR_INVAL] = "relocations or arguments out of range",
	[VTD_BC_ERR_NOMEM - VTD_BC_ERR_INVAL] = "out of memory",
	[VTD_BC_ERR_ROOT_BITS - VTD_BC_ERR_INVAL] = "root entry has bits the builder never sets",
	[VTD_BC_ERR_ROOT_HI - VTD_BC_ERR_INVAL] = "root entry high quadword is not zero",
	[VTD_BC_ERR_CTX_BITS - VTD_BC_ERR_INVAL] = "context entry has reserved or unknown bits",
	[VTD_BC_ERR_CTX_TT - VTD_BC_ERR_INVAL] =
		"context entry translation type is not 0 (second-level only, never pass-through)",
	[VTD_BC_ERR_CTX_AW - VTD_BC_ERR_INVAL] = "context entry address width is not the tables'",
	[VTD_BC_ERR_CTX_NODOMAIN - VTD_BC_ERR_INVAL] =
		"context entry for a requester id the policy gives no domain",
	[VTD_BC_ERR_CTX_DID - VTD_BC_ERR_INVAL] = "context entry DID is not its domain's",
	[VTD_BC_ERR_CTX_TOP - VTD_BC_ERR_INVAL] =
		"one domain's requester ids point at two different top pages",
	[VTD_BC_ERR_DID_SHARED - VTD_BC_ERR_INVAL] = "two domains of the policy share one DID",
	[VTD_BC_ERR_PTR_RANGE - VTD_BC_ERR_INVAL] = "pointer outside the table pages",
	[VTD_BC_ERR_PTR_ROLE - VTD_BC_ERR_INVAL] =
		"pointer to a page already used in another role, level or place",
	[VTD_BC_ERR_PTR_BITS - VTD_BC_ERR_INVAL] = "table pointer has bits the builder never sets",
	[VTD_BC_ERR_NOT_RELOC - VTD_BC_ERR_INVAL] = "entry is a table pointer but not relocated",
	[VTD_BC_ERR_RELOC_LEAF - VTD_BC_ERR_INVAL] = "relocated word is not a table pointer",
	[VTD_BC_ERR_LEAF_BITS - VTD_BC_ERR_INVAL] = "leaf has bits the builder never sets",
	[VTD_BC_ERR_LEAF_SIZE - VTD_BC_ERR_INVAL] = "leaf of a page size the tables may not use",
	[VTD_BC_ERR_LEAF_IDENTITY - VTD_BC_ERR_INVAL] = "leaf output address is not its IOVA",
	[VTD_BC_ERR_LEAF_TABLE_MEM - VTD_BC_ERR_INVAL] = "leaf maps table memory",
	[VTD_BC_ERR_LEAF_GRANT - VTD_BC_ERR_INVAL] = "leaf maps memory its domain is not granted",
	[VTD_BC_ERR_LEAF_PERM - VTD_BC_ERR_INVAL] =
		"leaf grants more permission than its domain has",
};

const char *vtd_bootcheck_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err < VTD_BC_ERR_INVAL || err >= VTD_BC_ERR_MAX)
		return "unknown table check error";
	return msgs[err - VTD_BC_ERR_INVAL];
}

int vtd_bootcheck_msg(int err, const struct vtd_bc_bad *bad, char *buf, size_t len)
{
	char sid[32] = "", dom[32] = "", iova[40] = "";

	if (bad->sid != NONE)
		snprintf(sid, sizeof(sid), ", requester id pci:%u:%u.%u", bad->sid >> 8 & 0xff,
			 bad->sid >> 3 & 31, bad->sid & 7);
	if (bad->did != NONE)
		snprintf(dom, sizeof(dom), ", domain did %u", bad->did);
	if (bad->has_iova)
		snprintf(iova, sizeof(iova), ", address 0x%llx", (unsigned long long)bad->iova);
	if (bad->page == NONE)
		return snprintf(buf, len, "%s", vtd_bootcheck_strerror(err));
	return snprintf(buf, len, "page %u index %u word 0x%llx: %s%s%s%s", bad->page, bad->index,
			(unsigned long long)bad->word, vtd_bootcheck_strerror(err), sid, dom, iova);
}
