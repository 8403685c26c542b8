/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 unit driver over struct unit_io: probe, the bring-up that
 * never opens a bypass window (also on a unit without GBPA, as QEMU 7.2),
 * the Design Safe State, a restart that finds the unit live, and the event
 * queue. It knows registers and its own memory only (the driver area: a
 * block-all stream table and the two queues at the end of table memory);
 * the policy's tables come from smmuv3_pt.c, placed by the caller.
 *
 * Errors are negative errno values: -ENODEV (a unit this driver cannot
 * use), -EINVAL (bad arguments, or a stream table the unit cannot walk),
 * -ENOSPC (table memory smaller than the driver area), -ETIMEDOUT (a
 * handshake never completed within the bounded poll), -EIO (the unit
 * refused a command: CMDQ_CONS.ERR with GERROR.CMDQ_ERR; the queue is
 * recovered before the return), -EOPNOTSUPP (a live unit whose GBPA does
 * not abort: it cannot be disabled without opening a bypass window).
 */
#ifndef SMMU_SMMUV3_DRV_H
#define SMMU_SMMUV3_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommu/unit_io.h"

/* Every wait polls at most this often, SMMUV3_POLL_US apart (~100 ms in all). */
#define SMMUV3_POLL_LIMIT 10000u
#define SMMUV3_POLL_US	  10u

/* What the unit offers, from IDR0, IDR1, IDR5 (read-only probe, no register written). */
struct smmuv3_caps {
	uint32_t idr0, idr1, idr5;
	bool s1p, s2p;	   /* stages */
	bool st_2lvl;	   /* IDR0.ST_LEVEL == 1 */
	unsigned sidsize;  /* IDR1.SIDSIZE */
	unsigned oas_bits; /* IDR5.OAS decoded: 32 36 40 42 44 48 52 (0: reserved value) */
	unsigned cmdqs, evtqs;
	bool gran4k;
};

/*
 * Reads IDR0, IDR1, IDR5 into c. 0, or -ENODEV with the reason in why
 * (may be NULL): no AArch64 table format, no 4 KiB granule, neither stage,
 * big-endian tables only, a reserved OAS or SIDSIZE. c is filled in all
 * the same, so that smmuv3_block_all can still try.
 */
int smmuv3_probe(struct unit_io *io, struct smmuv3_caps *c, char *why, size_t whylen);

/*
 * The driver area: 4 pages at the end of table memory. An 8 KiB event
 * queue (256 records, aligned to its size: in the first or the second two
 * pages, whichever are 8 KiB aligned), a 4 KiB command queue (256
 * commands) in the last page, and the block-all stream table (one invalid
 * STE) in the page left. Smaller when IDR1 allows less.
 */
#define SMMUV3_DRV_AREA_BYTES (4u * 4096u)
#define SMMUV3_DRV_CMDQ_LOG2  8u
#define SMMUV3_DRV_EVTQ_LOG2  8u

struct smmuv3_unit { /* one per unit: u->caps in the arch entry */
	struct smmuv3_caps caps;
	bool probed;			      /* caps hold the unit's values */
	bool carved;			      /* area_off is set (smmuv3_carve) */
	uint64_t area_off;		      /* byte offset of the driver area in table memory */
	uint64_t blk_off, cmdq_off, evtq_off; /* the area's parts, table memory offsets */
	/* queue state: valid once queues_ready */
	bool queues_ready;
	unsigned cmdq_log2, evtq_log2;
	uint32_t cmdq_prod; /* index and wrap bit */
	uint32_t evtq_cons; /* index, wrap bit and OVACKFLG */
	bool gbpa_works;    /* GBPA.ABORT read back set after ABORT|UPDATE (learned at enable) */
	/* the policy's stream table, set by the arch before smmuv3_enable */
	uint64_t strtab_off;	     /* byte offset in table memory, aligned as its cfg needs */
	uint32_t strtab_cfg;	     /* STRTAB_BASE_CFG */
	const uint8_t *strtab_image; /* its bytes as they must end up (entries, relocated) */
	size_t strtab_bytes;
	/* what the unit reported besides events (smmuv3_poll_events, the command paths) */
	uint64_t events;      /* event records handed to callbacks */
	uint64_t overflows;   /* polls that found events lost (OVFLG or EVTQ_ABT_ERR) */
	uint64_t cmd_errors;  /* commands the unit refused (CMDQ_ERR), recovered */
	uint64_t gerror_acks; /* GERROR conditions acknowledged, all kinds */
	uint32_t gerror_seen; /* every GERROR bit ever found active */
};

/*
 * Moves the driver area out of the tables' reach: io->table_size -= AREA,
 * io->table_held += AREA, d->area_off = the new io->table_size. -ENOSPC
 * if the window is too small, -EINVAL if it is not page aligned. A second
 * call changes nothing.
 */
int smmuv3_carve(struct unit_io *io, struct smmuv3_unit *d);

/*
 * The bring-up. SMMUEN=1 on entry (a restart): smmuv3_block_at first, so
 * -EOPNOTSUPP on a unit without a working GBPA. Then CR0=0, GBPA.ABORT
 * (d->gbpa_works), CR1 (queues and tables non-cacheable: the CPU writes
 * table memory through an uncached /dev/mem mapping), CR2 (PTM,
 * RECINVSID), IRQ_CTRL=0, STRTAB_BASE/_CFG at the policy's table (zeroed
 * here: all STEs or L1 descriptors invalid), the queues, CMDQEN|EVTQEN,
 * CFGI_ALL, TLBI_NSNH_ALL (every VMID and ASID, both stages), TLBI_NH_ALL
 * on a unit with stage 1, CMD_SYNC, SMMUEN: every DMA is blocked and
 * recorded. Then the image goes in (every STE's dwords 1-7, a flush, every
 * dword0; or the L1 descriptors), a flush, CFGI_ALL and CMD_SYNC.
 */
int smmuv3_enable(struct unit_io *io, struct smmuv3_unit *d);

/*
 * The Design Safe State without relying on GBPA. SMMUEN=1: the live
 * stream table is zeroed in place (STEs' dword0 first), then CFGI_ALL,
 * TLBI, CMD_SYNC on the driver's own queues; a live table outside table
 * memory cannot be reached: then only a GBPA proven to abort helps (SMMUEN
 * off, bring-up over the block-all table), else -1 and the unit is left
 * as it was. SMMUEN=0: the bring-up over the driver area's block-all
 * table (linear, LOG2SIZE 0, one invalid STE: StreamID 0 records
 * C_BAD_STE, every other C_BAD_STREAMID). A command or handshake that
 * times out does not stop it short of SMMUEN (fail closed). 0 or -1.
 */
int smmuv3_block_all(struct unit_io *io, struct smmuv3_unit *d);

/*
 * On a unit that is not translating: GBPA.ABORT (with UPDATE), so that its
 * bypass ends as soon as smmuman has found it, not when translation goes
 * on; d->gbpa_works says whether it took. A unit without GBPA (QEMU 7.2)
 * lets DMA through until SMMUEN. 0 (also when translating: nothing done),
 * -ETIMEDOUT when UPDATE does not clear, -EINVAL.
 */
int smmuv3_abort_bypass(struct unit_io *io, struct smmuv3_unit *d);

/*
 * One command on the driver's queue (live updates: CFGI_STE, TLBI by tag),
 * and CMD_SYNC with CONS reaching PROD: every earlier command has taken
 * effect. 0, -EINVAL (no queues yet), -ETIMEDOUT (the queue stays full, or
 * the sync does not complete), -EIO (the unit refused a command: the queue
 * is recovered).
 */
int smmuv3_cmd(struct unit_io *io, struct smmuv3_unit *d, uint64_t d0, uint64_t d1);
int smmuv3_cmd_sync(struct unit_io *io, struct smmuv3_unit *d);

/* CR0ACK.SMMUEN. */
bool smmuv3_translating(struct unit_io *io);

/*
 * A restart found the unit live: its stream table is zeroed in place and
 * invalidated (blocked at once), then, if GBPA aborts (probed: ABORT|
 * UPDATE written and read back), SMMUEN is cleared and 0 returned, ready
 * for smmuv3_enable; without GBPA -EOPNOTSUPP, the unit left translating
 * over the empty table. A live table outside table memory cannot be
 * zeroed: SMMUEN goes off if GBPA aborts (0), else nothing is changed but
 * GBPA (-EOPNOTSUPP). -EINVAL if the unit is not translating. off is not
 * needed (the driver area serves): it is accepted for the arch's shape.
 */
int smmuv3_block_at(struct unit_io *io, struct smmuv3_unit *d, uint64_t off);

/*
 * Acknowledges every active GERROR condition (GERRORN = GERROR). An
 * active CMDQ_ERR first gets the refused command replaced with CMD_SYNC,
 * so the queue resumes. Returns the bits acknowledged; counted in d.
 */
uint32_t smmuv3_gerror_ack(struct unit_io *io, struct smmuv3_unit *d);

struct smmuv3_event {
	uint8_t type;  /* SMMUV3_EVT_* */
	uint32_t sid;  /* StreamID */
	uint64_t addr; /* input address, when has_addr */
	bool write;    /* !RnW, when has_addr */
	bool has_addr; /* F_UUT, F_TRANSL_FORBIDDEN, F_WALK_EABT, F_TRANSLATION .. F_PERMISSION */
};

/*
 * Every event from CONS to PROD, oldest first, to fn (may be NULL); CONS
 * advanced. *overflowed (may be NULL) is set when events were lost since
 * the last poll: EVTQ_PROD.OVFLG differs from CONS.OVACKFLG (acknowledged
 * by copying it), or GERROR.EVTQ_ABT_ERR is active (QEMU; acknowledged).
 * Other GERROR conditions are acknowledged too and counted in d. Returns
 * how many events, or -EINVAL when the queues are not set up.
 */
int smmuv3_poll_events(struct unit_io *io, struct smmuv3_unit *d,
		       void (*fn)(void *arg, const struct smmuv3_event *e), void *arg,
		       bool *overflowed);

/* "F_TRANSLATION", "C_BAD_STE", ...: every type of IHI 0070's event table; NULL otherwise. */
const char *smmuv3_event_name(unsigned type);

#endif
