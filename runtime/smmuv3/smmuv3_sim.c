/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software SMMUv3: its register file and its command queue. Registers
 * are 32-bit except STRTAB_BASE, CMDQ_BASE and EVTQ_BASE, which take a
 * 64-bit access or two 32-bit halves; any other access is an error of the
 * software (SMMUV3_SIM_ERR_BAD_REG), read as zero and ignored, since the
 * specification leaves it unpredictable. The unit behaves as CR0ACK says,
 * not CR0: what software asked for is in effect once it is acknowledged.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_sim_priv.h"

/* Registers and fields this file alone needs. */
#define REG_IDR2	      0x08
#define REG_IDR3	      0x0c
#define REG_IDR4	      0x10
#define REG_IIDR	      0x18
#define REG_IRQ_CTRLACK	      0x54
#define CR0_MASK	      (SMMUV3_CR0_SMMUEN | SMMUV3_CR0_EVTQEN | SMMUV3_CR0_CMDQEN)
#define GBPA_FIELDS	      0x001f3f1fu /* ABORT, INSTCFG, PRIVCFG, SHCFG, ALLOCCFG, MTCFG, MEMATTR */
#define GERROR_MASK	      0x1fdu	  /* the non-secure GERROR bits IHI 0070 defines */
#define IDR0_TTF_AA64	      (2u << SMMUV3_IDR0_TTF_SHIFT)
#define IDR0_TTENDIAN_LE      (2u << 21)
#define IDR0_STALL_MODEL_NONE (1u << 24)
#define IDR0_TERM_MODEL	      (1u << 26)
#define IDR5_GRAN16K	      (1u << 5)
#define IDR5_GRAN64K	      (1u << 6)
#define CERROR_ABT	      2u
#define Q_MAX_LOG2	      19u
#define Q_PTR_MASK	      ((2u << Q_MAX_LOG2) - 1)
#define EVTQ_CONS_OVACKFLG    (1u << 31)
/* Commands the unit accepts beside those of smmuv3_regs.h. */
#define CMD_PREFETCH_CONFIG 0x01
#define CMD_PREFETCH_ADDR   0x02
#define CMD_CFGI_CD_ALL	    0x06

void smmuv3_sim_default_cfg(struct smmuv3_sim_cfg *cfg, bool qemu)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->s1p = true;
	cfg->st_level = 1;
	cfg->sidsize = 16;
	cfg->oas = 4;
	cfg->cmdqs = cfg->evtqs = Q_MAX_LOG2;
	cfg->no_gbpa = cfg->qemu_overflow = cfg->event_per_4b = qemu;
	cfg->mem_size = 64ull << 20;
	cfg->table_base = 0x800000;
	cfg->table_size = 4ull << 20;
}

static bool cfg_ok(const struct smmuv3_sim_cfg *c)
{
	return c->st_level <= 1 && c->sidsize <= 32 && c->oas <= 6 && c->cmdqs <= Q_MAX_LOG2 &&
	       c->evtqs <= Q_MAX_LOG2 && c->mem_size && !(c->mem_size & 4095) &&
	       !(c->table_base & 4095) && !(c->table_size & 4095) && c->table_size &&
	       c->table_base <= c->mem_size && c->table_size <= c->mem_size - c->table_base &&
	       (size_t)c->mem_size == c->mem_size;
}

void smmuv3_sim_reset(struct smmuv3_sim *s)
{
	const struct smmuv3_sim_cfg *c = &s->cfg;

	/* QEMU 7.2's IDR0 is 0x0d40101a: these bits and S1P, ST_LEVEL 1 */
	s->idr0 = (c->s2p ? SMMUV3_IDR0_S2P | SMMUV3_IDR0_VMID16 : 0) |
		  (c->s1p ? SMMUV3_IDR0_S1P : 0) | IDR0_TTF_AA64 | SMMUV3_IDR0_COHACC |
		  SMMUV3_IDR0_ASID16 | IDR0_TTENDIAN_LE | IDR0_STALL_MODEL_NONE | IDR0_TERM_MODEL |
		  c->st_level << SMMUV3_IDR0_ST_LEVEL_SHIFT;
	s->idr1 = (c->sidsize & SMMUV3_IDR1_SIDSIZE_MASK) | c->evtqs << SMMUV3_IDR1_EVTQS_SHIFT |
		  c->cmdqs << SMMUV3_IDR1_CMDQS_SHIFT;
	s->idr5 = c->oas | SMMUV3_IDR5_GRAN4K | IDR5_GRAN16K | IDR5_GRAN64K;
	s->cr0 = s->cr0ack = s->cr1 = s->cr2 = 0;
	s->gbpa = c->gbpa_abort && !c->no_gbpa ? SMMUV3_GBPA_ABORT : 0;
	s->irq_ctrl = s->irq_ctrlack = 0;
	s->gerror = s->gerrorn = 0;
	s->strtab_base = 0;
	s->strtab_cfg = 0;
	s->cmdq_base = s->evtq_base = 0;
	s->cmdq_prod = s->cmdq_cons = s->cmdq_err = 0;
	s->evtq_prod = s->evtq_cons = 0;
	memset(s->ce, 0, sizeof(s->ce));
	memset(s->tlb, 0, sizeof(s->tlb));
	s->ce_next = s->tlb_next = 0;
	s->errors = 0;
	memset(&s->st, 0, sizeof(s->st));
}

struct smmuv3_sim *smmuv3_sim_new(const struct smmuv3_sim_cfg *cfg)
{
	struct smmuv3_sim *s;

	if (!cfg || !cfg_ok(cfg))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->mem = calloc(1, (size_t)cfg->mem_size);
	if (!s->mem) {
		free(s);
		return NULL;
	}
	smmuv3_sim_reset(s);
	return s;
}

void smmuv3_sim_free(struct smmuv3_sim *s)
{
	if (!s)
		return;
	free(s->mem);
	free(s);
}

/* ---- command queue -------------------------------------------------- */

/* Executes one command: 0 done, 1 not complete (CONS stays), -1 illegal. */
static int cmd_exec(struct smmuv3_sim *s, uint64_t d0, uint64_t d1)
{
	uint32_t sid = (uint32_t)(d0 >> 32);

	switch (d0 & 0xff) {
	case CMD_PREFETCH_CONFIG:
	case CMD_PREFETCH_ADDR:
		s->st.prefetch++; /* a hint: the model fetches on use */
		return 0;
	case SMMUV3_CMD_CFGI_STE:
		s->st.cfgi_ste++;
		sim_cfg_drop(s, sid, 0, false);
		return 0;
	case SMMUV3_CMD_CFGI_ALL:
		/* CFGI_STE_RANGE: 2^(Range+1) StreamIDs from SID aligned; 31 is all */
		s->st.cfgi_all++;
		sim_cfg_drop(s, sid, (unsigned)(d1 & 0x1f) + 1, false);
		return 0;
	case SMMUV3_CMD_CFGI_CD:
	case CMD_CFGI_CD_ALL:
		s->st.cfgi_cd++;
		sim_cfg_drop(s, sid, 0, true); /* one CD per STE: SSIDs are not modelled */
		return 0;
	case SMMUV3_CMD_TLBI_NH_ALL:
		s->st.tlbi_nh_all++;
		sim_tlb_drop(s, 1, false, 0);
		return 0;
	case SMMUV3_CMD_TLBI_NH_ASID:
		s->st.tlbi_nh_asid++;
		sim_tlb_drop(s, 1, true, (uint32_t)(d0 >> 48));
		return 0;
	case SMMUV3_CMD_TLBI_S12_VMALL:
		s->st.tlbi_s12_vmall++;
		sim_tlb_drop(s, 2, true, (uint32_t)(d0 >> 32) & 0xffff);
		return 0;
	case SMMUV3_CMD_TLBI_NSNH_ALL:
		s->st.tlbi_nsnh_all++;
		sim_tlb_drop(s, 0, false, 0);
		return 0;
	case SMMUV3_CMD_SYNC:
		/* every earlier command has completed: they run synchronously */
		if (s->cfg.sync_stuck)
			return 1;
		s->st.syncs++;
		return 0;
	default:
		return -1;
	}
}

/*
 * Consumes commands from CONS to PROD while the queue is enabled and no
 * command error is active. An error stops the queue on the failing entry
 * with CONS.ERR set and GERROR.CMDQ_ERR toggled; acknowledging it through
 * GERRORN resumes from that entry. CONS.ERR keeps its value afterwards (the
 * specification makes it meaningful only while the error is active; QEMU
 * keeps it too).
 */
static void cmdq_run(struct smmuv3_sim *s)
{
	unsigned log2 = sim_q_log2(s->cmdq_base, s->cfg.cmdqs);
	uint32_t n = 1u << log2;

	if (!(s->cr0ack & SMMUV3_CR0_CMDQEN) || sim_gerror_active(s, SMMUV3_GERROR_CMDQ_ERR) ||
	    s->cfg.cmdq_stuck)
		return;
	while (sim_q_wrap(s->cmdq_cons, log2) != sim_q_wrap(s->cmdq_prod, log2)) {
		uint32_t cons = sim_q_wrap(s->cmdq_cons, log2);
		uint64_t pa = sim_q_entry(s->cmdq_base, log2, cons & (n - 1), SMMUV3_CMD_BYTES);
		int rc;

		if (!sim_in_mem(s, pa, SMMUV3_CMD_BYTES)) {
			s->st.cmd_abort++;
			s->cmdq_err = CERROR_ABT;
			sim_gerror_raise(s, SMMUV3_GERROR_CMDQ_ERR);
			return;
		}
		rc = cmd_exec(s, sim_ld64(s->mem + pa), sim_ld64(s->mem + pa + 8));
		if (rc > 0)
			return;
		if (rc < 0) {
			s->st.illegal++;
			s->cmdq_err = SMMUV3_CERROR_ILL;
			sim_gerror_raise(s, SMMUV3_GERROR_CMDQ_ERR);
			return;
		}
		s->st.cmds++;
		s->cmdq_cons = sim_q_wrap(cons + 1, log2);
	}
}

/* ---- register window ------------------------------------------------ */

/* A write to a register that must not change while enable is acknowledged. */
static bool guarded(struct smmuv3_sim *s, uint32_t enable)
{
	if (!(s->cr0ack & enable))
		return false;
	s->errors |= SMMUV3_SIM_ERR_LIVE_WRITE;
	return true;
}

static uint64_t *reg64(struct smmuv3_sim *s, uint32_t off, uint32_t *enable, uint64_t *mask)
{
	switch (off & ~7u) {
	case SMMUV3_REG_STRTAB_BASE:
		*enable = SMMUV3_CR0_SMMUEN;
		*mask = SMMUV3_BASE_RA | SMMUV3_STRTAB_ADDR_MASK;
		return &s->strtab_base;
	case SMMUV3_REG_CMDQ_BASE:
		*enable = SMMUV3_CR0_CMDQEN;
		*mask = SMMUV3_BASE_RA | SMMUV3_Q_BASE_ADDR_MASK | SMMUV3_Q_LOG2SIZE_MASK;
		return &s->cmdq_base;
	case SMMUV3_REG_EVTQ_BASE:
		*enable = SMMUV3_CR0_EVTQEN;
		*mask = SMMUV3_BASE_RA | SMMUV3_Q_BASE_ADDR_MASK | SMMUV3_Q_LOG2SIZE_MASK;
		return &s->evtq_base;
	default:
		return NULL;
	}
}

static bool read32(struct smmuv3_sim *s, uint32_t off, uint32_t *v)
{
	unsigned elog2 = sim_q_log2(s->evtq_base, s->cfg.evtqs);
	uint32_t en;
	uint64_t mask, *r = reg64(s, off, &en, &mask);

	if (r) {
		*v = (uint32_t)(*r >> ((off & 4) * 8));
		return true;
	}
	switch (off) {
	case SMMUV3_REG_IDR0:
		*v = s->idr0;
		return true;
	case SMMUV3_REG_IDR1:
		*v = s->idr1;
		return true;
	case REG_IDR2:
	case REG_IDR3:
	case REG_IDR4:
	case REG_IIDR:
		*v = 0;
		return true;
	case SMMUV3_REG_IDR5:
		*v = s->idr5;
		return true;
	case SMMUV3_REG_AIDR:
		*v = 1;
		return true; /* SMMUv3.1 */
	case SMMUV3_REG_CR0:
		*v = s->cr0;
		return true;
	case SMMUV3_REG_CR0ACK:
		*v = s->cr0ack;
		return true;
	case SMMUV3_REG_CR1:
		*v = s->cr1;
		return true;
	case SMMUV3_REG_CR2:
		*v = s->cr2;
		return true;
	case SMMUV3_REG_GBPA:
		*v = s->cfg.no_gbpa ? 0 : s->gbpa;
		return true;
	case SMMUV3_REG_IRQ_CTRL:
		*v = s->irq_ctrl;
		return true;
	case REG_IRQ_CTRLACK:
		*v = s->irq_ctrlack;
		return true;
	case SMMUV3_REG_GERROR:
		*v = s->gerror;
		return true;
	case SMMUV3_REG_GERRORN:
		*v = s->gerrorn;
		return true;
	case SMMUV3_REG_STRTAB_BASE_CFG:
		*v = s->strtab_cfg;
		return true;
	case SMMUV3_REG_CMDQ_PROD:
		*v = s->cmdq_prod;
		return true;
	case SMMUV3_REG_CMDQ_CONS:
		*v = sim_q_wrap(s->cmdq_cons, sim_q_log2(s->cmdq_base, s->cfg.cmdqs)) |
		     s->cmdq_err << SMMUV3_CMDQ_CONS_ERR_SHIFT;
		return true;
	case SMMUV3_REG_EVTQ_PROD:
		*v = sim_q_wrap(s->evtq_prod, elog2) | (s->evtq_prod & SMMUV3_EVTQ_PROD_OVFLG);
		return true;
	case SMMUV3_REG_EVTQ_CONS:
		*v = sim_q_wrap(s->evtq_cons, elog2) | (s->evtq_cons & EVTQ_CONS_OVACKFLG);
		return true;
	default:
		return false;
	}
}

static void write_cr0(struct smmuv3_sim *s, uint32_t v)
{
	s->cr0 = v & CR0_MASK;
	if (s->cfg.cr0ack_stuck)
		return;
	s->cr0ack = s->cr0;
	cmdq_run(s); /* a queue enabled with PROD != CONS starts at once */
}

static void write_gbpa(struct smmuv3_sim *s, uint32_t v)
{
	/* a write takes effect only with Update, and not while one is pending */
	if (s->cfg.no_gbpa || !(v & SMMUV3_GBPA_UPDATE) || (s->gbpa & SMMUV3_GBPA_UPDATE))
		return;
	if (s->cfg.gbpa_stuck)
		s->gbpa |= SMMUV3_GBPA_UPDATE;
	else
		s->gbpa = v & GBPA_FIELDS;
}

static bool write32(struct smmuv3_sim *s, uint32_t off, uint32_t v)
{
	unsigned sh = (off & 4) * 8;
	uint32_t en;
	uint64_t mask, *r = reg64(s, off, &en, &mask);

	if (r) {
		if (!guarded(s, en))
			*r = (*r & ~(0xffffffffull << sh)) | ((uint64_t)v << sh & mask);
		return true;
	}
	switch (off) {
	case SMMUV3_REG_IDR0:
	case SMMUV3_REG_IDR1:
	case REG_IDR2:
	case REG_IDR3:
	case REG_IDR4:
	case SMMUV3_REG_IDR5:
	case REG_IIDR:
	case SMMUV3_REG_AIDR:
	case SMMUV3_REG_CR0ACK:
	case REG_IRQ_CTRLACK:
	case SMMUV3_REG_GERROR:
		return true; /* read-only */
	case SMMUV3_REG_CR0:
		write_cr0(s, v);
		return true;
	case SMMUV3_REG_CR1:
		s->cr1 = v;
		return true;
	case SMMUV3_REG_CR2:
		s->cr2 = v;
		return true;
	case SMMUV3_REG_GBPA:
		write_gbpa(s, v);
		return true;
	case SMMUV3_REG_IRQ_CTRL:
		s->irq_ctrl = v & 7;
		s->irq_ctrlack = s->irq_ctrl;
		return true;
	case SMMUV3_REG_GERRORN:
		s->gerrorn = v & GERROR_MASK;
		cmdq_run(s); /* an acknowledged command error resumes the queue */
		return true;
	case SMMUV3_REG_STRTAB_BASE_CFG:
		if (!guarded(s, SMMUV3_CR0_SMMUEN))
			s->strtab_cfg =
			    v & (SMMUV3_STRTAB_LOG2SIZE_MASK | SMMUV3_STRTAB_SPLIT_MASK |
				 3u << SMMUV3_STRTAB_FMT_SHIFT);
		return true;
	case SMMUV3_REG_CMDQ_PROD:
		s->cmdq_prod = v & Q_PTR_MASK;
		cmdq_run(s);
		return true;
	case SMMUV3_REG_CMDQ_CONS:
		if (!guarded(s, SMMUV3_CR0_CMDQEN))
			s->cmdq_cons = v & Q_PTR_MASK;
		return true;
	case SMMUV3_REG_EVTQ_PROD:
		if (!guarded(s, SMMUV3_CR0_EVTQEN))
			s->evtq_prod = v & (Q_PTR_MASK | SMMUV3_EVTQ_PROD_OVFLG);
		return true;
	case SMMUV3_REG_EVTQ_CONS:
		s->evtq_cons = v & (Q_PTR_MASK | EVTQ_CONS_OVACKFLG);
		return true;
	default:
		return false;
	}
}

static bool reg_ok(struct smmuv3_sim *s, uint32_t off, unsigned size)
{
	if (off < SMMUV3_SIM_REG_SIZE && !(off & (size - 1)))
		return true;
	s->errors |= SMMUV3_SIM_ERR_BAD_REG;
	return false;
}

static uint32_t io_read32(void *ctx, uint32_t off)
{
	struct smmuv3_sim *s = ctx;
	uint32_t v = 0;

	if (reg_ok(s, off, 4) && !read32(s, off, &v))
		s->errors |= SMMUV3_SIM_ERR_BAD_REG;
	return v;
}

static uint64_t io_read64(void *ctx, uint32_t off)
{
	struct smmuv3_sim *s = ctx;
	uint32_t en;
	uint64_t mask, *r;

	if (!reg_ok(s, off, 8))
		return 0;
	r = reg64(s, off, &en, &mask);
	if (!r) {
		s->errors |= SMMUV3_SIM_ERR_BAD_REG;
		return 0;
	}
	return *r;
}

static void io_write32(void *ctx, uint32_t off, uint32_t val)
{
	struct smmuv3_sim *s = ctx;

	if (reg_ok(s, off, 4) && !write32(s, off, val))
		s->errors |= SMMUV3_SIM_ERR_BAD_REG;
}

static void io_write64(void *ctx, uint32_t off, uint64_t val)
{
	struct smmuv3_sim *s = ctx;
	uint32_t en;
	uint64_t mask, *r;

	if (!reg_ok(s, off, 8))
		return;
	r = reg64(s, off, &en, &mask);
	if (!r)
		s->errors |= SMMUV3_SIM_ERR_BAD_REG;
	else if (!guarded(s, en))
		*r = val & mask;
}

static void io_flush(void *ctx, const void *p, size_t len)
{
	struct smmuv3_sim *s = ctx;

	(void)p;
	(void)len;
	s->st.flushes++; /* the model's memory is coherent (IDR0.COHACC) */
}

static void io_delay(void *ctx, unsigned us)
{
	struct smmuv3_sim *s = ctx;

	(void)us;
	s->st.delays++;
}

void smmuv3_sim_io(struct smmuv3_sim *s, struct unit_io *io)
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
	io->reg_base = 0x09050000; /* where QEMU's virt machine puts its unit; for messages only */
}

uint8_t *smmuv3_sim_mem(struct smmuv3_sim *s)
{
	return s->mem;
}

unsigned smmuv3_sim_errors(const struct smmuv3_sim *s)
{
	return s->errors;
}

const struct smmuv3_sim_stats *smmuv3_sim_stats(const struct smmuv3_sim *s)
{
	return &s->st;
}

struct smmuv3_sim_cfg *smmuv3_sim_knobs(struct smmuv3_sim *s)
{
	return &s->cfg;
}
