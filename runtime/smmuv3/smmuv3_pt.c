/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 table builder.
 *
 * Layout of the result, all relative to the start of table memory:
 *   first       the stream table: linear, or the L1 table and the L2 tables
 *               that hold a granted StreamID, the larger of the two kinds
 *               first, so every table sits aligned to its own size with no
 *               padding (sizes are powers of two, the first starts at 0)
 *   then        stage 1 only: one context descriptor per domain, 64 to a
 *               page, in domain order
 *   the rest    each domain's LPAE tables, domain by domain, each tree in
 *               pre-order (a table before its children)
 * Only a domain that grants something and that a device names gets a CD
 * or tables: nothing else could reach them. A table is built only where
 * its window holds a grant a leaf cannot express; a leaf is as large as
 * the profile allows where one run of equal permissions covers its whole
 * aligned window. Every position depends on the policy alone, so a dry run
 * (no pool) counts exactly what the real run writes, and a run that
 * outgrows its pool goes on dry to report what it needs.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/devmem.h"
#include "iommu/pages.h"
#include "util/le.h"
#include "smmuv3/smmuv3_pt.h"

/* a linear stream table up to this size; beyond it 2-level when allowed */
#define ST_LINEAR_MAX 65536ull
/* MAIR attribute 0, which every stage-1 leaf names: Normal, WB RW-allocate */
#define CD_MAIR_ATTR0_WB 0xffull

struct run {
	uint64_t start, end; /* [start, end), page aligned */
	uint32_t perms;
};

struct dom {
	struct run *rn; /* ascending, disjoint, adjacent runs differ in perms */
	size_t n;
	bool used;    /* it grants and a device names it */
	uint64_t cd;  /* byte offset of its CD (stage 1) */
	uint64_t top; /* byte offset of its top table */
};

struct bctx {
	const struct smmuv3_policy *pol;
	struct dom *doms;
	struct iommu_writer w; /* pages and relocations, or counting only */
	unsigned sizes;
};

/* ---- checks -------------------------------------------------------------- */

static const unsigned oas_bits[] = {32, 36, 40, 42, 44, 48, 52};

/* IDR5.OAS / CD.IPS / STE.S2PS encoding of an output size, or -1. */
static int oas_code(unsigned oas)
{
	for (unsigned i = 0; i < sizeof(oas_bits) / sizeof(oas_bits[0]); i++)
		if (oas_bits[i] == oas)
			return (int)i;
	return -1;
}

static int check_policy(const struct smmuv3_policy *pol, uint64_t *tags)
{
	const struct smmuv3_profile *pr = &pol->prof;
	uint64_t limit;
	size_t d, r;

	if ((pr->stage != 1 && pr->stage != 2) || (pr->ias != 39 && pr->ias != 48) ||
	    oas_code(pr->oas) < 0)
		return -EINVAL;
	/* a stage-2 input (IPA) wider than the output is ILLEGAL (S2T0SZ < 64 - OAS) */
	if (pr->stage == 2 && pr->ias > pr->oas)
		return -EINVAL;
	/* identity mapping: an address must be both a valid input and output */
	limit = 1ull << (pr->ias < pr->oas ? pr->ias : pr->oas);
	if ((pol->ndomains && !pol->domains) || (pol->ndevices && !pol->devices))
		return -EINVAL;
	for (d = 0; d < pol->ndomains; d++) {
		const struct smmuv3_domain_in *dm = &pol->domains[d];
		uint64_t prev_end = 0;

		if (dm->tag == 0 || tags[dm->tag / 64] & (1ull << (dm->tag % 64)) ||
		    (dm->nranges && !dm->ranges))
			return -EINVAL;
		tags[dm->tag / 64] |= 1ull << (dm->tag % 64);
		for (r = 0; r < dm->nranges; r++) {
			const struct smmuv3_range *rg = &dm->ranges[r];

			if ((rg->start | rg->length) & (SMMUV3_PAGE_SIZE - 1) || rg->length == 0 ||
			    rg->start >= limit || rg->length > limit - rg->start ||
			    rg->perms & ~(SMMUV3_PERM_R | SMMUV3_PERM_W) ||
			    (pr->stage == 1 && rg->perms == SMMUV3_PERM_W) ||
			    (r && rg->start < prev_end))
				return -EINVAL;
			prev_end = rg->start + rg->length;
		}
	}
	for (d = 0; d < pol->ndevices; d++)
		if (pol->devices[d].domain >= pol->ndomains ||
		    (d && pol->devices[d].sid <= pol->devices[d - 1].sid))
			return -EINVAL;
	return 0;
}

/* Drops ranges that grant nothing and joins neighbours of equal perms. */
static void normalize(const struct smmuv3_domain_in *in, struct dom *d, struct run *rn)
{
	d->rn = rn;
	d->n = 0;
	for (size_t r = 0; r < in->nranges; r++) {
		const struct smmuv3_range *g = &in->ranges[r];

		if (!g->perms)
			continue;
		if (d->n && rn[d->n - 1].end == g->start && rn[d->n - 1].perms == g->perms)
			rn[d->n - 1].end = g->start + g->length;
		else
			rn[d->n++] = (struct run){g->start, g->start + g->length, g->perms};
	}
}

/* ---- pages and relocations ---------------------------------------------- */


/* n pages, zeroed; returns the byte offset of the first. */
static uint64_t alloc_pages(struct bctx *c, size_t n)
{
	size_t p = c->w.npages;

	c->w.npages += n;
	if (c->w.pool && c->w.npages > c->w.pool_pages)
		iommu_writer_spill(&c->w);
	/* the pool is table memory at boot: a Device mapping on arm64, no memset */
	if (c->w.pool)
		iommu_tmem_zero(c->w.pool + p * SMMUV3_PAGE_SIZE, n * SMMUV3_PAGE_SIZE);
	return (uint64_t)p * SMMUV3_PAGE_SIZE;
}

static void put(struct bctx *c, uint64_t off, uint64_t v)
{
	if (c->w.pool)
		le64_put(c->w.pool + off, v);
}

/* ---- LPAE tables ---------------------------------------------------------- */

/* First run that ends after addr. */
static size_t first_after(const struct dom *d, uint64_t addr)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->rn[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether one run covers all of [ws, we), and its perms. */
static bool covered(const struct dom *d, uint64_t ws, uint64_t we, uint32_t *perms)
{
	size_t i = first_after(d, ws);

	if (i == d->n || d->rn[i].start > ws || d->rn[i].end < we)
		return false;
	*perms = d->rn[i].perms;
	return true;
}

static bool leaf_allowed(const struct bctx *c, unsigned level)
{
	return level == 3 || (level == 2 && c->pol->prof.blk2m) ||
	       (level == 1 && c->pol->prof.blk1g);
}

static uint64_t leaf(struct bctx *c, uint64_t pa, unsigned level, uint32_t perms)
{
	uint64_t e = pa | SMMUV3_PTE_VALID | SMMUV3_PTE_AF | SMMUV3_PTE_SH_IS;

	if (level == 3)
		e |= SMMUV3_PTE_TABLE; /* the page descriptor's encoding */
	if (c->pol->prof.stage == 1)
		e |= SMMUV3_PTE_S1_AP1 | (perms & SMMUV3_PERM_W ? 0 : SMMUV3_PTE_S1_AP2);
	else
		e |= 0xfull << SMMUV3_PTE_S2_MEMATTR_SHIFT |
		     (perms & SMMUV3_PERM_R ? SMMUV3_PTE_S2AP_R : 0) |
		     (perms & SMMUV3_PERM_W ? SMMUV3_PTE_S2AP_W : 0);
	c->sizes |= level == 3 ? SMMUV3_PGSZ_4K : level == 2 ? SMMUV3_PGSZ_2M : SMMUV3_PGSZ_1G;
	return e;
}

/* The table at 'level' whose window starts at wb; returns its byte offset. */
static uint64_t build_table(struct bctx *c, const struct dom *d, unsigned level, uint64_t wb)
{
	uint64_t span = SMMUV3_LEVEL_SPAN(level), we = wb + span * SMMUV3_PT_ENTRIES, pos = wb;
	uint64_t t = alloc_pages(c, 1);
	size_t i;

	for (i = first_after(d, wb); i < d->n && d->rn[i].start < we;) {
		/* the slot holding the first granted byte at or after pos */
		uint64_t es = (d->rn[i].start > pos ? d->rn[i].start : pos) & ~(span - 1);
		uint64_t off = t + (es - wb) / span * 8, e;
		uint32_t perms = 0;

		/* runs are page aligned, so a level-3 slot is always covered */
		if (leaf_allowed(c, level) && covered(d, es, es + span, &perms)) {
			e = leaf(c, es, level, perms);
		} else {
			e = build_table(c, d, level + 1, es) | SMMUV3_PTE_VALID | SMMUV3_PTE_TABLE;
			iommu_writer_reloc(&c->w, off);
		}
		put(c, off, e);
		pos = es + span;
		if (pos >= we)
			break;
		i = first_after(d, pos);
	}
	return t;
}

/* ---- stream table ----------------------------------------------------------- */

struct stlayout {
	unsigned log2size, split; /* split 0: linear */
	uint64_t l1, l2;	  /* byte offsets: the (L1) table, the first L2 table */
	uint64_t l1_bytes, l2_bytes;
	size_t nl2;
};

static size_t bytes_to_pages(uint64_t bytes)
{
	return bytes < SMMUV3_PAGE_SIZE ? 1 : (size_t)(bytes / SMMUV3_PAGE_SIZE);
}

/* L2 tables a split needs: one per distinct sid >> split of a granted device. */
static size_t count_l2(const struct bctx *c, unsigned split)
{
	const struct smmuv3_policy *pol = c->pol;
	size_t n = 0;
	uint64_t prev = UINT64_MAX;

	for (size_t i = 0; i < pol->ndevices; i++)
		if (c->doms[pol->devices[i].domain].used && pol->devices[i].sid >> split != prev) {
			prev = pol->devices[i].sid >> split;
			n++;
		}
	return n;
}

static void plan_strtab(struct bctx *c, struct stlayout *st)
{
	const struct smmuv3_policy *pol = c->pol;
	uint32_t maxsid = pol->ndevices ? pol->devices[pol->ndevices - 1].sid : 0;
	static const unsigned splits[] = {6, 8, 10};
	uint64_t best = UINT64_MAX;

	memset(st, 0, sizeof(*st));
	st->log2size = maxsid ? 32 - (unsigned)__builtin_clz(maxsid) : 0;
	st->l1_bytes = (uint64_t)SMMUV3_STE_BYTES << st->log2size;
	if (st->l1_bytes <= ST_LINEAR_MAX || !pol->prof.st_2lvl) {
		st->l1 = alloc_pages(c, bytes_to_pages(st->l1_bytes));
		return;
	}
	for (unsigned k = 0; k < sizeof(splits) / sizeof(splits[0]); k++) {
		size_t n = count_l2(c, splits[k]);
		uint64_t cost = (8ull << (st->log2size - splits[k])) +
				n * ((uint64_t)SMMUV3_STE_BYTES << splits[k]);

		if (cost < best) {
			best = cost;
			st->split = splits[k];
			st->nl2 = n;
		}
	}
	st->l1_bytes = 8ull << (st->log2size - st->split);
	st->l2_bytes = (uint64_t)SMMUV3_STE_BYTES << st->split;
	if (bytes_to_pages(st->l1_bytes) * SMMUV3_PAGE_SIZE >= st->l2_bytes) {
		st->l1 = alloc_pages(c, bytes_to_pages(st->l1_bytes));
		st->l2 = alloc_pages(c, st->nl2 * bytes_to_pages(st->l2_bytes));
	} else {
		st->l2 = alloc_pages(c, st->nl2 * bytes_to_pages(st->l2_bytes));
		st->l1 = alloc_pages(c, bytes_to_pages(st->l1_bytes));
	}
}

static void write_ste(struct bctx *c, uint64_t ste, const struct dom *d, uint16_t tag)
{
	const struct smmuv3_profile *pr = &c->pol->prof;

	if (pr->stage == 1) {
		put(c, ste,
		    d->cd | SMMUV3_STE0_V |
			(uint64_t)SMMUV3_STE_CONFIG_S1 << SMMUV3_STE0_CONFIG_SHIFT);
		iommu_writer_reloc(&c->w, ste);
		/* S1DSS substream 0; CD fetches inner/outer WB read-allocate, inner shareable */
		put(c, ste + 8,
		    2ull | 1ull << SMMUV3_STE1_S1CIR_SHIFT | 1ull << SMMUV3_STE1_S1COR_SHIFT |
			3ull << SMMUV3_STE1_S1CSH_SHIFT);
		return;
	}
	put(c, ste, SMMUV3_STE0_V | (uint64_t)SMMUV3_STE_CONFIG_S2 << SMMUV3_STE0_CONFIG_SHIFT);
	put(c, ste + 16,
	    tag | (uint64_t)(64 - pr->ias) << SMMUV3_STE2_S2T0SZ_SHIFT |
		(pr->ias == 48 ? 2ull : 1ull) << SMMUV3_STE2_S2SL0_SHIFT |
		1ull << SMMUV3_STE2_S2IR0_SHIFT | 1ull << SMMUV3_STE2_S2OR0_SHIFT |
		3ull << SMMUV3_STE2_S2SH0_SHIFT |
		(uint64_t)oas_code(pr->oas) << SMMUV3_STE2_S2PS_SHIFT | SMMUV3_STE2_S2AA64 |
		SMMUV3_STE2_S2R);
	put(c, ste + 24, d->top);
	iommu_writer_reloc(&c->w, ste + 24);
}

static void write_cd(struct bctx *c, const struct dom *d, uint16_t tag)
{
	const struct smmuv3_profile *pr = &c->pol->prof;

	put(c, d->cd,
	    (uint64_t)(64 - pr->ias) | 1ull << SMMUV3_CD0_IRGN0_SHIFT |
		1ull << SMMUV3_CD0_ORGN0_SHIFT | 3ull << SMMUV3_CD0_SH0_SHIFT | SMMUV3_CD0_EPD1 |
		SMMUV3_CD0_V | (uint64_t)oas_code(pr->oas) << SMMUV3_CD0_IPS_SHIFT |
		SMMUV3_CD0_AA64 | SMMUV3_CD0_R | SMMUV3_CD0_A | SMMUV3_CD0_ASET |
		(uint64_t)tag << SMMUV3_CD0_ASID_SHIFT);
	put(c, d->cd + 8, d->top);
	iommu_writer_reloc(&c->w, d->cd + 8);
	put(c, d->cd + 24, CD_MAIR_ATTR0_WB);
}

static int reloc_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* One pass: counts always, writes while c->w.pool is set. */
static void build_all(struct bctx *c, struct smmuv3_build_out *out)
{
	const struct smmuv3_policy *pol = c->pol;
	struct stlayout st;
	uint64_t cdbase = 0, l2 = 0, l2key = UINT64_MAX;
	size_t i, ncd = 0, nl2 = 0;

	plan_strtab(c, &st);
	if (pol->prof.stage == 1) {
		for (i = 0; i < pol->ndomains; i++)
			ncd += c->doms[i].used;
		if (ncd)
			cdbase = alloc_pages(c, (ncd + 63) / 64);
	}
	ncd = 0;
	for (i = 0; i < pol->ndomains; i++) {
		struct dom *d = &c->doms[i];

		if (!d->used)
			continue;
		d->cd = cdbase + ncd++ * SMMUV3_CD_BYTES;
		d->top = build_table(c, d, pol->prof.ias == 48 ? 0 : 1, 0);
		if (pol->prof.stage == 1)
			write_cd(c, d, pol->domains[i].tag);
	}
	for (i = 0; i < pol->ndevices; i++) {
		const struct smmuv3_device_in *dv = &pol->devices[i];
		const struct dom *d = &c->doms[dv->domain];
		uint64_t ste;

		if (!d->used)
			continue;
		if (!st.split) {
			ste = st.l1 + (uint64_t)dv->sid * SMMUV3_STE_BYTES;
		} else {
			if (dv->sid >> st.split != l2key) {
				uint64_t l1d = st.l1 + (uint64_t)(dv->sid >> st.split) * 8;

				l2 = st.l2 + nl2++ * st.l2_bytes;
				l2key = dv->sid >> st.split;
				put(c, l1d, l2 | (st.split + 1));
				iommu_writer_reloc(&c->w, l1d);
			}
			ste = l2 + (uint64_t)(dv->sid & ((1u << st.split) - 1)) * SMMUV3_STE_BYTES;
		}
		write_ste(c, ste, d, pol->domains[dv->domain].tag);
	}
	if (c->w.pool)
		qsort(c->w.relocs, c->w.nrelocs, sizeof(*c->w.relocs), reloc_cmp);

	out->strtab = st.l1;
	out->strtab_cfg =
	    st.log2size | (st.split ? st.split << SMMUV3_STRTAB_SPLIT_SHIFT |
					  SMMUV3_STRTAB_FMT_2LVL << SMMUV3_STRTAB_FMT_SHIFT
				    : 0);
	out->strtab_align = SMMUV3_PAGE_SIZE;
	if (st.l1_bytes > out->strtab_align)
		out->strtab_align = st.l1_bytes;
	if (st.nl2 && st.l2_bytes > out->strtab_align)
		out->strtab_align = st.l2_bytes;
}

int smmuv3_build(const struct smmuv3_policy *pol, struct smmuv3_build_out *out)
{
	struct bctx c = {.pol = pol};
	struct run *runs = NULL;
	uint64_t *tags;
	size_t i, nruns = 0;
	int err;

	tags = calloc(65536 / 64, sizeof(*tags));
	if (!tags)
		return -ENOMEM;
	err = check_policy(pol, tags);
	free(tags);
	if (err)
		return err;
	for (i = 0; i < pol->ndomains; i++) {
		if (pol->domains[i].nranges > SIZE_MAX / sizeof(*runs) - nruns)
			return -ENOMEM;
		nruns += pol->domains[i].nranges;
	}
	c.doms = calloc(pol->ndomains ? pol->ndomains : 1, sizeof(*c.doms));
	runs = calloc(nruns ? nruns : 1, sizeof(*runs));
	if (!c.doms || !runs) {
		err = -ENOMEM;
		goto out;
	}
	nruns = 0;
	for (i = 0; i < pol->ndomains; i++) {
		normalize(&pol->domains[i], &c.doms[i], runs + nruns);
		nruns += c.doms[i].n;
	}
	for (i = 0; i < pol->ndevices; i++)
		if (c.doms[pol->devices[i].domain].n)
			c.doms[pol->devices[i].domain].used = true;

	c.w.pool = out->relocs ? out->pool : NULL;
	c.w.pool_pages = out->pool_pages;
	c.w.relocs = out->relocs;
	c.w.reloc_cap = out->reloc_cap;
	build_all(&c, out);
	out->npages = c.w.npages;
	out->nrelocs = c.w.nrelocs;
	out->sizes_used = c.sizes;
	if (out->pool && (c.w.spilled || !out->relocs))
		err = -ENOSPC;
out:
	free(c.doms);
	free(runs);
	return err;
}

int smmuv3_relocate(uint8_t *pages, size_t npages, const uint64_t *relocs, size_t n, uint64_t base)
{
	/* a table address with a 4 KiB granule has 48 bits, whatever the word */
	return iommu_relocate(pages, npages, relocs, n, base, SMMUV3_PTE_ADDR_MASK);
}
