/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A software model of one Intel VT-d remapping unit (legacy mode): the
 * register file with the specification's semantics (write-only GCMD with
 * GSTS status, latched root table pointer, self-clearing invalidation
 * commands, write-1-to-clear fault status and fault records, QEMU's fault
 * compression), a simulated physical memory with the table memory as a
 * window of it, and DMA that walks the installed tables with the
 * independent walker through a context cache and an IOTLB that only the
 * invalidation commands empty (vtd_sim_cache.h). It follows the specification, not our driver: it is
 * the referee the driver is tested against, and the demo backend.
 */
#ifndef SMMU_VTD_SIM_H
#define SMMU_VTD_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommu/unit_io.h"

#define VTD_SIM_REG_SIZE 0x1000u /* the register window */

struct vtd_sim_cfg {
	uint32_t ver;	     /* VER register, 0x10 = 1.0 */
	unsigned sagaw;	     /* VTD_SAGAW_* */
	unsigned mgaw;	     /* bits; also the host address width */
	bool sp2m, sp1g;     /* CAP.SLLPS */
	unsigned nfr;	     /* fault recording registers, 1..256 */
	unsigned fro;	     /* their offset in bytes, a multiple of 16 */
	unsigned iro;	     /* IVA offset in bytes (IOTLB register at +8), multiple of 16 */
	unsigned nd;	     /* CAP.ND */
	bool cm, rwbf;	     /* CAP.CM, CAP.RWBF */
	bool psi;	     /* CAP.PSI, with CAP.MAMV = mamv (0..63) */
	unsigned mamv;
	bool drain;	     /* CAP.DRD and CAP.DWD */
	uint64_t mem_size;   /* simulated physical memory, from address 0 */
	uint64_t table_base; /* the table memory window, page aligned */
	uint64_t table_size;
	/* fault injection: the named status never completes */
	bool icc_stuck, ivt_stuck, rtps_stuck, tes_stuck, wbf_stuck;
};

/* Model state errors: software did something the specification forbids. */
enum vtd_sim_error {
	VTD_SIM_ERR_TE_NO_ROOT = 1u << 0,   /* TE set before any SRTP: all DMA blocked */
	VTD_SIM_ERR_STALE_CTX = 1u << 1,    /* TE on with the context cache not invalidated */
	VTD_SIM_ERR_STALE_IOTLB = 1u << 2,  /* TE on with the IOTLB not invalidated */
	VTD_SIM_ERR_WALK_OUTSIDE = 1u << 3, /* a walk left the table memory: DMA blocked */
	VTD_SIM_ERR_BAD_REG = 1u << 4,	    /* an access to no register, or misaligned */
};

struct vtd_sim_stats {
	unsigned cc_global, cc_domain, cc_device; /* context-cache invalidations */
	unsigned iotlb_global, iotlb_domain, iotlb_page;
	unsigned wbf;	      /* write buffer flushes */
	unsigned srtp;	      /* root table pointer latches */
	unsigned recorded;    /* faults written to a fault record */
	unsigned compressed;  /* dropped: same SID already has a pending record */
	unsigned overflowed;  /* dropped, PFO set: no free record */
	unsigned dropped_pfo; /* dropped while PFO was set */
	unsigned suppressed;  /* dropped by the context entry's FPD */
	unsigned dma_ok, dma_fault, dma_blocked;
	unsigned flushes, delays;
};

struct vtd_sim;

/* QEMU 7.2's unit: 1 record at 0x220, IRO 0xf0, 2M+1G, 16-bit DIDs. */
void vtd_sim_default_cfg(struct vtd_sim_cfg *cfg, unsigned levels);

/* NULL on a bad configuration or no memory. */
struct vtd_sim *vtd_sim_new(const struct vtd_sim_cfg *cfg);
void vtd_sim_free(struct vtd_sim *sim);

/* Resets the registers (memory kept): IM set, translation off, no records. */
void vtd_sim_reset(struct vtd_sim *sim);

/* A unit_io over the model's registers and its table memory window. */
void vtd_sim_io(struct vtd_sim *sim, struct unit_io *io);

/*
 * A DMA request of len bytes at iova from requester sid; buf is the data
 * written to memory, or receives the data read. With translation on, every
 * page is walked first: 0 when all translate (then copied), -EFAULT when
 * one faults (recorded as the unit would), -EIO when the model refuses
 * (VTD_SIM_ERR_TE_NO_ROOT, VTD_SIM_ERR_WALK_OUTSIDE), -ERANGE when the
 * physical target is outside the simulated memory, -EINVAL on bad args.
 * With translation off, iova is the physical address (pass-through).
 */
int vtd_sim_dma(struct vtd_sim *sim, uint16_t sid, uint64_t iova, size_t len, bool is_write,
		void *buf);

uint8_t *vtd_sim_mem(struct vtd_sim *sim);
unsigned vtd_sim_errors(const struct vtd_sim *sim); /* enum vtd_sim_error bits */
const struct vtd_sim_stats *vtd_sim_stats(const struct vtd_sim *sim);
struct vtd_sim_cfg *vtd_sim_knobs(struct vtd_sim *sim); /* to flip the *_stuck knobs */

#endif
