/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 translation of one access, from IHI 0070 (the STE and CD
 * validity pseudocode of 5.2.2 and 5.4.2, the address-size rules of 3.4)
 * and the Armv8-A VMSAv8-64 4 KiB-granule walk. The unit modelled has
 * what cfg states and AArch64, little-endian, 4 KiB-granule tables; where
 * the answer would depend on anything else (stall and termination models,
 * HTTU, ATS, StreamWorld, substreams, other granules, RES0 bits, a choice
 * the spec leaves to the implementation), the walker denies and sets
 * r->unpredictable, so that the proof trusts neither answer.
 */
#include <endian.h>
#include <errno.h>
#include <string.h>

#include "smmuv3/smmuv3_walk.h"
#include "smmuv3/smmuv3_walk_int.h"

/* Descriptor bits 51:48: RES0 with a 4 KiB granule and no 52-bit OA (DS). */
#define OA_HI_RES0 0x000f000000000000ull
/* Leaf descriptors: the contiguous hint */
#define PTE_CONT (1ull << 52)
/* Stage-1 table descriptors: APTable[0] (no unprivileged access), APTable[1] (no write) */
#define APTABLE0 (1ull << 61)
#define APTABLE1 (1ull << 62)
/* STE dword1: EATS [29:28], STRW [31:30], PRIVCFG [49:48] */
#define STE1_EATS	   (3ull << 28)
#define STE1_STRW	   (3ull << 30)
#define STE1_PRIVCFG_SHIFT 48
/* STE dword2 stage-2 flags the unit modelled has no use for */
#define STE2_S2HD (1ull << 55)
#define STE2_S2HA (1ull << 56)
/* CD dword0 */
#define CD0_TG1_SHIFT 22
#define CD0_TBI0      (1ull << 38)
#define CD0_TBI1      (1ull << 39)
#define CD0_PAN	      (1ull << 40)
/* CD dword1 / dword2: HADx [1], E0PDx [2], TTBx [51:4] */
#define CD_HAD	  (1ull << 1)
#define CD_E0PD	  (1ull << 2)
#define CD_TG1_4K 2u

static bool rd64(const struct smmuv3_mem *m, uint64_t addr, uint64_t *v)
{
	if (!m->base || addr < m->phys || m->size < 8 || addr - m->phys > m->size - 8)
		return false;
	memcpy(v, m->base + (addr - m->phys), 8);
	*v = le64toh(*v);
	return true;
}

static bool rd_words(const struct smmuv3_mem *m, uint64_t addr, uint64_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (addr > UINT64_MAX - 8 * i || !rd64(m, addr + 8 * i, &v[i]))
			return false;
	return true;
}

static int fault(struct smmuv3_walk_result *r, unsigned event)
{
	r->ok = false;
	r->event = event;
	return 0;
}

static int unpred(struct smmuv3_walk_result *r, unsigned event)
{
	r->unpredictable = true;
	return fault(r, event);
}

/* IPS / S2PS encodings; 7 is 52 bits in SMMUv3.1-3.3 (and 56 later) */
static unsigned ps_bits(unsigned enc)
{
	static const unsigned bits[8] = {32, 36, 40, 42, 44, 48, 52, 52};

	return bits[enc & 7];
}

static unsigned min_u(unsigned a, unsigned b)
{
	return a < b ? a : b;
}

static bool beyond(uint64_t addr, unsigned bits)
{
	return bits < 64 && (addr >> bits) != 0;
}

/* The stage-1 permission for a leaf, with APTable gathered above it. */
static bool s1_allows(const struct smmuv3_lpae *lp, uint64_t e, uint64_t tbl, bool write,
		      bool *unknown)
{
	bool ap1 = e & SMMUV3_PTE_S1_AP1, unpriv, priv;

	if (write && ((e & SMMUV3_PTE_S1_AP2) || (tbl & APTABLE1)))
		return false;
	unpriv = ap1 && !(tbl & APTABLE0);
	priv = !(lp->pan && ap1);
	if (lp->priv >= 0)
		return lp->priv ? priv : unpriv;
	if (unpriv != priv)
		*unknown = true;
	return unpriv && priv;
}

/*
 * The table walk proper, from at: leaf or fault, 0. Levels only go down,
 * so it ends. With stop, a table descriptor at at's level ends it there
 * instead: 1 with *stop where the walk would go on.
 */
static int walk_tables(const struct smmuv3_mem *m, const struct smmuv3_lpae *lp,
		       const struct smmuv3_walk_at *at, uint64_t addr, bool write,
		       struct smmuv3_walk_result *r, struct smmuv3_walk_at *stop)
{
	uint64_t table = at->table, tbl = at->aptable, e;

	for (unsigned level = at->level; level <= 3; level++) {
		unsigned shift = SMMUV3_PAGE_SHIFT + 9 * (3 - level);
		unsigned bits = level == lp->level ? lp->ia - shift : 9;
		uint64_t idx = (addr >> shift) & ((1ull << bits) - 1), span = 1ull << shift, oa;
		bool unknown = false;

		if (!rd64(m, table + idx * 8, &e))
			return fault(r, SMMUV3_EVT_F_WALK_EABT);
		if (!(e & SMMUV3_PTE_VALID))
			return fault(r, SMMUV3_EVT_F_TRANSLATION);
		if (e & OA_HI_RES0)
			return unpred(r, SMMUV3_EVT_F_ADDR_SIZE);
		oa = e & SMMUV3_PTE_ADDR_MASK;
		if (level < 3 && (e & SMMUV3_PTE_TABLE)) {
			if (beyond(oa, lp->oa))
				return fault(r, SMMUV3_EVT_F_ADDR_SIZE);
			if (!lp->stage2)
				tbl |= e & (APTABLE0 | APTABLE1);
			table = oa;
			if (stop) {
				*stop = (struct smmuv3_walk_at){at->t, level + 1, table, tbl};
				return 1;
			}
			continue;
		}
		/* a block at level 0, or the reserved encoding at level 3 */
		if (level == 0 || (level == 3 && !(e & SMMUV3_PTE_TABLE)))
			return fault(r, SMMUV3_EVT_F_TRANSLATION);
		/* the contiguous hint lets a TLB use this entry for its 15 neighbours */
		if ((oa & (span - 1)) || (e & PTE_CONT))
			return unpred(r, SMMUV3_EVT_F_TRANSLATION);
		if (beyond(oa, lp->oa))
			return fault(r, SMMUV3_EVT_F_ADDR_SIZE);
		if (!(e & SMMUV3_PTE_AF) && !lp->affd)
			return fault(r, SMMUV3_EVT_F_ACCESS);
		if (lp->stage2) {
			if (!(e & (write ? SMMUV3_PTE_S2AP_W : SMMUV3_PTE_S2AP_R)))
				return fault(r, SMMUV3_EVT_F_PERMISSION);
		} else if (!s1_allows(lp, e, tbl, write, &unknown)) {
			return unknown ? unpred(r, SMMUV3_EVT_F_PERMISSION)
				       : fault(r, SMMUV3_EVT_F_PERMISSION);
		}
		r->ok = true;
		r->event = 0;
		r->level = level;
		r->pa = oa | (addr & (span - 1));
		return 0;
	}
	return fault(r, SMMUV3_EVT_F_TRANSLATION); /* not reached: level 3 is a leaf */
}

/* The start level a 4 KiB granule needs for ia input bits (stage 1). */
static unsigned s1_start_level(unsigned ia)
{
	return 3 - (ia - 1 - SMMUV3_PAGE_SHIFT) / 9;
}

/* The table at the start level must be aligned to its size, else unpredictable. */
static bool ttb_aligned(uint64_t ttb, unsigned ia, unsigned level)
{
	unsigned shift = SMMUV3_PAGE_SHIFT + 9 * (3 - level);
	uint64_t bytes = 8ull << (ia - shift);

	/* and to 64 bytes at least */
	return !(ttb & ((bytes < 64 ? 64 : bytes) - 1));
}

/* Stage 1: the CD at cdaddr and its checks (5.4.2). */
static int s1_regime(const struct smmuv3_mem *m, const struct smmuv3_walk_cfg *cfg, uint64_t ste1,
		     uint64_t cdaddr, struct smmuv3_regime *rg, struct smmuv3_walk_result *r)
{
	uint64_t cd[3], d0;
	unsigned ips, privcfg;

	if (!rd_words(m, cdaddr, cd, 3))
		return fault(r, SMMUV3_EVT_F_CD_FETCH);
	d0 = cd[0];
	if (!(d0 & SMMUV3_CD0_V))
		return fault(r, SMMUV3_EVT_C_BAD_CD);
	r->tag = (uint32_t)(d0 >> SMMUV3_CD0_ASID_SHIFT);
	/* stall model, termination model, endianness, AArch32 tables, HTTU */
	if ((d0 & (SMMUV3_CD0_S | SMMUV3_CD0_ENDI | SMMUV3_CD0_HA | SMMUV3_CD0_HD)) ||
	    !(d0 & SMMUV3_CD0_A) || !(d0 & SMMUV3_CD0_AA64))
		return unpred(r, SMMUV3_EVT_C_BAD_CD);
	ips = min_u(min_u(ps_bits((unsigned)(d0 >> SMMUV3_CD0_IPS_SHIFT)), cfg->oas), 48);
	if (((d0 >> SMMUV3_CD0_IPS_SHIFT) & 7) == 7 && cfg->oas > 48)
		return unpred(r, SMMUV3_EVT_C_BAD_CD);
	privcfg = (unsigned)(ste1 >> STE1_PRIVCFG_SHIFT) & 3;
	/* TTB0 and, unless disabled, TTB1: TxSZ in 16..39, 4 KiB, TTB in range */
	for (unsigned t = 0; t < 2; t++) {
		struct smmuv3_lpae *lp = &rg->t[t];
		unsigned sz = (unsigned)(d0 >> (t ? SMMUV3_CD0_T1SZ_SHIFT : 0)) & 0x3f;
		unsigned tg = (unsigned)(d0 >> (t ? CD0_TG1_SHIFT : SMMUV3_CD0_TG0_SHIFT)) & 3;
		uint64_t ttb = cd[1 + t] & SMMUV3_CD1_TTB0_MASK;

		rg->tbi[t] = d0 & (t ? CD0_TBI1 : CD0_TBI0);
		rg->on[t] = !(d0 & (t ? SMMUV3_CD0_EPD1 : SMMUV3_CD0_EPD0));
		if (!rg->on[t])
			continue;
		if (sz < 16 || sz > 39 || tg != (t ? CD_TG1_4K : 0) ||
		    (cd[1 + t] & (CD_HAD | CD_E0PD)))
			return unpred(r, SMMUV3_EVT_C_BAD_CD);
		if (beyond(ttb, ips))
			return fault(r, SMMUV3_EVT_C_BAD_CD);
		if (!ttb_aligned(ttb, 64 - sz, s1_start_level(64 - sz)))
			return unpred(r, SMMUV3_EVT_C_BAD_CD);
		lp->ttb = ttb;
		lp->ia = 64 - sz;
		lp->level = s1_start_level(lp->ia);
		lp->oa = ips;
		lp->affd = d0 & SMMUV3_CD0_AFFD;
		lp->pan = d0 & CD0_PAN;
		lp->priv = privcfg == 3 ? 1 : privcfg == 2 ? 0 : -1;
	}
	rg->record = d0 & SMMUV3_CD0_R;
	return 1;
}

/* Stage 2: the STE's stage-2 checks (5.2.2). */
static int s2_regime(const struct smmuv3_walk_cfg *cfg, const uint64_t *ste,
		     struct smmuv3_regime *rg, struct smmuv3_walk_result *r)
{
	uint64_t d2 = ste[2], ttb = ste[3] & SMMUV3_STE3_S2TTB_MASK;
	unsigned t0sz = (unsigned)(d2 >> SMMUV3_STE2_S2T0SZ_SHIFT) & 0x3f;
	unsigned sl0 = (unsigned)(d2 >> SMMUV3_STE2_S2SL0_SHIFT) & 3;
	unsigned tg = (unsigned)(d2 >> SMMUV3_STE2_S2TG_SHIFT) & 3, ia, lvl, min_ia, max_ia;
	struct smmuv3_lpae *lp = &rg->t[0];

	rg->ias = cfg->oas; /* AArch64 tables only: IAS == OAS */
	r->tag = (uint32_t)(d2 & SMMUV3_STE2_S2VMID_MASK);
	if (!(d2 & SMMUV3_STE2_S2AA64) ||
	    (d2 & (SMMUV3_STE2_S2ENDI | SMMUV3_STE2_S2S | STE2_S2HA | STE2_S2HD)) || tg != 0)
		return unpred(r, SMMUV3_EVT_C_BAD_STE);
	/* IAS is the OAS, or 40 bits if the unit has AArch32 tables too */
	if (t0sz < 16 || 64 - t0sz > (rg->ias > 40 ? rg->ias : 40))
		return fault(r, SMMUV3_EVT_C_BAD_STE);
	if (t0sz > 39 || 64 - t0sz > rg->ias)
		return unpred(r, SMMUV3_EVT_C_BAD_STE);
	ia = 64 - t0sz;
	if (sl0 == 3 || (sl0 == 2 && cfg->oas < 44))
		return fault(r, SMMUV3_EVT_C_BAD_STE);
	lvl = 2 - sl0;
	/* the start level must be needed, with at most 16 tables concatenated */
	min_ia = SMMUV3_PAGE_SHIFT + 9 * (3 - lvl) + 1;
	max_ia = SMMUV3_PAGE_SHIFT + 9 * (4 - lvl) + (lvl ? 4 : 0);
	if (ia < min_ia || ia > max_ia)
		return fault(r, SMMUV3_EVT_C_BAD_STE);
	lp->oa = min_u(min_u(ps_bits((unsigned)(d2 >> SMMUV3_STE2_S2PS_SHIFT)), cfg->oas), 48);
	if (((d2 >> SMMUV3_STE2_S2PS_SHIFT) & 7) == 7 && cfg->oas > 48)
		return unpred(r, SMMUV3_EVT_C_BAD_STE);
	if (beyond(ttb, lp->oa))
		return fault(r, SMMUV3_EVT_C_BAD_STE);
	if (!ttb_aligned(ttb, ia, lvl))
		return unpred(r, SMMUV3_EVT_C_BAD_STE);
	lp->ttb = ttb;
	lp->level = lvl;
	lp->ia = ia;
	lp->stage2 = true;
	lp->affd = d2 & SMMUV3_STE2_S2AFFD;
	rg->on[0] = true;
	rg->stage2 = true;
	rg->record = d2 & SMMUV3_STE2_S2R;
	return 1;
}

/* Bits [lo, hi) of a: all clear (ones false) or all set (ones true). */
static bool bits_all(uint64_t a, unsigned lo, unsigned hi, bool ones)
{
	uint64_t mask;

	if (lo >= hi)
		return true;
	mask = (hi >= 64 ? ~0ull : (1ull << hi) - 1) & ~((1ull << lo) - 1);
	return (a & mask) == (ones ? mask : 0);
}

void smmuv3_walk_root(const struct smmuv3_regime *rg, unsigned t, struct smmuv3_walk_at *at)
{
	*at = (struct smmuv3_walk_at){t, rg->t[t].level, rg->t[t].ttb, 0};
}

/* The input address checks (3.4), then the walk of the tree addr selects, from start if in it. */
static int walk_in_at(const struct smmuv3_mem *m, const struct smmuv3_regime *rg,
		      const struct smmuv3_walk_at *start, uint64_t addr, bool write,
		      struct smmuv3_walk_result *r, struct smmuv3_walk_at *stop)
{
	struct smmuv3_walk_at root;
	int t, ret = 0; /* t: the tree addr selects, -1 if its range decides */

	if (rg->stage2) {
		/* stage 1 bypassed: beyond the IAS is a stage-1 address size fault */
		if (beyond(addr, rg->ias))
			return fault(r, SMMUV3_EVT_F_ADDR_SIZE);
		t = beyond(addr, rg->t[0].ia) ? -1 : 0;
	} else {
		/* VA bit 55 picks the tree; the bits above its size must copy it */
		unsigned hi = (addr >> 55) & 1, top = rg->tbi[hi] ? 56 : 64;

		t = rg->on[hi] && bits_all(addr, rg->t[hi].ia, top, hi) ? (int)hi : -1;
	}
	if (t < 0) {
		fault(r, SMMUV3_EVT_F_TRANSLATION);
	} else {
		if (!start || start->t != (unsigned)t) {
			smmuv3_walk_root(rg, (unsigned)t, &root);
			start = &root;
		}
		ret = walk_tables(m, &rg->t[t], start, addr, write, r, stop);
	}
	if (!ret && !r->ok && r->event != SMMUV3_EVT_F_WALK_EABT && !rg->record)
		r->event = 0;
	return ret;
}

void smmuv3_walk_in(const struct smmuv3_mem *m, const struct smmuv3_regime *rg, uint64_t addr,
		    bool write, struct smmuv3_walk_result *r)
{
	walk_in_at(m, rg, NULL, addr, write, r, NULL);
}

int smmuv3_walk_from(const struct smmuv3_mem *m, const struct smmuv3_regime *rg,
		     const struct smmuv3_walk_at *at, uint64_t addr, bool write,
		     struct smmuv3_walk_result *r, struct smmuv3_walk_at *next)
{
	return walk_in_at(m, rg, at, addr, write, r, next);
}

/* Finds the STE's address, or records why there is none (3.3, 5.1, 6.3.25). */
static bool find_ste(const struct smmuv3_mem *m, const struct smmuv3_walk_cfg *cfg, uint32_t sid,
		     uint64_t *ste_addr, struct smmuv3_walk_result *r)
{
	unsigned log2 = cfg->strtab_cfg & SMMUV3_STRTAB_LOG2SIZE_MASK,
		 eff = min_u(log2, cfg->sidsize);
	unsigned fmt = (cfg->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT) & 3;
	unsigned split = (cfg->strtab_cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	uint64_t base = cfg->strtab_base & SMMUV3_STRTAB_ADDR_MASK, l1, l2, span;

	if (eff < 32 && (sid >> eff) != 0) {
		fault(r, SMMUV3_EVT_C_BAD_STREAMID);
		return false;
	}
	if (fmt != SMMUV3_STRTAB_FMT_2LVL) {
		/* the base is aligned to the table's size, from LOG2SIZE as written */
		base &= ~((1ull << (log2 + 6 > 63 ? 63 : log2 + 6)) - 1);
		*ste_addr = base + (uint64_t)sid * SMMUV3_STE_BYTES;
		return true;
	}
	if (split != 8 && split != 10)
		split = 6;
	/* the L1 table: MAX(1, 2^(LOG2SIZE - SPLIT)) descriptors, aligned to its size */
	if (log2 > split && log2 - split + 3 > 6)
		base &= ~((1ull << (log2 - split + 3 > 63 ? 63 : log2 - split + 3)) - 1);
	l1 = base + (uint64_t)(sid >> split) * 8;
	if (beyond(l1, cfg->oas)) {
		unpred(r, SMMUV3_EVT_F_STE_FETCH);
		return false;
	}
	if (!rd64(m, l1, &l2)) {
		fault(r, SMMUV3_EVT_F_STE_FETCH);
		return false;
	}
	span = l2 & SMMUV3_L1_SPAN_MASK;
	/* Span 0, reserved (12..31), beyond the split, or sid past the L2 array */
	if (span == 0 || span > 11 || span - 1 > split ||
	    (sid & ((1u << split) - 1)) >= (1u << (span - 1))) {
		fault(r, SMMUV3_EVT_C_BAD_STREAMID);
		return false;
	}
	l2 &= SMMUV3_L1_ADDR_MASK & ~((1ull << (6 + span - 1)) - 1);
	*ste_addr = l2 + (uint64_t)(sid & ((1u << split) - 1)) * SMMUV3_STE_BYTES;
	return true;
}

int smmuv3_walk_regime(const struct smmuv3_mem *m, const struct smmuv3_walk_cfg *cfg, uint32_t sid,
		       uint64_t addr, struct smmuv3_regime *rg, struct smmuv3_walk_result *r)
{
	uint64_t ste[4], sa;
	unsigned config;

	if (!m || !cfg || !r || !rg)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	memset(rg, 0, sizeof(*rg));
	if (cfg->oas < 32 || cfg->oas > 52 || cfg->sidsize > 32)
		return -EINVAL;
	if (!find_ste(m, cfg, sid, &sa, r))
		return 0;
	if (beyond(sa, cfg->oas))
		return unpred(r, SMMUV3_EVT_F_STE_FETCH);
	if (!rd_words(m, sa, ste, 4))
		return fault(r, SMMUV3_EVT_F_STE_FETCH);
	if (!(ste[0] & SMMUV3_STE0_V))
		return fault(r, SMMUV3_EVT_C_BAD_STE);
	config = (unsigned)((ste[0] & SMMUV3_STE0_CONFIG_MASK) >> SMMUV3_STE0_CONFIG_SHIFT);
	if (!(config & 4))
		return fault(r, 0); /* abort, and the reserved values that behave as it */
	if (((config & 1) && !cfg->s1p) || ((config & 2) && !cfg->s2p))
		return fault(r, SMMUV3_EVT_C_BAD_STE);
	/* ATS, a StreamWorld other than NS-EL1: the unit's options decide */
	if (config != SMMUV3_STE_CONFIG_BYPASS && (ste[1] & (STE1_EATS | STE1_STRW)))
		return unpred(r, SMMUV3_EVT_C_BAD_STE);
	switch (config) {
	case SMMUV3_STE_CONFIG_BYPASS:
		if (beyond(addr, cfg->oas))
			return fault(r, SMMUV3_EVT_F_ADDR_SIZE);
		r->ok = true;
		r->bypass = true;
		r->pa = addr;
		return 0;
	case SMMUV3_STE_CONFIG_S1: {
		uint64_t cd = ste[0] & SMMUV3_STE0_S1CTXPTR_MASK;

		/* substreams and stalls: the unit's SSIDSIZE and stall model decide */
		if ((ste[0] >> SMMUV3_STE0_S1CDMAX_SHIFT) || (ste[1] & SMMUV3_STE1_S1STALLD))
			return unpred(r, SMMUV3_EVT_C_BAD_STE);
		if (beyond(cd, cfg->oas))
			return fault(r, SMMUV3_EVT_C_BAD_STE);
		return s1_regime(m, cfg, ste[1], cd, rg, r);
	}
	case SMMUV3_STE_CONFIG_S2:
		return s2_regime(cfg, ste, rg, r);
	default:
		/* nested: stage-1 walks through stage 2, which this walker does not follow */
		return unpred(r, SMMUV3_EVT_C_BAD_STE);
	}
}

int smmuv3_walk(const struct smmuv3_mem *m, const struct smmuv3_walk_cfg *cfg, uint32_t sid,
		uint64_t addr, bool write, struct smmuv3_walk_result *r)
{
	struct smmuv3_regime rg;
	int ret = smmuv3_walk_regime(m, cfg, sid, addr, &rg, r);

	if (ret == 1) {
		smmuv3_walk_in(m, &rg, addr, write, r);
		ret = 0;
	}
	return ret;
}
