/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A software model of one ARM SMMUv3 (IHI 0070), non-secure programming
 * interface: ID registers from a configuration, CR0 with CR0ACK, GBPA,
 * the stream table registers, a command queue and an event queue in the
 * model's memory with the specification's PROD/CONS wrap arithmetic,
 * GERROR/GERRORN, a configuration cache and a TLB that only the right
 * commands invalidate, and DMA that walks with the independent walker
 * (smmuv3_walk.h). It follows the specification, with options for what
 * QEMU 7.2 does differently (../shared/reference/qemu-smmuv3-facts.md):
 * it is the referee a driver is tested against.
 *
 * Commands are consumed synchronously, inside the write that makes them
 * visible (CMDQ_PROD, CR0, GERRORN), as QEMU does. One thread at a time:
 * during smmuv3_sim_dma() the table memory briefly holds the cached
 * structures (smmuv3_sim_dma.c says why).
 */
#ifndef SMMU_SMMUV3_SIM_H
#define SMMU_SMMUV3_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommu/unit_io.h"

#define SMMUV3_SIM_REG_SIZE 0x20000u /* page 0 and page 1 */

struct smmuv3_sim_cfg {
	bool s1p, s2p;	   /* IDR0.S1P, IDR0.S2P */
	unsigned st_level; /* IDR0.ST_LEVEL: 0 linear only, 1 2-level too */
	unsigned sidsize;  /* IDR1.SIDSIZE, 0..32 */
	unsigned oas;	   /* IDR5.OAS encoding, 0..6 (32..52 bits) */
	unsigned cmdqs;	   /* IDR1.CMDQS: largest command queue LOG2SIZE, 0..19 */
	unsigned evtqs;	   /* IDR1.EVENTQS: largest event queue LOG2SIZE, 0..19 */
	bool gbpa_abort;   /* GBPA.ABORT after reset */
	/* QEMU 7.2: GBPA reads 0, ignores writes, and SMMUEN=0 bypasses */
	bool no_gbpa;
	/* QEMU 7.2: a full event queue toggles GERROR.EVTQ_ABT_ERR, not OVFLG */
	bool qemu_overflow;
	/* QEMU 7.2: one event per 4 bytes of a blocked access, not one per access */
	bool event_per_4b;
	uint64_t mem_size;   /* simulated physical memory, from address 0 */
	uint64_t table_base; /* the table memory window, page aligned */
	uint64_t table_size;
	/* fault injection: the named handshake never completes */
	bool cr0ack_stuck; /* CR0ACK keeps its value */
	bool gbpa_stuck;   /* GBPA.UPDATE stays set, the write not applied */
	bool cmdq_stuck;   /* CMDQ_CONS never advances */
	bool sync_stuck;   /* CMD_SYNC never completes: CONS stops on it */
};

/* Model state errors: software did something the specification forbids. */
enum smmuv3_sim_error {
	SMMUV3_SIM_ERR_BAD_REG = 1u << 0,    /* no register there, or a bad size or alignment */
	SMMUV3_SIM_ERR_LIVE_WRITE = 1u << 1, /* a base or table register written while in use */
	SMMUV3_SIM_ERR_BAD_STRTAB = 1u << 2, /* 2-level stream table without IDR0.ST_LEVEL */
	/*
	 * A cached valid STE found replaced by another valid one when CFGI
	 * drops it: nothing made it invalid and invalidated it in between, so
	 * the unit may have fetched half of each. This project's rule, stricter
	 * than IHI 0070 (which allows some single-word updates in place).
	 */
	SMMUV3_SIM_ERR_STE_TORN = 1u << 3,
};

struct smmuv3_sim_stats {
	unsigned cmds; /* commands consumed, each kind counted below as well */
	unsigned cfgi_ste, cfgi_all, cfgi_cd, prefetch;
	unsigned tlbi_nh_all, tlbi_nh_asid, tlbi_s12_vmall, tlbi_nsnh_all;
	unsigned syncs;
	unsigned illegal;   /* commands refused with CERROR_ILL */
	unsigned cmd_abort; /* command reads outside the memory (CERROR_ABT) */
	unsigned ste_fills, cd_fills, tlb_fills, tlb_hits;
	unsigned events;       /* written to the event queue */
	unsigned evt_off;      /* dropped: EVTQEN=0 */
	unsigned evt_overflow; /* dropped: queue full */
	unsigned evt_abort;    /* dropped: the queue is outside the memory */
	unsigned dma_ok, dma_bypass, dma_fault, dma_gbpa_abort;
	unsigned flushes, delays;
};

struct smmuv3_sim;

/*
 * QEMU 7.2's unit: S1P only, ST_LEVEL 1, 16-bit StreamIDs, 44-bit OAS,
 * queues up to 2^19 entries; with qemu true, its three departures from
 * the specification (no_gbpa, qemu_overflow, event_per_4b) as well.
 */
void smmuv3_sim_default_cfg(struct smmuv3_sim_cfg *cfg, bool qemu);

/* NULL on a bad configuration or no memory. */
struct smmuv3_sim *smmuv3_sim_new(const struct smmuv3_sim_cfg *cfg);
void smmuv3_sim_free(struct smmuv3_sim *sim);

/* Resets the registers and empties the caches (memory kept). */
void smmuv3_sim_reset(struct smmuv3_sim *sim);

/* A unit_io over the model's registers and its table memory window. */
void smmuv3_sim_io(struct smmuv3_sim *sim, struct unit_io *io);

/*
 * A DMA of len bytes at addr from StreamID sid; data is written to memory
 * (write) or receives what is read. SMMUEN=0: GBPA decides (abort:
 * -EFAULT, nothing recorded; bypass: addr is physical). SMMUEN=1: each
 * 4 KiB piece is a transaction of its own, translated through the caches
 * and the walker; a blocked piece records its event(s), is not written,
 * and reads as zeros; the others complete. Returns 0 when all complete,
 * -EFAULT when one was blocked, -ERANGE (nothing done) when a piece
 * reaches outside the simulated memory, -EIO (nothing done) when the
 * model refuses (SMMUV3_SIM_ERR_BAD_STRTAB), -EINVAL on bad arguments.
 */
int smmuv3_sim_dma(struct smmuv3_sim *sim, uint32_t sid, uint64_t addr, size_t len, bool write,
		   void *data);

uint8_t *smmuv3_sim_mem(struct smmuv3_sim *sim);
unsigned smmuv3_sim_errors(const struct smmuv3_sim *sim); /* enum smmuv3_sim_error bits */
const struct smmuv3_sim_stats *smmuv3_sim_stats(const struct smmuv3_sim *sim);
struct smmuv3_sim_cfg *smmuv3_sim_knobs(struct smmuv3_sim *sim); /* to flip the *_stuck knobs */

#endif
