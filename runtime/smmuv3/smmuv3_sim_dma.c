/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software SMMUv3's caches, DMA and event queue.
 *
 * Caching. The configuration cache holds, per StreamID, the bytes of the
 * L1 descriptor, STE and CD the unit fetched, with their addresses; only
 * valid structures are cached. The TLB holds 4 KiB translations per
 * (stage, ASID or VMID, page) and direction. A DMA translates each piece
 * with smmuv3_walk() over the table memory as the caches show it: the
 * cached bytes are put in place of the live ones at their addresses for
 * the one walk, then the live bytes are restored (the model is single
 * threaded, and the walker reads memory only). So an STE changed without
 * CFGI_STE keeps its old behaviour, and a translation found in the TLB is
 * used whatever the tables now say, until a TLBI that covers it.
 *
 * The page tables themselves are not cached apart from the TLB; a walk
 * that faults fills nothing, and a TLB entry is found only through a
 * configuration that translates (stage 1 with its CD, or stage 2).
 */
#include <errno.h>
#include <string.h>

#include "smmuv3/smmuv3_sim_priv.h"
#include "smmuv3/smmuv3_walk.h"

#define EVT1_S2	      (1ull << 39)
#define EVT1_CLASS_IN (2ull << 40)
#define EVT3_IPA_MASK 0x000ffffffffff000ull

/* ---- configuration cache ---------------------------------------------- */

static bool in_table(const struct smmuv3_sim *s, uint64_t pa, uint64_t len)
{
	return pa >= s->cfg.table_base && pa - s->cfg.table_base <= s->cfg.table_size &&
	       len <= s->cfg.table_size - (pa - s->cfg.table_base);
}

/* Drops StreamIDs equal to sid in all but their low 'bits' bits (32: every one). */
void sim_cfg_drop(struct smmuv3_sim *s, uint32_t sid, unsigned bits, bool cd_only)
{
	unsigned i;

	for (i = 0; i < SIM_CFG_ENTRIES; i++) {
		struct sim_cfg_ent *e = &s->ce[i];

		if (!e->valid || (bits < 32 && (e->sid >> bits) != (sid >> bits)))
			continue;
		if (cd_only) {
			e->cd_valid = false;
			continue;
		}
		if (in_table(s, e->ste_addr, SMMUV3_STE_BYTES) &&
		    (sim_ld64(s->mem + e->ste_addr) & SMMUV3_STE0_V) &&
		    memcmp(s->mem + e->ste_addr, e->ste, SMMUV3_STE_BYTES))
			s->errors |= SMMUV3_SIM_ERR_STE_TORN;
		e->valid = false;
	}
}


static bool fetch(const struct smmuv3_sim *s, uint64_t pa, void *buf, size_t len)
{
	if (!in_table(s, pa, len))
		return false;
	memcpy(buf, s->mem + pa, len);
	return true;
}

/*
 * Fetches sid's L1 descriptor and STE into e, from the addresses the
 * walker reads them at (the same alignment of each table to its size, the
 * same SPLIT values), so that the cached bytes go back where it looks;
 * false if the StreamID has no valid STE (the walker then says why).
 */
static bool ste_fetch(const struct smmuv3_sim *s, uint32_t sid, struct sim_cfg_ent *e)
{
	uint32_t c = s->strtab_cfg;
	unsigned log2 = c & SMMUV3_STRTAB_LOG2SIZE_MASK, eff;
	unsigned split = (c & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT, al;
	uint64_t base = s->strtab_base & SMMUV3_STRTAB_ADDR_MASK, l1, span, idx;

	memset(e, 0, sizeof(*e));
	e->sid = sid;
	eff = log2 < s->cfg.sidsize ? log2 : s->cfg.sidsize;
	if (eff < 32 && (sid >> eff))
		return false;
	switch (c >> SMMUV3_STRTAB_FMT_SHIFT & 3) {
	case SMMUV3_STRTAB_FMT_2LVL:
		if (split != 8 && split != 10)
			split = 6;
		al = log2 > split ? log2 - split + 3 : 0;
		if (al > 6)
			base &= ~((1ull << (al > 63 ? 63 : al)) - 1);
		e->has_l1 = true;
		e->l1_addr = base + (uint64_t)(sid >> split) * 8;
		if (!fetch(s, e->l1_addr, e->l1, sizeof(e->l1)))
			return false;
		l1 = sim_ld64(e->l1);
		span = l1 & SMMUV3_L1_SPAN_MASK;
		idx = sid & ((1u << split) - 1);
		/* an L2 table of 2^(Span-1) STEs; Span 0 is an invalid descriptor */
		if (!span || span > 11 || span - 1 > split || idx >= (1ull << (span - 1)))
			return false;
		e->ste_addr = (l1 & SMMUV3_L1_ADDR_MASK & ~((1ull << (6 + span - 1)) - 1)) +
			      idx * SMMUV3_STE_BYTES;
		break;
	default:
		al = log2 + 6 > 63 ? 63 : log2 + 6;
		e->ste_addr = (base & ~((1ull << al) - 1)) + (uint64_t)sid * SMMUV3_STE_BYTES;
		break;
	}
	if (!fetch(s, e->ste_addr, e->ste, sizeof(e->ste)) || !(sim_ld64(e->ste) & SMMUV3_STE0_V))
		return false;
	e->config =
	    (unsigned)((sim_ld64(e->ste) & SMMUV3_STE0_CONFIG_MASK) >> SMMUV3_STE0_CONFIG_SHIFT);
	e->valid = true;
	return true;
}

/* The CD a stage-1 STE points to, when valid. */
static void cd_fetch(const struct smmuv3_sim *s, struct sim_cfg_ent *e)
{
	if (e->cd_valid || e->config != SMMUV3_STE_CONFIG_S1)
		return;
	e->cd_addr = sim_ld64(e->ste) & SMMUV3_STE0_S1CTXPTR_MASK;
	e->cd_valid =
	    fetch(s, e->cd_addr, e->cd, sizeof(e->cd)) && (sim_ld64(e->cd) & SMMUV3_CD0_V);
}

/*
 * sid's configuration as the unit sees it: the cached entry, completed
 * from memory where it lacks something. With fill false (a look that
 * changes nothing) the result is built in *tmp and nothing is stored.
 */
static const struct sim_cfg_ent *cfg_get(struct smmuv3_sim *s, uint32_t sid, bool fill,
					 struct sim_cfg_ent *tmp)
{
	struct sim_cfg_ent *e = NULL;
	unsigned i;

	for (i = 0; i < SIM_CFG_ENTRIES && !e; i++)
		if (s->ce[i].valid && s->ce[i].sid == sid)
			e = &s->ce[i];
	if (!e) {
		if (!ste_fetch(s, sid, tmp))
			return NULL;
		if (fill) {
			e = &s->ce[s->ce_next];
			s->ce_next = (s->ce_next + 1) % SIM_CFG_ENTRIES;
			*e = *tmp;
			s->st.ste_fills++;
		} else {
			e = tmp;
		}
	} else if (!fill) {
		*tmp = *e;
		e = tmp;
	}
	if (!e->cd_valid) {
		cd_fetch(s, e);
		if (fill && e->cd_valid)
			s->st.cd_fills++;
	}
	return e;
}

/* ---- the cached bytes in place for one walk ---------------------------- */

struct swap {
	uint64_t pa;
	size_t len;
	uint8_t live[SMMUV3_STE_BYTES];
};

static void swap_one(struct smmuv3_sim *s, struct swap *w, unsigned *n, uint64_t pa,
		     const uint8_t *cached, size_t len)
{
	struct swap *x = &w[*n];

	if (!in_table(s, pa, len))
		return;
	x->pa = pa;
	x->len = len;
	memcpy(x->live, s->mem + pa, len);
	memcpy(s->mem + pa, cached, len);
	(*n)++;
}

/* Puts e's bytes in place; returns how many regions to restore. */
static unsigned swap_in(struct smmuv3_sim *s, const struct sim_cfg_ent *e, struct swap w[3])
{
	unsigned n = 0;

	if (!e)
		return 0;
	if (e->has_l1)
		swap_one(s, w, &n, e->l1_addr, e->l1, sizeof(e->l1));
	swap_one(s, w, &n, e->ste_addr, e->ste, sizeof(e->ste));
	if (e->cd_valid)
		swap_one(s, w, &n, e->cd_addr, e->cd, sizeof(e->cd));
	return n;
}

/* In reverse order, so that overlapping structures come back exactly. */
static void swap_out(struct smmuv3_sim *s, struct swap w[3], unsigned n)
{
	while (n--)
		memcpy(s->mem + w[n].pa, w[n].live, w[n].len);
}

/* ---- TLB ------------------------------------------------------------- */

/* Stage 0 drops every stage; by_tag limits it to one ASID or VMID. */
void sim_tlb_drop(struct smmuv3_sim *s, unsigned stage, bool by_tag, uint32_t tag)
{
	unsigned i;

	for (i = 0; i < SIM_TLB_ENTRIES; i++) {
		struct sim_tlb_ent *t = &s->tlb[i];

		if (t->valid && (!stage || t->stage == stage) && (!by_tag || t->tag == tag))
			t->valid = false;
	}
}

static struct sim_tlb_ent *tlb_find(struct smmuv3_sim *s, unsigned stage, uint32_t tag,
				    uint64_t page)
{
	unsigned i;

	for (i = 0; i < SIM_TLB_ENTRIES; i++) {
		struct sim_tlb_ent *t = &s->tlb[i];

		if (t->valid && t->stage == stage && t->tag == tag && t->page == page)
			return t;
	}
	return NULL;
}

static void tlb_fill(struct smmuv3_sim *s, unsigned stage, uint32_t tag, uint64_t page, uint64_t pa,
		     bool write)
{
	struct sim_tlb_ent *t = tlb_find(s, stage, tag, page);

	if (!t || t->pa != pa) {
		if (!t) {
			t = &s->tlb[s->tlb_next];
			s->tlb_next = (s->tlb_next + 1) % SIM_TLB_ENTRIES;
		}
		memset(t, 0, sizeof(*t));
		t->valid = true;
		t->stage = stage;
		t->tag = tag;
		t->page = page;
		t->pa = pa;
	}
	if (write)
		t->wr = true;
	else
		t->rd = true;
	s->st.tlb_fills++;
}

static bool translation_fault(unsigned event)
{
	return event == SMMUV3_EVT_F_TRANSLATION || event == SMMUV3_EVT_F_ADDR_SIZE ||
	       event == SMMUV3_EVT_F_ACCESS || event == SMMUV3_EVT_F_PERMISSION ||
	       event == SMMUV3_EVT_F_WALK_EABT;
}

/* ---- translation ------------------------------------------------------ */

struct xlate {
	bool ok;
	uint64_t pa;
	unsigned event; /* when not ok: SMMUV3_EVT_*, or 0 to block silently */
	bool s2;	/* the fault is stage 2's */
};

static const unsigned oas_bits[7] = {32, 36, 40, 42, 44, 48, 52};

/* One access at addr, through the caches; fill false changes no state. */
static void xlate(struct smmuv3_sim *s, uint32_t sid, uint64_t addr, bool write, bool fill,
		  struct xlate *x)
{
	struct smmuv3_mem m = {s->mem + s->cfg.table_base, s->cfg.table_base, s->cfg.table_size};
	struct smmuv3_walk_cfg wc = {
	    .strtab_base = s->strtab_base & SMMUV3_STRTAB_ADDR_MASK,
	    .strtab_cfg = s->strtab_cfg,
	    .sidsize = s->cfg.sidsize,
	    .oas = oas_bits[s->cfg.oas < 7 ? s->cfg.oas : 6], /* the knobs are writable */
	    .s1p = s->cfg.s1p,
	    .s2p = s->cfg.s2p,
	};
	struct smmuv3_walk_result r;
	struct sim_cfg_ent tmp;
	const struct sim_cfg_ent *e = cfg_get(s, sid, fill, &tmp);
	struct sim_tlb_ent *t = NULL;
	struct swap w[3];
	unsigned n, stage = 0;
	uint32_t tag = 0;
	uint64_t off = addr & (SMMUV3_PAGE_SIZE - 1);

	memset(x, 0, sizeof(*x));
	n = swap_in(s, e, w);
	if (smmuv3_walk(&m, &wc, sid, addr, write, &r) != 0) {
		memset(&r, 0, sizeof(r)); /* cannot happen with our arguments: block */
	}
	swap_out(s, w, n);
	if (e && e->config == SMMUV3_STE_CONFIG_S1 && e->cd_valid) {
		stage = 1;
		tag = (uint32_t)(sim_ld64(e->cd) >> SMMUV3_CD0_ASID_SHIFT);
	} else if (e && e->config == SMMUV3_STE_CONFIG_S2) {
		stage = 2;
		tag = (uint32_t)(sim_ld64(e->ste + 16) & SMMUV3_STE2_S2VMID_MASK);
	}
	if (stage && !r.bypass && (r.ok || translation_fault(r.event)))
		t = tlb_find(s, stage, tag, addr >> SMMUV3_PAGE_SHIFT);
	if (t && (write ? t->wr : t->rd)) {
		x->ok = true;
		x->pa = t->pa + off;
		if (fill)
			s->st.tlb_hits++;
		return;
	}
	if (r.ok) {
		x->ok = true;
		x->pa = r.pa;
		if (fill && stage && !r.bypass)
			tlb_fill(s, stage, tag, addr >> SMMUV3_PAGE_SHIFT, r.pa - off, write);
		return;
	}
	x->event = r.event;
	x->s2 = stage == 2 && translation_fault(r.event);
}

/* ---- events ----------------------------------------------------------- */

/*
 * Writes one record at EVTQ_PROD (IHI 0070 7.3): type and StreamID, and
 * for a translation fault RnW, the input address and, at stage 2, S2 with
 * CLASS=IN and the IPA. A full queue loses the record and toggles
 * EVTQ_PROD.OVFLG unless an overflow is already unacknowledged (QEMU:
 * GERROR.EVTQ_ABT_ERR instead); a queue outside memory is an abort.
 */
static void evt_record(struct smmuv3_sim *s, unsigned type, uint32_t sid, uint64_t addr, bool write,
		       bool s2)
{
	unsigned log2 = sim_q_log2(s->evtq_base, s->cfg.evtqs);
	uint32_t size = 1u << log2;
	uint32_t prod = sim_q_wrap(s->evtq_prod, log2), cons = sim_q_wrap(s->evtq_cons, log2);
	uint64_t pa = sim_q_entry(s->evtq_base, log2, prod & (size - 1), SMMUV3_EVT_BYTES);
	uint64_t d1 = 0, d2 = 0, d3 = 0;
	uint8_t *p;

	if (!(s->cr0ack & SMMUV3_CR0_EVTQEN)) {
		s->st.evt_off++;
		return;
	}
	if ((prod ^ cons) == size) {
		s->st.evt_overflow++;
		if (s->cfg.qemu_overflow)
			sim_gerror_raise(s, SMMUV3_GERROR_EVTQ_ABT);
		else if (!((s->evtq_prod ^ s->evtq_cons) & SMMUV3_EVTQ_PROD_OVFLG))
			s->evtq_prod ^= SMMUV3_EVTQ_PROD_OVFLG;
		return;
	}
	if (!sim_in_mem(s, pa, SMMUV3_EVT_BYTES)) {
		s->st.evt_abort++;
		sim_gerror_raise(s, SMMUV3_GERROR_EVTQ_ABT);
		return;
	}
	if (translation_fault(type)) {
		d1 = write ? 0 : SMMUV3_EVT1_RNW;
		d2 = addr;
		if (s2) {
			d1 |= EVT1_S2 | EVT1_CLASS_IN;
			d3 = addr & EVT3_IPA_MASK;
		}
	}
	p = s->mem + pa;
	sim_st64(p, type | (uint64_t)sid << 32);
	sim_st64(p + 8, d1);
	sim_st64(p + 16, d2);
	sim_st64(p + 24, d3);
	s->evtq_prod = (s->evtq_prod & SMMUV3_EVTQ_PROD_OVFLG) | sim_q_wrap(prod + 1, log2);
	s->st.events++;
}

/* ---- DMA -------------------------------------------------------------- */

static void move(struct smmuv3_sim *s, uint64_t pa, uint8_t *data, size_t len, bool write)
{
	if (write)
		memcpy(s->mem + pa, data, len);
	else
		memcpy(data, s->mem + pa, len);
}

static size_t piece(uint64_t a, uint64_t end)
{
	uint64_t next = (a | (SMMUV3_PAGE_SIZE - 1)) + 1;

	return (size_t)((next < end && next > a ? next : end) - a);
}

int smmuv3_sim_dma(struct smmuv3_sim *s, uint32_t sid, uint64_t addr, size_t len, bool write,
		   void *data)
{
	uint8_t *buf = data;
	uint64_t a, end;
	bool blocked = false;
	struct xlate x;

	if (!s || !data || !len || addr + len < addr)
		return -EINVAL;
	end = addr + len;
	if (!(s->cr0ack & SMMUV3_CR0_SMMUEN)) {
		if (!s->cfg.no_gbpa && (s->gbpa & SMMUV3_GBPA_ABORT)) {
			if (!write)
				memset(buf, 0, len);
			s->st.dma_gbpa_abort++;
			return -EFAULT; /* GBPA aborts record no event */
		}
		if (!sim_in_mem(s, addr, len))
			return -ERANGE;
		move(s, addr, buf, len, write);
		s->st.dma_bypass++;
		return 0;
	}
	if ((s->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL &&
	    !s->cfg.st_level) {
		s->errors |= SMMUV3_SIM_ERR_BAD_STRTAB;
		return -EIO;
	}
	/* a first look changes nothing, so that -ERANGE leaves no trace */
	for (a = addr; a < end; a += piece(a, end)) {
		xlate(s, sid, a, write, false, &x);
		if (x.ok && !sim_in_mem(s, x.pa, piece(a, end)))
			return -ERANGE;
	}
	for (a = addr; a < end; a += piece(a, end)) {
		size_t n = piece(a, end), k;

		xlate(s, sid, a, write, true, &x);
		if (x.ok && sim_in_mem(s, x.pa, n)) {
			move(s, x.pa, buf + (a - addr), n, write);
			continue;
		}
		/* blocked: the device reads zeros, as on QEMU */
		blocked = true;
		if (!write)
			memset(buf + (a - addr), 0, n);
		if (!x.event)
			continue;
		if (!s->cfg.event_per_4b)
			evt_record(s, x.event, sid, a, write, x.s2);
		else
			for (k = 0; k < n; k += 4)
				evt_record(s, x.event, sid, a + k, write, x.s2);
	}
	if (blocked)
		s->st.dma_fault++;
	else
		s->st.dma_ok++;
	return blocked ? -EFAULT : 0;
}
