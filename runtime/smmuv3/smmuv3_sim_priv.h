/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software SMMUv3's state, shared by its two halves: the register file
 * and command queue (smmuv3_sim.c), the caches, DMA and event queue
 * (smmuv3_sim_dma.c). Not an interface: nothing else includes it.
 */
#ifndef SMMU_SMMUV3_SIM_PRIV_H
#define SMMU_SMMUV3_SIM_PRIV_H

#include "smmuv3/smmuv3_regs.h"
#include "smmuv3/smmuv3_sim.h"

/*
 * Bounded caches: a hostile DMA length or StreamID cannot grow them. An
 * evicted entry is refetched from memory, which a correct driver cannot
 * tell from a hit; the sizes are larger than any test's working set, so
 * that a stale entry stays stale until the command that drops it.
 */
#define SIM_CFG_ENTRIES 64
#define SIM_TLB_ENTRIES 512

/* One StreamID's configuration as fetched: its L1 descriptor, STE and CD. */
struct sim_cfg_ent {
	bool valid, has_l1, cd_valid;
	uint32_t sid;
	unsigned config; /* STE.Config */
	uint64_t l1_addr, ste_addr, cd_addr;
	uint8_t l1[8], ste[SMMUV3_STE_BYTES], cd[SMMUV3_CD_BYTES];
};

/* One 4 KiB page's translation, per direction it was walked for. */
struct sim_tlb_ent {
	bool valid, rd, wr;
	unsigned stage; /* 1: tag is the ASID; 2: tag is the VMID */
	uint32_t tag;
	uint64_t page; /* input address >> 12 */
	uint64_t pa;   /* output address of the page */
};

struct smmuv3_sim {
	struct smmuv3_sim_cfg cfg;
	uint8_t *mem;
	uint32_t idr0, idr1, idr5;
	uint32_t cr0, cr0ack, cr1, cr2, gbpa, irq_ctrl, irq_ctrlack;
	uint32_t gerror, gerrorn;
	uint64_t strtab_base;
	uint32_t strtab_cfg;
	uint64_t cmdq_base, evtq_base;
	uint32_t cmdq_prod, cmdq_cons, cmdq_err;
	uint32_t evtq_prod, evtq_cons;
	struct sim_cfg_ent ce[SIM_CFG_ENTRIES];
	unsigned ce_next;
	struct sim_tlb_ent tlb[SIM_TLB_ENTRIES];
	unsigned tlb_next;
	unsigned errors;
	struct smmuv3_sim_stats st;
};

/* Queue arithmetic (IHI 0070 3.5): LOG2SIZE clamped to the IDR1 maximum. */
static inline unsigned sim_q_log2(uint64_t base, unsigned max)
{
	unsigned l = (unsigned)(base & SMMUV3_Q_LOG2SIZE_MASK);

	return l < max ? l : max;
}

/* Index and wrap bit of a PROD or CONS value. */
static inline uint32_t sim_q_wrap(uint32_t v, unsigned log2)
{
	return v & ((2u << log2) - 1);
}

/* The entry at index idx; low address bits below the queue's size read as 0. */
static inline uint64_t sim_q_entry(uint64_t base, unsigned log2, uint32_t idx, unsigned bytes)
{
	uint64_t size = (uint64_t)bytes << log2;

	return (base & SMMUV3_Q_BASE_ADDR_MASK & ~(size - 1)) + (uint64_t)idx * bytes;
}

static inline bool sim_in_mem(const struct smmuv3_sim *s, uint64_t pa, uint64_t len)
{
	return pa <= s->cfg.mem_size && len <= s->cfg.mem_size - pa;
}

static inline uint64_t sim_ld64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static inline void sim_st64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* An error condition of GERROR is active while it differs from GERRORN. */
static inline bool sim_gerror_active(const struct smmuv3_sim *s, uint32_t bit)
{
	return ((s->gerror ^ s->gerrorn) & bit) != 0;
}

static inline void sim_gerror_raise(struct smmuv3_sim *s, uint32_t bit)
{
	if (!sim_gerror_active(s, bit))
		s->gerror ^= bit;
}

/* smmuv3_sim_dma.c: what the commands invalidate. */
void sim_cfg_drop(struct smmuv3_sim *s, uint32_t sid, unsigned bits, bool cd_only);
void sim_tlb_drop(struct smmuv3_sim *s, unsigned stage, bool by_tag, uint32_t tag);

#endif
