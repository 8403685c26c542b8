/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VT-d unit driver over struct unit_io: probe, the enable sequence,
 * the Design Safe State (block all DMA), and fault polling. It knows
 * registers only; tables come from vtd_pt.c, copied by the caller.
 *
 * Errors are negative errno values: -ENODEV (version below 1.0 or
 * capabilities this driver cannot use), -EBUSY (translation already on),
 * -ETIMEDOUT (a status bit never reached its value within the bounded
 * poll: the daemon enters the DSS), -EINVAL (bad arguments).
 */
#ifndef SMMU_VTD_DRV_H
#define SMMU_VTD_DRV_H

#include <stdbool.h>
#include <stdint.h>

#include "iommu/unit_io.h"
#include "vtd/vtd_pt.h"

/* Every wait polls at most this often, VTD_POLL_US apart (~100 ms in all). */
#define VTD_POLL_LIMIT 10000u
#define VTD_POLL_US    10u

struct vtd_caps {
	uint32_t ver;
	uint64_t cap, ecap;
	unsigned sagaw;	 /* VTD_SAGAW_* offered */
	unsigned mgaw;	 /* bits */
	bool sp2m, sp1g; /* SLLPS */
	unsigned nfr;	 /* fault recording registers */
	uint32_t fro;	 /* their offset, bytes */
	uint32_t iro;	 /* IVA offset, bytes; the IOTLB register is at iro + 8 */
	unsigned nd;	 /* CAP.ND */
	uint32_t ndoms;	 /* domain ids: 1 << (4 + 2 * nd) */
	bool cm, rwbf;
};

/*
 * Reads VER/CAP/ECAP into caps. Returns 0, or -ENODEV for a version below
 * 1.0 or register offsets beyond the 4 KiB register page (caps is filled
 * in all the same, so vtd_block_all can still try).
 */
int vtd_probe(const struct unit_io *io, struct vtd_caps *caps);

/*
 * The one capability rule of VT-d: whether the unit walks tables of
 * `levels` levels whose leaves are of sizes_used (VTD_PGSZ_*). 0 if it
 * does, else what it lacks: VTD_FIT_LEVELS, or the leaf size VTD_PGSZ_1G
 * or VTD_PGSZ_2M.
 */
#define VTD_FIT_LEVELS 0x100u
unsigned vtd_caps_fit(const struct vtd_caps *caps, unsigned levels, unsigned sizes_used);
/*
 * The profile every one of the n units walks, as close to want as they
 * allow: want's levels if all offer them, else 4 (48-bit), else 3; want's
 * superpages where all support them. 0, or -ENODEV when no format is
 * common to them (SAGAW has neither 39 nor 48 bits in common).
 */
int vtd_caps_common(const struct vtd_caps *const *caps, size_t n, const struct vtd_profile *want,
		    struct vtd_profile *prof);
/*
 * The enable sequence (translation must be off): clear every fault record
 * and FSTS.PFO, RTADDR = root_phys, SRTP (wait RTPS), global context-cache
 * invalidation (wait ICC clear), global IOTLB invalidation (wait IVT clear),
 * write-buffer flush if CAP.RWBF (wait WBFS clear), TE (wait TES).
 */
int vtd_enable(const struct unit_io *io, const struct vtd_caps *caps, uint64_t root_phys);

/*
 * The Design Safe State: a zeroed root table in the first page of table
 * memory, latched and translation on, so every request faults. If
 * translation is already on, only the root table is swapped and the caches
 * invalidated. caps may be NULL (read from the unit). If an invalidation
 * times out, translation is still switched on over the empty root table
 * (fail closed) and -ETIMEDOUT is returned.
 */
int vtd_block_all(const struct unit_io *io, const struct vtd_caps *caps);

/* Whether GSTS.TES is set (a restart finds the unit translating). */
bool vtd_translating(const struct unit_io *io);

/*
 * A unit that is translating moves to root_phys: RTADDR, SRTP, global
 * context-cache and IOTLB invalidation (write-buffer flush if RWBF); TE is
 * never touched, so there is no moment without translation. -EINVAL if
 * the unit is not translating (use vtd_enable).
 */
int vtd_switch_root(const struct unit_io *io, const struct vtd_caps *caps, uint64_t root_phys);

/*
 * For a restart: a translating unit is moved to an empty root table at
 * table memory offset off (zeroed here), so every request faults while
 * new tables are written elsewhere in table memory; then vtd_switch_root
 * to them. The unit's DMA is blocked in between, never open.
 */
int vtd_block_at(const struct unit_io *io, const struct vtd_caps *caps, uint64_t off);

/*
 * Register-based invalidation for live updates (translation on), each a
 * command and its bounded wait: 0 or -ETIMEDOUT. The caller orders them
 * as the specification asks: table writes, write-buffer flush (only with
 * CAP.RWBF), context cache, then IOTLB.
 */
int vtd_flush_write_buffer(const struct unit_io *io, const struct vtd_caps *caps);
/* Global context cache, global IOTLB, write buffer: after a root entry changed. */
int vtd_inv_all(const struct unit_io *io, const struct vtd_caps *caps);
/* Device-selective context cache: sid's entry, of domain did (0: not present, CAP.CM). */
int vtd_inv_context_dev(const struct unit_io *io, const struct vtd_caps *caps, uint16_t did,
			uint16_t sid);
/* Domain-selective IOTLB, with read and write draining where CAP.DRD/DWD offer it. */
int vtd_inv_iotlb_domain(const struct unit_io *io, const struct vtd_caps *caps, uint16_t did);
/*
 * The IOTLB entries of [iova, iova + len) in domain did: page-selective
 * (IVA, then the command) when CAP.PSI and one aligned block of at most
 * 2^CAP.MAMV pages holds the range, else domain-selective. -EINVAL: len 0
 * or a range that wraps.
 */
int vtd_inv_iotlb_range(const struct unit_io *io, const struct vtd_caps *caps, uint16_t did,
			uint64_t iova, uint64_t len);

struct vtd_fault {
	uint16_t sid;
	uint8_t reason; /* enum vtd_fault_reason */
	bool write;
	uint64_t addr;	/* page address */
	unsigned index; /* fault recording register */
};

/* What fault polling counted (the records themselves go to the callback). */
struct vtd_fault_stats {
	uint64_t total;	      /* faults ever handled */
	uint64_t overflows;   /* polls that found FSTS.PFO set */
	uint32_t fsts_errors; /* IQE/ICE/ITE bits seen (and acknowledged) */
};
typedef void (*vtd_fault_cb)(void *arg, const struct vtd_fault *f);

/*
 * Reads FSTS; if PPF, decodes every record with F set (from FRI on), calls
 * cb (may be NULL), counts it (log may be NULL) and clears exactly that
 * record's F; then writes FSTS with exactly the W1C bits it read as set
 * (PFO and the invalidation error bits). Returns the number of records
 * handled. caps may be NULL (read from the unit).
 */
int vtd_poll_faults(const struct unit_io *io, const struct vtd_caps *caps, vtd_fault_cb cb,
		    void *arg, struct vtd_fault_stats *log);

const char *vtd_fault_reason_str(unsigned reason);
const char *vtd_drv_strerror(int err);

#endif
