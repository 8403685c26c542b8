/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 live updates (iommu/live.h), shared by their three parts: the
 * startup tables taken over (smmuv3_live_open.c), the devices and their
 * stream table entries (smmuv3_live.c), and the domains' translation
 * tables in the pool (smmuv3_live_pt.c). Not an interface: nothing else
 * includes it.
 *
 * A domain is one tag (a VMID at stage 2, an ASID and a CD at stage 1) and
 * one tree of 4 KiB-leaf LPAE tables in its group's pool, in the format of
 * the installed tables (stage, input and output sizes read from a startup
 * STE), so the unit walks them as it walks the startup ones.
 */
#ifndef SMMU_SMMUV3_LIVE_H
#define SMMU_SMMUV3_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommu/live.h"
#include "iommu/pool.h"
#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_fdt.h"

/* Tags: 16 bits at most (IDR0.VMID16 / ASID16), 0 never handed out. */
#define LV_TAGS 65536u

struct lv_att {
	uint32_t sid;
	int dom;
};

struct lv_unit {
	struct rt_unit *u;
	struct smmuv3_unit *d;
	size_t group;
	uint64_t st_off;      /* the linear table, or the L1 table */
	unsigned log2, split; /* StreamIDs below 2^log2; split 0: linear */
	uint32_t *boot_sids;  /* ascending: valid STEs of the startup tables */
	size_t nboot;
	struct lv_att *att; /* devices attached to a live domain */
	size_t natt, catt;
};

struct lv_group {
	struct iommu_pool pool;
	struct unit_io *io; /* its first unit's view of the table memory */
};

struct lv_dom {
	bool used;
	size_t group;
	uint16_t tag;
	uint64_t top; /* table-memory offset of its top table */
	uint64_t cd;  /* stage 1: of its CD's page */
	size_t nattached;
};

struct iommu_live {
	struct lv_unit *units;
	size_t nunits;
	struct lv_group *groups;
	size_t ngroups;
	struct lv_dom *doms;
	size_t ndoms;
	unsigned stage, ias, oas, top_level;
	unsigned tag_max;
	uint64_t tags[LV_TAGS / 64]; /* in use: startup, live, or held after a failed TLBI */
	/* the board's tree for stream(): none means the requester-id rule */
	bool have_board;
	struct smmuv3_fdt_info board;
	size_t host0;
};

/* A 64-bit little-endian word of table memory, with aligned volatile accesses only. */
uint64_t lv_rd(const struct unit_io *io, uint64_t off);
void lv_wr(struct unit_io *io, uint64_t off, uint64_t v);
void lv_flush(struct unit_io *io, uint64_t off, uint64_t len);

/* The table-memory offset of [a, a + len) the unit reaches at address a, or false. */
bool lv_tm_off(const struct unit_io *io, uint64_t a, uint64_t len, uint64_t *off);

/* smmuv3_live_open.c: iommu_live_ops.open and .close */
int lv_open(const struct iommu_live_in *in, struct iommu_live **out, char *why, size_t whylen);
void lv_close(struct iommu_live *l);

/* A zeroed pool page of group g: 0, or -ENOMEM. */
int lv_page(struct iommu_live *l, size_t g, uint64_t *off);

/* TLBI of dom's tag and CMD_SYNC on every unit of its group: 0 or the first error. */
int lv_tlbi(struct iommu_live *l, const struct lv_dom *dm);

/* smmuv3_live_pt.c: the ops on domains */
int lv_dom_new(struct iommu_live *l, size_t g);
int lv_map(struct iommu_live *l, int dom, uint64_t iova, uint64_t pa, uint64_t len, unsigned perms);
int lv_unmap(struct iommu_live *l, int dom, uint64_t iova, uint64_t len);
/* Its pages back to the pool, its tag free (devices already detached). */
void lv_dom_release(struct iommu_live *l, int dom);
/* The STE dwords 0-3 that make a device walk dom (dword0 with V). */
void lv_ste_for(const struct iommu_live *l, const struct lv_dom *dm, uint64_t ste[4],
		uint64_t table_phys);

#endif
