/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Live updates: what an architecture offers smmuman's clients (libsmmu)
 * after boot. One ops table per architecture (struct iommu_arch.live),
 * siblings as the boot-time ops are.
 *
 * The model is small on purpose. A domain is a set of translation tables
 * in one table-memory group (units that walk one table memory; every unit
 * when the backend shares it); the daemon keeps objects, owners and the
 * list of mappings, and replays an object's mappings into a new group's
 * domain. The architecture keeps tables and ids only.
 *
 * Table pages come from a page pool (iommu/pool.h) over the part of table
 * memory the installed tables leave alone. Every update is written in an
 * order that never shows the unit a half-built subtree: a new table is
 * filled (zeroed) before the entry that links it is written; a leaf or a
 * device entry is cleared, then the unit's caches are invalidated, then a
 * page may go back to the pool. Each op returns only after the unit's
 * caches hold nothing older than the op (the architecture's invalidation
 * and its wait: VT-d IOTLB with drain, SMMUv3 TLBI/CFGI and CMD_SYNC).
 *
 * The installed (startup) tables are never changed except for the entry
 * of a device the policy leaves blocked: the daemon refuses devices of the
 * startup configuration before it calls attach. Where the startup tables
 * share a page with what an attach must change (VT-d's builder shares
 * identical context tables between buses), the architecture copies the
 * page first and switches the one link to the copy.
 *
 * Errors are negative errno values: -ENOENT (no unit controls the device),
 * -ENOMEM (the pool is out of pages: nothing changed), -ENOSPC (no domain
 * id, or a stream id beyond the installed stream table), -EINVAL (bad
 * arguments: unaligned, zero length, beyond the address width, perms 0,
 * a target reaching any unit's table memory), -EBUSY (attach: the device's
 * entry is the startup configuration's),
 * -ETIMEDOUT (an invalidation did not complete: smmuman enters the Design
 * Safe State, since the unit may still use what the op removed), -EIO
 * (the unit refused an invalidation: the same), -EBUSY (attach: a device
 * the startup tables grant; the architecture's own guard).
 */
#ifndef SMMU_IOMMU_LIVE_H
#define SMMU_IOMMU_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"
#include "iommu/backend.h"

/* Permissions of a live mapping (the blob's SMMUB perms: read 1, write 2). */
#define IOMMU_LIVE_R 1u
#define IOMMU_LIVE_W 2u

/* A device as a client names it. */
struct iommu_devid {
	bool mem;	   /* a memory-mapped master; else PCI */
	uint32_t rid;	   /* PCI: segment 0, bus << 8 | dev << 3 | fn */
	uint64_t mmio;	   /* mem: its register base */
	uint64_t mmio_len; /* mem: its register block's length (0: one byte) */
};

struct iommu_live_in {
	struct rt_unit *units; /* probed, tables installed, translating */
	size_t nunits;
	bool shared_table_memory;  /* the backend's: every unit walks one table memory */
	uint64_t pool_off, pool_len; /* the pool, page aligned, in each group's table memory */
	const struct smmub_view *v;  /* the booted policy: ids in use, devices */
	const struct backend_args *args; /* --board, --sim: where devices' stream ids come from */
	const struct backend *be;	  /* the access method: its unit_for names a device's unit */
};

struct iommu_live;

struct iommu_live_ops {
	/*
	 * Takes over the installed tables for updates. 0, or a negative
	 * errno with the reason in why (then no client can attach: the
	 * daemon says so and serves read-only requests).
	 */
	int (*open)(const struct iommu_live_in *in, struct iommu_live **out, char *why,
		    size_t whylen);
	void (*close)(struct iommu_live *l);
	/* The unit and stream (requester) id of a device: 0, or -ENOENT. */
	int (*stream)(struct iommu_live *l, const struct iommu_devid *d, size_t *unit,
		      uint32_t *sid);
	/* The table-memory group of a unit: units of one group share domains. */
	size_t (*group)(const struct iommu_live *l, size_t unit);
	/* A new domain in group g, mapping nothing: its handle (>= 0), -ENOSPC, -ENOMEM. */
	int (*dom_new)(struct iommu_live *l, size_t g);
	/*
	 * [iova, iova + len) translates to [pa, pa + len) with perms
	 * (IOMMU_LIVE_R|W, not 0), in 4 KiB pages, replacing what was
	 * there. All or nothing: -ENOMEM leaves the domain as it was.
	 */
	int (*map)(struct iommu_live *l, int dom, uint64_t iova, uint64_t pa, uint64_t len,
		   unsigned perms);
	/* Nothing of [iova, iova + len) translates any more (unmapped parts are fine). */
	int (*unmap)(struct iommu_live *l, int dom, uint64_t iova, uint64_t len);
	/*
	 * Device sid of unit walks domain dom from now on (dom of the
	 * unit's group), or, with dom -1, is blocked: every request faults
	 * and is recorded. Never bypass.
	 */
	int (*attach)(struct iommu_live *l, size_t unit, uint32_t sid, int dom);
	/* Frees a domain no device walks: its pages back to the pool, its id reusable. */
	void (*dom_free)(struct iommu_live *l, int dom);
	/* Pool pages in use and in all, over every group (smmuctl status). */
	void (*usage)(const struct iommu_live *l, size_t *used, size_t *total);
};

#endif
