/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software VT-d unit. Registers are kept as fields with their meaning;
 * the register window is addressed in 8-byte slots so that 32-bit and
 * 64-bit accesses reach the same state (a 64-bit register's command takes
 * effect when its upper half is written, as the specification asks
 * software to write it last).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim.h"
#include "vtd/vtd_sim_cache.h"
#include "vtd/vtd_walk.h"

struct vtd_sim {
	struct vtd_sim_cfg cfg;
	uint8_t *mem;
	uint64_t cap, ecap;
	uint32_t gsts;
	uint64_t rtaddr;
	uint64_t rta_latched;
	bool latched;
	bool ctx_stale, iotlb_stale; /* since the last latch, not yet invalidated */
	uint64_t ccmd, iva, iotlb;
	uint32_t fsts; /* the W1C bits only; PPF and FRI are derived */
	uint32_t fri;
	uint32_t fectl, fedata, feaddr, feuaddr;
	uint64_t (*frcd)[2];
	unsigned next_frcd;
	unsigned errors;
	struct vtd_sim_stats st;
	struct vtd_simc cache;
};

void vtd_sim_default_cfg(struct vtd_sim_cfg *cfg, unsigned levels)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->ver = 0x10;
	cfg->sagaw = levels == 4 ? VTD_SAGAW_39 | VTD_SAGAW_48 : VTD_SAGAW_39;
	cfg->mgaw = levels == 4 ? 48 : 39;
	cfg->sp2m = cfg->sp1g = true;
	cfg->nfr = 1;
	cfg->fro = 0x220;
	cfg->iro = 0xf0;
	cfg->nd = 6;
	cfg->mem_size = 64ull << 20;
	cfg->table_base = 0x800000;
	cfg->table_size = 4ull << 20;
}

static bool cfg_ok(const struct vtd_sim_cfg *c)
{
	return c->nfr >= 1 && c->nfr <= 256 && !(c->fro & 15) && !(c->iro & 15) && c->fro >= 0x50 &&
	       (uint64_t)c->fro + 16ull * c->nfr <= VTD_SIM_REG_SIZE && c->iro >= 0x50 &&
	       c->iro + 16u <= VTD_SIM_REG_SIZE &&
	       (c->iro + 16u <= c->fro || c->iro >= c->fro + 16u * c->nfr) && c->nd <= 6 &&
	       c->mamv <= VTD_CAP_MAMV_MASK &&
	       c->mgaw >= 39 && c->mgaw <= 52 && c->mem_size && !(c->mem_size & 4095) &&
	       !(c->table_base & 4095) && !(c->table_size & 4095) && c->table_size &&
	       c->table_base <= c->mem_size && c->table_size <= c->mem_size - c->table_base;
}

void vtd_sim_reset(struct vtd_sim *s)
{
	const struct vtd_sim_cfg *c = &s->cfg;

	s->cap = (uint64_t)c->nd << VTD_CAP_ND_SHIFT | (c->rwbf ? VTD_CAP_RWBF : 0) |
		 (c->cm ? VTD_CAP_CM : 0) | (uint64_t)c->sagaw << VTD_CAP_SAGAW_SHIFT |
		 (uint64_t)(c->mgaw - 1) << VTD_CAP_MGAW_SHIFT |
		 (uint64_t)(c->fro / 16) << VTD_CAP_FRO_SHIFT | (c->sp2m ? VTD_CAP_SLLPS_2M : 0) |
		 (c->sp1g ? VTD_CAP_SLLPS_1G : 0) | (uint64_t)(c->nfr - 1) << VTD_CAP_NFR_SHIFT |
		 (c->psi ? VTD_CAP_PSI | (uint64_t)c->mamv << VTD_CAP_MAMV_SHIFT : 0) |
		 (c->drain ? VTD_CAP_DRD | VTD_CAP_DWD : 0);
	s->ecap = (uint64_t)(c->iro / 16) << VTD_ECAP_IRO_SHIFT;
	s->gsts = 0;
	s->rtaddr = s->rta_latched = 0;
	s->latched = s->ctx_stale = s->iotlb_stale = false;
	s->ccmd = s->iva = s->iotlb = 0;
	s->fsts = s->fri = 0;
	s->fectl = VTD_FECTL_IM;
	s->fedata = s->feaddr = s->feuaddr = 0;
	memset(s->frcd, 0, sizeof(*s->frcd) * c->nfr);
	s->next_frcd = 0;
	s->errors = 0;
	memset(&s->st, 0, sizeof(s->st));
	vtd_simc_reset(&s->cache);
}

struct vtd_sim *vtd_sim_new(const struct vtd_sim_cfg *cfg)
{
	struct vtd_sim *s;

	if (!cfg || !cfg_ok(cfg))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->mem = calloc(1, cfg->mem_size);
	s->frcd = calloc(cfg->nfr, sizeof(*s->frcd));
	if (!s->mem || !s->frcd) {
		vtd_sim_free(s);
		return NULL;
	}
	vtd_sim_reset(s);
	return s;
}

void vtd_sim_free(struct vtd_sim *s)
{
	if (!s)
		return;
	free(s->mem);
	free(s->frcd);
	free(s);
}

/* ---- commands ------------------------------------------------------- */

static void gcmd(struct vtd_sim *s, uint32_t v)
{
	/* TE is a level: writing it 0 while enabled turns translation off */
	if ((v & VTD_GCMD_TE) && !(s->gsts & VTD_GSTS_TES) && !s->cfg.tes_stuck) {
		if (!s->latched)
			s->errors |= VTD_SIM_ERR_TE_NO_ROOT;
		if (s->ctx_stale)
			s->errors |= VTD_SIM_ERR_STALE_CTX;
		if (s->iotlb_stale)
			s->errors |= VTD_SIM_ERR_STALE_IOTLB;
		s->gsts |= VTD_GSTS_TES;
	} else if (!(v & VTD_GCMD_TE) && (s->gsts & VTD_GSTS_TES)) {
		s->gsts &= ~VTD_GSTS_TES;
	}
	if (v & VTD_GCMD_SRTP) {
		s->gsts &= ~VTD_GSTS_RTPS;
		if (!s->cfg.rtps_stuck) {
			s->rta_latched = s->rtaddr;
			s->latched = true;
			s->ctx_stale = s->iotlb_stale = true;
			s->errors &= ~VTD_SIM_ERR_TE_NO_ROOT;
			s->gsts |= VTD_GSTS_RTPS;
			s->st.srtp++;
		}
	}
	if (v & VTD_GCMD_WBF) {
		s->st.wbf++;
		if (s->cfg.wbf_stuck)
			s->gsts |= VTD_GSTS_WBFS;
	}
	/* SFL, EAFL, QIE, IRE, SIRTP, CFI: not offered (ECAP.QI, IR are 0) */
}

/*
 * The context-cache and IOTLB invalidations are one handshake on two
 * registers: the requested granularity g (1 global, 2 domain, 3 device or
 * page) is counted in count[g - 1]; when done the go bit clears and the
 * actual-granularity field reports what was performed.
 */
static void invalidate(uint64_t *reg, uint64_t go, unsigned ask_shift, unsigned done_shift,
		       bool stuck, unsigned *const count[3], bool *stale)
{
	uint64_t g = (*reg >> ask_shift) & VTD_CCMD_G_MASK;

	if (!(*reg & go) || stuck)
		return;
	if (g)
		(*count[g - 1])++;
	if (g == 1)
		*stale = false;
	*reg &= ~(go | VTD_CCMD_G_MASK << done_shift);
	*reg |= g << done_shift;
}

_Static_assert(VTD_CCMD_G_MASK == VTD_IOTLB_G_MASK, "one granularity mask");

static void ccmd(struct vtd_sim *s)
{
	unsigned *const n[3] = {&s->st.cc_global, &s->st.cc_domain, &s->st.cc_device};
	uint64_t req = s->ccmd;

	invalidate(&s->ccmd, VTD_CCMD_ICC, VTD_CCMD_CIRG_SHIFT, VTD_CCMD_CAIG_SHIFT,
		   s->cfg.icc_stuck, n, &s->ctx_stale);
	if ((req & VTD_CCMD_ICC) && !(s->ccmd & VTD_CCMD_ICC))
		vtd_simc_inv_ctx(&s->cache, (unsigned)(req >> VTD_CCMD_CIRG_SHIFT) & 3,
				 (uint16_t)(req & VTD_CCMD_DID_MASK),
				 (uint16_t)(req >> VTD_CCMD_SID_SHIFT),
				 (unsigned)(req >> VTD_CCMD_FM_SHIFT) & 3);
}

static void iotlb(struct vtd_sim *s)
{
	unsigned *const n[3] = {&s->st.iotlb_global, &s->st.iotlb_domain, &s->st.iotlb_page};
	uint64_t req = s->iotlb;
	unsigned g = (unsigned)(req >> VTD_IOTLB_IIRG_SHIFT) & 3;
	unsigned am = (unsigned)(s->iva & VTD_IVA_AM_MASK);

	/* page-selective without CAP.PSI, or beyond MAMV: the whole domain */
	if (g == 3 && (!s->cfg.psi || am > s->cfg.mamv))
		s->iotlb = (req & ~(VTD_IOTLB_G_MASK << VTD_IOTLB_IIRG_SHIFT)) | VTD_IOTLB_DOMAIN;
	invalidate(&s->iotlb, VTD_IOTLB_IVT, VTD_IOTLB_IIRG_SHIFT, VTD_IOTLB_IAIG_SHIFT,
		   s->cfg.ivt_stuck, n, &s->iotlb_stale);
	if ((req & VTD_IOTLB_IVT) && !(s->iotlb & VTD_IOTLB_IVT))
		vtd_simc_inv_tlb(&s->cache, (unsigned)(s->iotlb >> VTD_IOTLB_IAIG_SHIFT) & 3,
				 (uint16_t)(req >> VTD_IOTLB_DID_SHIFT), s->iva, am);
}

static bool any_pending(const struct vtd_sim *s)
{
	unsigned i;

	for (i = 0; i < s->cfg.nfr; i++)
		if (s->frcd[i][1] & VTD_FRCD_HI_F)
			return true;
	return false;
}

/* ---- register window ------------------------------------------------ */

static bool is_frcd(const struct vtd_sim *s, uint32_t off, unsigned *n)
{
	if (off < s->cfg.fro || off >= s->cfg.fro + VTD_FRCD_SIZE * s->cfg.nfr)
		return false;
	*n = (off - s->cfg.fro) / VTD_FRCD_SIZE;
	return true;
}

/* The 8-byte slot at off (8-aligned). */
static uint64_t slot_read(struct vtd_sim *s, uint32_t off)
{
	unsigned n;
	uint32_t fsts;

	if (is_frcd(s, off, &n))
		return s->frcd[n][(off & 8) ? 1 : 0];
	if (off == s->cfg.iro + VTD_REG_IVA_OFF)
		return s->iva;
	if (off == s->cfg.iro + VTD_REG_IOTLB_OFF)
		return s->iotlb;
	switch (off) {
	case VTD_REG_VER:
		return s->cfg.ver;
	case VTD_REG_CAP:
		return s->cap;
	case VTD_REG_ECAP:
		return s->ecap;
	case VTD_REG_GCMD: /* GCMD reads 0, GSTS in the upper half */
		return (uint64_t)s->gsts << 32;
	case VTD_REG_RTADDR:
		return s->rtaddr;
	case VTD_REG_CCMD:
		return s->ccmd;
	case 0x30: /* FSTS at 0x34 */
		fsts = s->fsts;
		if (any_pending(s))
			fsts |= VTD_FSTS_PPF | s->fri << VTD_FSTS_FRI_SHIFT;
		return (uint64_t)fsts << 32;
	case VTD_REG_FECTL:
		return s->fectl | (uint64_t)s->fedata << 32;
	case VTD_REG_FEADDR:
		return s->feaddr | (uint64_t)s->feuaddr << 32;
	default:
		s->errors |= VTD_SIM_ERR_BAD_REG;
		return 0;
	}
}

static uint64_t merge(uint64_t old, uint64_t v, uint64_t mask)
{
	return (old & ~mask) | (v & mask);
}

/* A write of the bytes in mask of the slot at off (8-aligned). */
static void slot_write(struct vtd_sim *s, uint32_t off, uint64_t v, uint64_t mask)
{
	const uint64_t lo = 0xffffffffull, hi = lo << 32;
	unsigned n;

	if (is_frcd(s, off, &n)) {
		/* only F is writable (W1C); the fault info half is read-only */
		if ((off & 8) && (mask & hi) && (v & VTD_FRCD_HI_F))
			s->frcd[n][1] &= ~VTD_FRCD_HI_F;
		return;
	}
	if (off == s->cfg.iro + VTD_REG_IVA_OFF) {
		s->iva = merge(s->iva, v, mask);
		return;
	}
	if (off == s->cfg.iro + VTD_REG_IOTLB_OFF) {
		s->iotlb = merge(s->iotlb, v, mask);
		if (mask & hi)
			iotlb(s);
		return;
	}
	switch (off) {
	case VTD_REG_GCMD:
		if (mask & lo)
			gcmd(s, (uint32_t)v);
		return; /* GSTS is read-only */
	case VTD_REG_RTADDR:
		s->rtaddr = merge(s->rtaddr, v, mask);
		return;
	case VTD_REG_CCMD:
		s->ccmd = merge(s->ccmd, v, mask);
		if (mask & hi)
			ccmd(s);
		return;
	case 0x30:
		if (mask & hi)
			s->fsts &= ~((uint32_t)(v >> 32) & VTD_FSTS_W1C);
		return;
	case VTD_REG_FECTL:
		if (mask & lo)
			s->fectl = (s->fectl & ~VTD_FECTL_IM) | ((uint32_t)v & VTD_FECTL_IM);
		if (mask & hi)
			s->fedata = (uint32_t)(v >> 32);
		return;
	case VTD_REG_FEADDR:
		if (mask & lo)
			s->feaddr = (uint32_t)v;
		if (mask & hi)
			s->feuaddr = (uint32_t)(v >> 32);
		return;
	case VTD_REG_VER:
	case VTD_REG_CAP:
	case VTD_REG_ECAP:
		return; /* read-only */
	default:
		s->errors |= VTD_SIM_ERR_BAD_REG;
	}
}

static bool reg_ok(struct vtd_sim *s, uint32_t off, unsigned size)
{
	if (off >= VTD_SIM_REG_SIZE || (off & (size - 1))) {
		s->errors |= VTD_SIM_ERR_BAD_REG;
		return false;
	}
	return true;
}

static uint32_t io_read32(void *ctx, uint32_t off)
{
	struct vtd_sim *s = ctx;

	if (!reg_ok(s, off, 4))
		return 0;
	return (uint32_t)(slot_read(s, off & ~7u) >> ((off & 4) * 8));
}

static uint64_t io_read64(void *ctx, uint32_t off)
{
	struct vtd_sim *s = ctx;

	return reg_ok(s, off, 8) ? slot_read(s, off) : 0;
}

static void io_write32(void *ctx, uint32_t off, uint32_t val)
{
	struct vtd_sim *s = ctx;
	unsigned sh = (off & 4) * 8;

	if (reg_ok(s, off, 4))
		slot_write(s, off & ~7u, (uint64_t)val << sh, 0xffffffffull << sh);
}

static void io_write64(void *ctx, uint32_t off, uint64_t val)
{
	struct vtd_sim *s = ctx;

	if (reg_ok(s, off, 8))
		slot_write(s, off, val, ~0ull);
}

static void io_flush(void *ctx, const void *p, size_t len)
{
	struct vtd_sim *s = ctx;

	(void)p;
	(void)len;
	s->st.flushes++; /* the model's memory is coherent */
}

static void io_delay(void *ctx, unsigned us)
{
	struct vtd_sim *s = ctx;

	(void)us;
	s->st.delays++;
}

void vtd_sim_io(struct vtd_sim *s, struct unit_io *io)
{
	memset(io, 0, sizeof(*io));
	io->ctx = s;
	io->read32 = io_read32;
	io->read64 = io_read64;
	io->write32 = io_write32;
	io->write64 = io_write64;
	io->flush = io_flush;
	io->delay_us = io_delay;
	io->table_mem = s->mem + s->cfg.table_base;
	io->table_phys = s->cfg.table_base;
	io->table_size = s->cfg.table_size;
	io->reg_base = 0xfed90000; /* where QEMU puts its unit; for messages only */
}

/* ---- faults and DMA ----------------------------------------------- */

/* Fault recording as QEMU's model does it (see vtd_sim.h). */
static void report(struct vtd_sim *s, uint16_t sid, uint64_t addr, unsigned reason, bool write,
		   bool fpd)
{
	unsigned i, n = s->next_frcd;
	bool first;

	if (s->fsts & VTD_FSTS_PFO) {
		s->st.dropped_pfo++;
		return;
	}
	/* FPD suppresses faults found at or below the context entry's tables */
	if (fpd &&
	    (reason == VTD_FR_PT_ACCESS || reason == VTD_FR_PT_RSVD || reason == VTD_FR_CTX_TT)) {
		s->st.suppressed++;
		return;
	}
	for (i = 0; i < s->cfg.nfr; i++)
		if ((s->frcd[i][1] & VTD_FRCD_HI_F) &&
		    (s->frcd[i][1] & VTD_FRCD_HI_SID_MASK) == sid) {
			s->st.compressed++;
			return;
		}
	if (s->frcd[n][1] & VTD_FRCD_HI_F) {
		s->fsts |= VTD_FSTS_PFO;
		s->st.overflowed++;
		return;
	}
	first = !any_pending(s);
	s->frcd[n][0] = addr & VTD_FRCD_LO_ADDR_MASK;
	s->frcd[n][1] = VTD_FRCD_HI_F | (write ? 0 : VTD_FRCD_HI_T) |
			(uint64_t)reason << VTD_FRCD_HI_REASON_SHIFT | sid;
	if (first)
		s->fri = n;
	s->next_frcd = (n + 1) % s->cfg.nfr;
	s->st.recorded++;
	if (s->fectl & VTD_FECTL_IM)
		s->fectl |= VTD_FECTL_IP; /* pending; the model raises no interrupt */
}

static bool in_mem(const struct vtd_sim *s, uint64_t pa, uint64_t len)
{
	return pa <= s->cfg.mem_size && len <= s->cfg.mem_size - pa;
}

static void copy(struct vtd_sim *s, uint64_t pa, uint8_t *buf, size_t len, bool write)
{
	if (write)
		memcpy(s->mem + pa, buf, len);
	else
		memcpy(buf, s->mem + pa, len);
}

int vtd_sim_dma(struct vtd_sim *s, uint16_t sid, uint64_t iova, size_t len, bool is_write,
		void *buf)
{
	struct vtd_mem m = {s->mem + s->cfg.table_base, s->cfg.table_base, s->cfg.table_size};
	struct vtd_walk_cfg wc = {
	    .sagaw = s->cfg.sagaw,
	    .haw = s->cfg.mgaw,
	    .mgaw = s->cfg.mgaw,
	    .sp2m = s->cfg.sp2m,
	    .sp1g = s->cfg.sp1g,
	};
	uint64_t a, end;
	int pass;

	if (!buf || len == 0 || iova + len < iova)
		return -EINVAL;
	end = iova + len;
	if (!(s->gsts & VTD_GSTS_TES)) {
		/* translation off: requests go straight to memory */
		if (!in_mem(s, iova, len))
			return -ERANGE;
		copy(s, iova, buf, len, is_write);
		s->st.dma_ok++;
		return 0;
	}
	if (s->errors & VTD_SIM_ERR_TE_NO_ROOT) {
		s->st.dma_blocked++;
		return -EIO;
	}
	/* pass 0 translates every page (and faults), pass 1 moves the data */
	for (pass = 0; pass < 2; pass++) {
		for (a = iova; a < end;) {
			uint64_t next = (a | (VTD_PAGE_SIZE - 1)) + 1;
			size_t n = (size_t)((next < end ? next : end) - a);
			struct vtd_walk_res r;

			vtd_simc_walk(&s->cache, s->cfg.cm, &m, &wc, s->rta_latched, sid, a,
				      is_write, &r);
			if (r.status == VTD_WALK_OUTSIDE) {
				s->errors |= VTD_SIM_ERR_WALK_OUTSIDE;
				s->st.dma_blocked++;
				return -EIO;
			}
			if (r.status == VTD_WALK_FAULT) {
				report(s, sid, a, r.reason, is_write, r.fpd);
				s->st.dma_fault++;
				return -EFAULT;
			}
			if (!in_mem(s, r.pa, n))
				return -ERANGE;
			if (pass)
				copy(s, r.pa, (uint8_t *)buf + (a - iova), n, is_write);
			a += n;
		}
	}
	s->st.dma_ok++;
	return 0;
}

uint8_t *vtd_sim_mem(struct vtd_sim *s)
{
	return s->mem;
}

unsigned vtd_sim_errors(const struct vtd_sim *s)
{
	return s->errors;
}

const struct vtd_sim_stats *vtd_sim_stats(const struct vtd_sim *s)
{
	return &s->st;
}

struct vtd_sim_cfg *vtd_sim_knobs(struct vtd_sim *s)
{
	return &s->cfg;
}
