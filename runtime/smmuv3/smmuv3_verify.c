/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The compile-time proof of SMMUv3 tables: the walker's answer against
 * the policy's, at the places a builder's mistake would show (range edges,
 * block boundaries, the input range's ends, StreamIDs beside the used
 * ones). The policy's answer is a binary search of the domain's ranges as
 * written, checked ascending and disjoint first; nothing is allocated.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_verify.h"
#include "smmuv3/smmuv3_walk_int.h"

#define PAGE SMMUV3_PAGE_SIZE
/* Tables of up to this many StreamIDs have every one of them tried. */
#define ALL_SIDS 4096u

/* A domain's device proven whole: what its STE and CD set up. */
struct seen {
	bool set;
	uint32_t tag;
	struct smmuv3_regime rg;
};

struct prover {
	const struct smmuv3_policy *pol;
	struct smmuv3_mem mem;
	struct smmuv3_walk_cfg cfg;
	struct smmuv3_mismatch *mm;
	size_t checked;
	uint64_t limit;	   /* 2^ias */
	size_t budget;	   /* entries one tree may still hold */
	struct seen *seen; /* per domain */
	/* the device visited: its regime and the walk result it starts from */
	struct smmuv3_regime rg;
	struct smmuv3_walk_result r0;
	/*
	 * Pages of StreamID recent_sid judged lately: neighbouring ranges share
	 * most of their boundary pages (every range in a 2 MiB block has the
	 * same block edges), and a page judged once is judged the same again.
	 */
	uint64_t recent[64];
	uint32_t recent_sid;
	unsigned nrecent, next;
};

void smmuv3_walk_cfg_from_profile(const struct smmuv3_profile *prof, uint64_t strtab_base,
				  uint32_t strtab_cfg, struct smmuv3_walk_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->strtab_base = strtab_base;
	cfg->strtab_cfg = strtab_cfg;
	/* the widest unit: every STE the table holds is reachable, both stages exist */
	cfg->sidsize = 32;
	cfg->oas = prof->oas;
	cfg->s1p = true;
	cfg->s2p = true;
}

/* The policy's permissions at addr in d: ranges ascending and disjoint. */
static uint32_t perms_at(const struct smmuv3_domain_in *d, uint64_t addr)
{
	size_t lo = 0, hi = d->nranges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct smmuv3_range *r = &d->ranges[mid];

		if (addr < r->start)
			hi = mid;
		else if (addr - r->start >= r->length)
			lo = mid + 1;
		else
			return r->perms & (SMMUV3_PERM_R | SMMUV3_PERM_W);
	}
	return 0;
}

/*
 * The walk fetched a structure outside the pages: the proof sees an
 * external abort there, a unit reads whatever memory that is (a device's
 * own DMA window, say). Tables are proven only when self-contained.
 */
static bool outside(const struct smmuv3_walk_result *r)
{
	return r->event == SMMUV3_EVT_F_STE_FETCH || r->event == SMMUV3_EVT_F_CD_FETCH ||
	       r->event == SMMUV3_EVT_F_WALK_EABT;
}

/* One walk judged; need_event: a denial must be recorded. 1 on a difference. */
static int judge(struct prover *pv, uint32_t sid, uint64_t addr, bool write, bool expected,
		 bool need_event)
{
	struct smmuv3_walk_result res;
	bool got, bad;

	if (smmuv3_walk(&pv->mem, &pv->cfg, sid, addr, write, &res)) {
		memset(&res, 0, sizeof(res));
		res.unpredictable = true;
	}
	pv->checked++;
	/* a grant the policy lacks is one whatever its address */
	got = res.ok;
	bad = got != expected || (got && (res.pa != addr || res.bypass)) || res.unpredictable ||
	      (need_event && !res.ok && !res.event) || outside(&res);
	if (!bad)
		return 0;
	if (pv->mm) {
		pv->mm->sid = sid;
		pv->mm->addr = addr;
		pv->mm->write = write;
		pv->mm->expected = expected;
		pv->mm->got = got;
		pv->mm->res = res;
	}
	return 1;
}

/* The page at a (first and last byte), both accesses, for a device of d. */
static bool judged_lately(struct prover *pv, uint32_t sid, uint64_t a)
{
	unsigned n = sizeof(pv->recent) / sizeof(pv->recent[0]);

	if (sid != pv->recent_sid || !pv->nrecent) {
		pv->recent_sid = sid;
		pv->nrecent = pv->next = 0;
	}
	for (unsigned i = 0; i < pv->nrecent; i++)
		if (pv->recent[i] == a)
			return true;
	pv->recent[pv->next] = a;
	pv->next = (pv->next + 1) % n;
	if (pv->nrecent < n)
		pv->nrecent++;
	return false;
}

static int check_page(struct prover *pv, uint32_t sid, const struct smmuv3_domain_in *d, uint64_t a)
{
	uint32_t p;

	if (judged_lately(pv, sid, a < pv->limit ? a : pv->limit))
		return 0;
	if (a >= pv->limit) {
		/* beyond the input range: nothing is granted there */
		return judge(pv, sid, pv->limit, false, false, false) ||
		       judge(pv, sid, pv->limit, true, false, false);
	}
	p = perms_at(d, a);
	return judge(pv, sid, a, false, p & SMMUV3_PERM_R, false) ||
	       judge(pv, sid, a, true, p & SMMUV3_PERM_W, false) ||
	       judge(pv, sid, a + PAGE - 1, false, p & SMMUV3_PERM_R, false) ||
	       judge(pv, sid, a + PAGE - 1, true, p & SMMUV3_PERM_W, false);
}

/* A boundary b: the pages each side of it and of the block edges around it. */
static int check_boundary(struct prover *pv, uint32_t sid, const struct smmuv3_domain_in *d,
			  uint64_t b)
{
	static const uint64_t sizes[] = {PAGE, SMMUV3_LEVEL_SPAN(2), SMMUV3_LEVEL_SPAN(1)};

	for (unsigned i = 0; i < 3; i++) {
		uint64_t dn = b & ~(sizes[i] - 1), up = dn == b ? b : dn + sizes[i];

		if ((dn && check_page(pv, sid, d, dn - PAGE)) || check_page(pv, sid, d, dn) ||
		    check_page(pv, sid, d, up) || check_page(pv, sid, d, up + PAGE))
			return 1;
	}
	return 0;
}

static int check_device(struct prover *pv, const struct smmuv3_device_in *dev)
{
	const struct smmuv3_domain_in *d = &pv->pol->domains[dev->domain];

	for (size_t i = 0; i < d->nranges; i++)
		if (check_boundary(pv, dev->sid, d, d->ranges[i].start) ||
		    check_boundary(pv, dev->sid, d, d->ranges[i].start + d->ranges[i].length))
			return 1;
	return check_page(pv, dev->sid, d, 0) || check_page(pv, dev->sid, d, pv->limit - PAGE) ||
	       check_page(pv, dev->sid, d, pv->limit);
}

static bool in_policy(const struct smmuv3_policy *pol, uint32_t sid)
{
	size_t lo = 0, hi = pol->ndevices;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pol->devices[mid].sid == sid)
			return true;
		if (pol->devices[mid].sid < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* A StreamID the policy does not name: denied at a0 and a1, with an event. */
static int check_stranger(struct prover *pv, uint32_t sid, uint64_t a0, uint64_t a1)
{
	if (in_policy(pv->pol, sid))
		return 0;
	return judge(pv, sid, a0, false, false, true) || judge(pv, sid, a0, true, false, true) ||
	       judge(pv, sid, a1, false, false, true) || judge(pv, sid, a1, true, false, true);
}

static int check_strangers(struct prover *pv, uint32_t strtab_cfg)
{
	unsigned log2 = strtab_cfg & SMMUV3_STRTAB_LOG2SIZE_MASK;
	unsigned split = (strtab_cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	uint64_t nsid = log2 >= 32 ? 1ull << 32 : 1ull << log2, a1 = 0;
	size_t i;

	for (i = 0; i < pv->pol->ndomains && !a1; i++)
		if (pv->pol->domains[i].nranges)
			a1 = pv->pol->domains[i].ranges[0].start;
	for (uint64_t s = 0; s < nsid && s < ALL_SIDS; s++)
		if (check_stranger(pv, (uint32_t)s, 0, a1))
			return 1;
	if (((strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT) & 3) == SMMUV3_STRTAB_FMT_2LVL && split &&
	    split < log2) {
		/* each level-1 descriptor: the first and last StreamID it covers */
		for (uint64_t l1 = 0; l1 < (nsid >> split) && l1 < ALL_SIDS; l1++)
			if (check_stranger(pv, (uint32_t)(l1 << split), 0, a1) ||
			    check_stranger(pv, (uint32_t)(((l1 + 1) << split) - 1), 0, a1))
				return 1;
	}
	for (i = 0; i < pv->pol->ndevices; i++) {
		uint32_t sid = pv->pol->devices[i].sid;

		if ((sid && check_stranger(pv, sid - 1, 0, a1)) ||
		    (sid != UINT32_MAX && check_stranger(pv, sid + 1, 0, a1)))
			return 1;
	}
	if (nsid <= UINT32_MAX && check_stranger(pv, (uint32_t)nsid, 0, a1))
		return 1;
	return check_stranger(pv, UINT32_MAX, 0, a1);
}

/* ---- every entry of every tree a device's STE leads to ---------------- */

/* Index of the first of d's ranges that ends after a. */
static size_t range_after(const struct smmuv3_domain_in *d, uint64_t a)
{
	size_t lo = 0, hi = d->nranges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->ranges[mid].start + d->ranges[mid].length <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first page of [a, a + len) where d's answer on perm is not want; 0 with *at set if any. */
static int first_not(const struct smmuv3_domain_in *d, uint64_t a, uint64_t len, uint32_t perm,
		     bool want, uint64_t *at)
{
	uint64_t pos = a, end = a + len;

	for (size_t i = range_after(d, a); i < d->nranges && pos < end; i++) {
		const struct smmuv3_range *r = &d->ranges[i];
		bool has = r->perms & perm;

		if (r->start >= end)
			break;
		if (want && (r->start > pos || !has)) {
			*at = pos;
			return 0;
		}
		if (!want && has) {
			*at = r->start > pos ? r->start : pos;
			return 0;
		}
		pos = r->start + r->length;
	}
	if (want && pos < end) {
		*at = pos;
		return 0;
	}
	return 1;
}

/*
 * An entry that decides alike for all of [va, va + span) (a leaf, an
 * invalid entry, a table out of reach): one walk per access there, and
 * the policy must agree on every page of the span. rd is the walker's
 * answer for a read at va, from pos, the walk's place at the entry.
 */
static int check_span(struct prover *pv, uint32_t sid, const struct smmuv3_domain_in *d,
		      const struct smmuv3_walk_at *pos, uint64_t va, uint64_t span,
		      const struct smmuv3_walk_result *rd)
{
	struct smmuv3_walk_result wr;

	for (unsigned w = 0; w < 2; w++) {
		uint32_t perm = w ? SMMUV3_PERM_W : SMMUV3_PERM_R;
		const struct smmuv3_walk_result *res = rd;
		uint64_t at;

		/* the device's STE and CD are fixed: decoded once (prove_device) */
		if (w) {
			wr = pv->r0;
			smmuv3_walk_from(&pv->mem, &pv->rg, pos, va, true, &wr, NULL);
			res = &wr;
		}
		pv->checked++;
		/*
		 * one output for the span too: a grant elsewhere shows at va; and
		 * a fetch outside the pages is no denial (the unit reads there)
		 */
		if ((res->ok && (res->pa != va || res->bypass)) || outside(res))
			return judge(pv, sid, va, w, (perms_at(d, va) & perm) != 0, false);
		if (!first_not(d, va, span, perm, res->ok, &at) &&
		    judge(pv, sid, at, w, !res->ok, false))
			return 1;
	}
	return 0;
}

/*
 * The n entries of the table the walk reaches at pos, the first of them
 * at va. The walker reads each entry once, from pos: where it goes on to a
 * table, the entries of that table; anything else decides the entry's span.
 */
static int visit(struct prover *pv, uint32_t sid, const struct smmuv3_domain_in *d,
		 const struct smmuv3_walk_at *pos, uint64_t va, uint64_t n)
{
	uint64_t span = SMMUV3_LEVEL_SPAN(pos->level);

	if (n > pv->budget)
		return -ELOOP;
	pv->budget -= n;
	for (uint64_t i = 0; i < n; i++) {
		struct smmuv3_walk_result rd = pv->r0;
		struct smmuv3_walk_at next;
		int err;

		if (smmuv3_walk_from(&pv->mem, &pv->rg, pos, va + i * span, false, &rd, &next))
			err = visit(pv, sid, d, &next, va + i * span, SMMUV3_PT_ENTRIES);
		else
			err = check_span(pv, sid, d, pos, va + i * span, span, &rd);
		if (err)
			return err;
	}
	return 0;
}

static bool same_lpae(const struct smmuv3_lpae *a, const struct smmuv3_lpae *b)
{
	return a->ttb == b->ttb && a->level == b->level && a->ia == b->ia && a->oa == b->oa &&
	       a->stage2 == b->stage2 && a->affd == b->affd && a->priv == b->priv &&
	       a->pan == b->pan;
}

static bool same_regime(const struct seen *s, const struct smmuv3_regime *rg, uint32_t tag)
{
	const struct smmuv3_regime *a = &s->rg;

	return s->set && s->tag == tag && a->stage2 == rg->stage2 && a->record == rg->record &&
	       a->ias == rg->ias && a->on[0] == rg->on[0] && a->on[1] == rg->on[1] &&
	       a->tbi[0] == rg->tbi[0] && a->tbi[1] == rg->tbi[1] &&
	       (!a->on[0] || same_lpae(&a->t[0], &rg->t[0])) &&
	       (!a->on[1] || same_lpae(&a->t[1], &rg->t[1]));
}

/*
 * One device: sampled at its domain's edges, then every entry of its trees.
 * A device whose STE and CD set up exactly what an earlier one of its
 * domain did (same trees, same flags, same tag) answers as that one did
 * for every address, which was proven; one walk confirms it.
 */
static int prove_device(struct prover *pv, const struct smmuv3_device_in *dev, size_t npages)
{
	const struct smmuv3_domain_in *d = &pv->pol->domains[dev->domain];
	struct seen *seen = &pv->seen[dev->domain];
	struct smmuv3_regime rg;
	struct smmuv3_walk_result r;
	int tree = smmuv3_walk_regime(&pv->mem, &pv->cfg, dev->sid, 0, &rg, &r), err;

	if (tree == 1 && same_regime(seen, &rg, r.tag))
		return check_page(pv, dev->sid, d, d->nranges ? d->ranges[0].start : 0);
	pv->rg = rg;
	pv->r0 = r;
	err = check_device(pv, dev);
	for (unsigned t = 0; t < 2 && tree == 1 && !err; t++) {
		const struct smmuv3_lpae *lp = &rg.t[t];
		unsigned shift = SMMUV3_PAGE_SHIFT + 9 * (3 - lp->level);
		struct smmuv3_walk_at root;

		if (!rg.on[t])
			continue;
		pv->budget = npages * SMMUV3_PT_ENTRIES + (1u << 13);
		smmuv3_walk_root(&rg, t, &root);
		err = visit(pv, dev->sid, d, &root, t ? ~0ull << lp->ia : 0,
			    1ull << (lp->ia - shift));
	}
	if (!err && tree == 1)
		*seen = (struct seen){true, r.tag, rg};
	return err;
}

/* What the builder would refuse, the proof refuses too (and needs not). */
static int policy_ok(const struct smmuv3_policy *pol)
{
	const struct smmuv3_profile *pr = &pol->prof;

	if ((pol->ndevices && !pol->devices) || (pol->ndomains && !pol->domains) ||
	    (pr->ias != 39 && pr->ias != 48) || pr->oas < 32 || pr->oas > 52)
		return 0;
	for (size_t i = 0; i < pol->ndevices; i++)
		if (pol->devices[i].domain >= pol->ndomains ||
		    (i && pol->devices[i].sid <= pol->devices[i - 1].sid))
			return 0;
	for (size_t k = 0; k < pol->ndomains; k++) {
		const struct smmuv3_domain_in *d = &pol->domains[k];

		if (d->nranges && !d->ranges)
			return 0;
		for (size_t i = 0; i < d->nranges; i++) {
			const struct smmuv3_range *r = &d->ranges[i];

			if ((r->start | r->length) & (PAGE - 1) || !r->length ||
			    r->start > UINT64_MAX - r->length)
				return 0;
			if (i && r->start < d->ranges[i - 1].start + d->ranges[i - 1].length)
				return 0;
			if (r->start + r->length > 1ull << pr->ias)
				return 0;
		}
	}
	return 1;
}

int smmuv3_verify(const struct smmuv3_policy *pol, const uint8_t *pages, size_t npages,
		  uint64_t base, uint64_t strtab_base, uint32_t strtab_cfg,
		  struct smmuv3_mismatch *mm, size_t *nchecked)
{
	struct prover pv = {.pol = pol, .mm = mm};
	int err = 0;

	if (nchecked)
		*nchecked = 0;
	if (!pol || !pages || !policy_ok(pol) || npages > UINT64_MAX / PAGE)
		return -EINVAL;
	pv.mem = (struct smmuv3_mem){pages, base, (uint64_t)npages * PAGE};
	pv.limit = 1ull << pol->prof.ias;
	smmuv3_walk_cfg_from_profile(&pol->prof, strtab_base, strtab_cfg, &pv.cfg);
	pv.seen = calloc(pol->ndomains + 1, sizeof(*pv.seen));
	if (!pv.seen)
		return -ENOMEM;
	for (size_t i = 0; i < pol->ndevices && !err; i++)
		err = prove_device(&pv, &pol->devices[i], npages);
	if (!err)
		err = check_strangers(&pv, strtab_cfg);
	free(pv.seen);
	if (nchecked)
		*nchecked = pv.checked;
	return err;
}
