/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 live updates (iommu/live.h): smmuman's clients attach devices the
 * policy leaves blocked to domains of their own, after boot, on a unit
 * that translates all along (smmuv3_live_open.c takes the startup
 * tables over).
 *
 * A linear stream table is as large as the policy's largest StreamID
 * needs (the builder's choice): a StreamID beyond it gets -ENOSPC, since
 * the table can only move with SMMUEN off, a window in which a unit
 * without a working GBPA lets every DMA through. In a 2-level table a
 * StreamID whose L1 descriptor is invalid gets an L2 table of 64 STEs
 * from the pool (Span 7), written whole before its descriptor.
 *
 * An STE goes valid only whole (dwords 1-7, then dword0 with V, as
 * smmuv3_enable writes the image); a valid one is made invalid and
 * invalidated (CFGI_STE, CMD_SYNC) before it is written again. A detached
 * device's STE is invalid: the unit blocks it and records C_BAD_STE with
 * its StreamID, as it does every device the startup tables do not grant.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>

#include "iommu/arch.h"
#include "iommu/devmem.h"
#include "smmuv3/smmuv3_board.h"
#include "smmuv3/smmuv3_live.h"
#include "smmuv3/smmuv3_regs.h"

#define L2_SPAN 7u /* an L2 table of 2^(7-1) = 64 STEs: one page */

/* ---- table memory ---------------------------------------------------------- */

uint64_t lv_rd(const struct unit_io *io, uint64_t off)
{
	return le64toh(*(const volatile uint64_t *)(const void *)(io->table_mem + off));
}

void lv_wr(struct unit_io *io, uint64_t off, uint64_t v)
{
	*(volatile uint64_t *)(void *)(io->table_mem + off) = htole64(v);
}

void lv_flush(struct unit_io *io, uint64_t off, uint64_t len)
{
	if (io->flush && len)
		io->flush(io->ctx, io->table_mem + off, (size_t)len);
}

int lv_page(struct iommu_live *l, size_t g, uint64_t *off)
{
	int rc = iommu_pool_alloc(&l->groups[g].pool, off);

	if (!rc)
		iommu_tmem_zero(l->groups[g].io->table_mem + *off, IOMMU_PAGE_SIZE);
	return rc;
}

int lv_tlbi(struct iommu_live *l, const struct lv_dom *dm)
{
	uint64_t d0 = l->stage == 1 ? SMMUV3_CMD_TLBI_NH_ASID | (uint64_t)dm->tag << 48
				    : SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)dm->tag << 32;
	int first = 0;

	/* every unit of the group, also after one fails: each may cache the tag */
	for (size_t i = 0; i < l->nunits; i++) {
		struct lv_unit *lu = &l->units[i];
		int rc;

		if (lu->group != dm->group)
			continue;
		rc = smmuv3_cmd(&lu->u->io, lu->d, d0, 0);
		if (!rc)
			rc = smmuv3_cmd_sync(&lu->u->io, lu->d);
		if (rc && !first)
			first = rc;
	}
	return first;
}

/* ---- devices ------------------------------------------------------------------ */

/* The master whose first reg holds all of [mmio, mmio + len): its only StreamID. */
static int mem_stream(const struct iommu_live *l, const struct iommu_devid *dv, size_t *tu,
		      uint32_t *sid)
{
	const struct smmuv3_fdt_info *b = &l->board;
	uint64_t len = dv->mmio_len ? dv->mmio_len : 1;
	size_t n = b->n_masters < b->masters_cap ? b->n_masters : b->masters_cap, hit = 0, k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct smmuv3_fdt_master *m = &b->masters[i];

		if (m->has_addr && dv->mmio >= m->addr && dv->mmio - m->addr < m->size &&
		    len <= m->size - (dv->mmio - m->addr)) {
			hit++;
			k = i;
		}
	}
	if (hit != 1 || b->masters[k].n_streams != 1 ||
	    b->masters[k].first_stream >= b->streams_cap)
		return -ENOENT;
	*tu = b->streams[b->masters[k].first_stream].unit;
	*sid = b->streams[b->masters[k].first_stream].sid;
	return 0;
}

static int live_stream(struct iommu_live *l, const struct iommu_devid *dv, size_t *unit,
		       uint32_t *sid)
{
	size_t tu;

	if (!dv || (!dv->mem && dv->rid > 0xffff) ||
	    (dv->mem && dv->mmio_len && dv->mmio + dv->mmio_len - 1 < dv->mmio))
		return -EINVAL;
	if (!l->have_board) {
		/* smmu(5): a PCI function's StreamID is its requester id */
		if (dv->mem || l->nunits != 1)
			return -ENOENT;
		*unit = 0;
		*sid = dv->rid;
		return 0;
	}
	if (dv->mem ? mem_stream(l, dv, &tu, sid)
		    : smmuv3_board_stream(&l->board, l->host0, false, dv->rid, 0, &tu, sid))
		return -ENOENT;
	if (tu >= l->board.n_units || tu >= l->board.units_cap)
		return -ENOENT;
	for (size_t i = 0; i < l->nunits; i++)
		if (l->units[i].u->reg_base == l->board.units[tu].base) {
			*unit = i;
			return 0;
		}
	return -ENOENT;
}

static size_t live_group(const struct iommu_live *l, size_t unit)
{
	return unit < l->nunits ? l->units[unit].group : (size_t)-1;
}

static bool is_boot(const struct lv_unit *lu, uint32_t sid)
{
	size_t lo = 0, hi = lu->nboot;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lu->boot_sids[mid] == sid)
			return true;
		if (lu->boot_sids[mid] < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * The STE of sid: 0 with *off; 1 when there is none (an invalid L1
 * descriptor) and make is false; -ENOSPC beyond the table. With make, a
 * missing L2 table is made in *l2 (its descriptor in *l1d at *l1), to be
 * linked once the STE in it is written.
 */
static int ste_find(struct iommu_live *l, struct lv_unit *lu, uint32_t sid, bool make,
		    uint64_t *off, uint64_t *l1, uint64_t *l1d)
{
	struct unit_io *io = &lu->u->io;
	uint64_t d, span, idx, l2;

	*l1 = 0;
	if (lu->log2 < 32 && sid >> lu->log2)
		return -ENOSPC;
	if (!lu->split) {
		*off = lu->st_off + (uint64_t)sid * SMMUV3_STE_BYTES;
		return *off - lu->st_off < lu->d->strtab_bytes ? 0 : -ENOSPC;
	}
	idx = sid & ((1u << lu->split) - 1);
	*l1 = lu->st_off + (uint64_t)(sid >> lu->split) * 8;
	d = lv_rd(io, *l1);
	span = d & SMMUV3_L1_SPAN_MASK;
	if (span) {
		*l1 = 0;
		if (idx >= 1ull << (span - 1) ||
		    !lv_tm_off(io,
			       (d & SMMUV3_L1_ADDR_MASK & ~((SMMUV3_STE_BYTES << (span - 1)) - 1)) +
				   idx * SMMUV3_STE_BYTES,
			       SMMUV3_STE_BYTES, off))
			return -ENOSPC;
		return 0;
	}
	if (!make)
		return 1;
	if (idx >= 1u << (L2_SPAN - 1))
		return -ENOSPC;
	if (lv_page(l, lu->group, &l2))
		return -ENOMEM;
	*l1d = ((io->table_phys + l2) & SMMUV3_L1_ADDR_MASK) | L2_SPAN;
	*off = l2 + idx * SMMUV3_STE_BYTES;
	return 0;
}

/* CFGI_STE(sid) and CMD_SYNC. */
static int cfgi(struct lv_unit *lu, uint32_t sid)
{
	int rc = smmuv3_cmd(&lu->u->io, lu->d, SMMUV3_CMD_CFGI_STE | (uint64_t)sid << 32, 0);

	return rc ? rc : smmuv3_cmd_sync(&lu->u->io, lu->d);
}

/* sid's record of a live domain: its index, or natt. */
static size_t att_find(const struct lv_unit *lu, uint32_t sid)
{
	size_t i = 0;

	while (i < lu->natt && lu->att[i].sid != sid)
		i++;
	return i;
}

static void att_drop(struct iommu_live *l, struct lv_unit *lu, size_t i)
{
	if (i == lu->natt)
		return;
	l->doms[lu->att[i].dom].nattached--;
	lu->att[i] = lu->att[--lu->natt];
}

/* Makes room for one more record before anything is written (ENOMEM changes nothing). */
static int att_room(struct lv_unit *lu)
{
	struct lv_att *n;

	if (lu->natt < lu->catt)
		return 0;
	n = realloc(lu->att, (lu->catt ? lu->catt * 2 : 8) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	lu->att = n;
	lu->catt = lu->catt ? lu->catt * 2 : 8;
	return 0;
}

static int live_attach(struct iommu_live *l, size_t unit, uint32_t sid, int dom)
{
	struct lv_unit *lu;
	struct unit_io *io;
	uint64_t off, l1, l1d = 0, ste[4];
	size_t a;
	int rc;

	if (unit >= l->nunits || dom < -1 ||
	    (dom >= 0 && ((size_t)dom >= l->ndoms || !l->doms[dom].used ||
			  l->doms[dom].group != l->units[unit].group)))
		return -EINVAL;
	lu = &l->units[unit];
	io = &lu->u->io;
	/* the daemon refuses startup devices first: this is the unit's own guard */
	if (is_boot(lu, sid))
		return -EBUSY;
	if (dom >= 0 && (rc = att_room(lu)))
		return rc;
	rc = ste_find(l, lu, sid, dom >= 0, &off, &l1, &l1d);
	/* no L2 table, or beyond the table: a detached device is blocked already */
	if (rc > 0 || (rc == -ENOSPC && dom < 0))
		return 0;
	if (rc)
		return rc;
	a = att_find(lu, sid);
	if (dom >= 0) {
		bool same = a < lu->natt && lu->att[a].dom == dom;

		lv_ste_for(l, &l->doms[dom], ste, io->table_phys);
		for (unsigned k = 0; same && k < 4; k++)
			same = lv_rd(io, off + 8 * k) == ste[k];
		if (same)
			return 0;
	}
	if (lv_rd(io, off) & SMMUV3_STE0_V) {
		lv_wr(io, off, 0);
		lv_flush(io, off, 8);
		att_drop(l, lu, a);
		if ((rc = cfgi(lu, sid)))
			return rc;
	}
	/* dwords 1-7 of an invalid STE, then dword0: valid only whole */
	for (unsigned k = 1; k < SMMUV3_STE_DWORDS; k++)
		lv_wr(io, off + 8 * k, dom >= 0 && k < 4 ? ste[k] : 0);
	lv_flush(io, off, SMMUV3_STE_BYTES);
	if (dom < 0)
		return 0;
	lv_wr(io, off, ste[0]);
	lv_flush(io, off, 8);
	if (l1) {
		lv_flush(io, off & ~(uint64_t)(IOMMU_PAGE_SIZE - 1), IOMMU_PAGE_SIZE);
		lv_wr(io, l1, l1d);
		lv_flush(io, l1, 8);
	}
	lu->att[lu->natt++] = (struct lv_att){sid, dom};
	l->doms[dom].nattached++;
	return cfgi(lu, sid);
}

/* A domain a device still walks: the devices are blocked first, never left on freed pages. */
static void live_dom_free(struct iommu_live *l, int dom)
{
	if (dom < 0 || (size_t)dom >= l->ndoms || !l->doms[dom].used)
		return;
	for (size_t i = 0; i < l->nunits && l->doms[dom].nattached; i++) {
		struct lv_unit *lu = &l->units[i];

		for (size_t k = lu->natt; k-- > 0;)
			if (lu->att[k].dom == dom)
				live_attach(l, i, lu->att[k].sid, -1);
	}
	lv_dom_release(l, dom);
}

static void live_usage(const struct iommu_live *l, size_t *used, size_t *total)
{
	*used = *total = 0;
	for (size_t g = 0; g < l->ngroups; g++) {
		*used += l->groups[g].pool.npages - l->groups[g].pool.nfree;
		*total += l->groups[g].pool.npages;
	}
}

const struct iommu_live_ops smmuv3_live_ops = {
    .open = lv_open,
    .close = lv_close,
    .stream = live_stream,
    .group = live_group,
    .dom_new = lv_dom_new,
    .map = lv_map,
    .unmap = lv_unmap,
    .attach = live_attach,
    .dom_free = live_dom_free,
    .usage = live_usage,
};
