/* SPDX-License-Identifier: BSD-2-Clause */
/* VT-d live updates: what vtd_live.c, vtd_live_ctx.c and vtd_live_scan.c share. */
#ifndef SMMU_VTD_LIVE_INT_H
#define SMMU_VTD_LIVE_INT_H

#include <endian.h>

#include "iommu/pool.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_live.h"

#define PRESENT (VTD_SL_R | VTD_SL_W)

/* A startup context entry a client's device took over, kept to give back. */
struct lsaved {
	uint16_t sid;
	uint64_t lo, hi;
};

struct lgroup {
	size_t first; /* its first unit, whose io reaches the table memory */
	struct iommu_pool pool;
	struct vtd_live_scan sc;
	struct lsaved *saved; /* firmware-reserved devices now a client's */
	size_t nsaved;
};

struct ldom {
	bool used;
	size_t g;
	uint16_t did;
	uint64_t top; /* table-memory offset of the top-level table */
	size_t devs;  /* context entries naming it */
};

struct iommu_live {
	struct rt_unit *units;
	size_t nunits;
	size_t *group;
	struct lgroup *g;
	size_t ng;
	struct ldom *doms;
	size_t ndoms;
	const struct backend *be;
	const struct smmub_view *v;
};

static inline const struct vtd_caps *caps_of(const struct rt_unit *u)
{
	const struct vtd_unit *d = u->caps;

	return d && d->probed ? &d->caps : NULL;
}

static inline struct unit_io *gio(const struct iommu_live *l, const struct lgroup *g)
{
	return &l->units[g->first].io;
}

static inline uint64_t ld(const struct unit_io *io, uint64_t off)
{
	return le64toh(*(const volatile uint64_t *)(const void *)(io->table_mem + off));
}

static inline void st(const struct unit_io *io, uint64_t off, uint64_t v)
{
	*(volatile uint64_t *)(void *)(io->table_mem + off) = htole64(v);
}

static inline void fl(const struct unit_io *io, uint64_t off, size_t len)
{
	if (io->flush)
		io->flush(io->ctx, io->table_mem + off, len);
}

static inline unsigned levels(const struct lgroup *g)
{
	return g->sc.aw + 2;
}

/* ---- invalidation on every unit of a group (vtd_live.c) ------------ */

enum inv { INV_WB, INV_ALL, INV_DEV, INV_PAGES };

struct inv_arg {
	uint16_t ctx_did, did, sid;
	uint64_t iova, len;
};

/* The write-buffer flush, then what is asked, on every unit of group gi: 0 or -ETIMEDOUT. */
int vtd_live_inv(const struct iommu_live *l, size_t gi, enum inv what, const struct inv_arg *a);
/* A zeroed pool page, flushed: its table-memory offset. 0 or -ENOMEM. */
int vtd_live_new_page(const struct iommu_live *l, struct lgroup *g, uint64_t *off);
/* The live domain dom, or NULL. */
struct ldom *vtd_live_dom_get(const struct iommu_live *l, int dom);
/* iommu_live_ops.attach (vtd_live_ctx.c) */
int vtd_live_attach(struct iommu_live *l, size_t unit, uint32_t sid, int dom);

#endif
