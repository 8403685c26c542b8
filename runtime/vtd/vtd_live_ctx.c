/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d live updates: a device's context entry (attach). Present to
 * anything else goes through not present, with the device's context-cache
 * and its old domain's IOTLB entries invalidated in between; the entry is
 * written hi first, then lo with P. A context table linked from more than
 * one root entry (a builder sharing identical tables) is copied first and
 * only this bus's root entry switched to the copy.
 */
#include <errno.h>

#include "vtd/vtd_live_int.h"
#include "vtd/vtd_regs.h"

/* The live domain of group gi with id did, or NULL (a startup domain). */
static struct ldom *dom_of_did(const struct iommu_live *l, size_t gi, uint16_t did)
{
	for (size_t i = 0; i < l->ndoms; i++)
		if (l->doms[i].used && l->doms[i].g == gi && l->doms[i].did == did)
			return &l->doms[i];
	return NULL;
}

/* Is the context table at off linked from a root entry other than bus's? */
static bool shared_ctx(const struct unit_io *io, unsigned bus, uint64_t off)
{
	for (unsigned b = 0; b < VTD_ROOT_ENTRIES; b++) {
		uint64_t re = ld(io, b * 16ull);

		if (b != bus && (re & VTD_ROOT_P) && (re & VTD_ADDR_MASK) == io->table_phys + off)
			return true;
	}
	return false;
}

/*
 * A context table of bus's own to write into (*off): the installed one if
 * no other bus links it, else a copy linked in its place; a new empty one
 * if the bus has none.
 */
static int own_ctx(struct iommu_live *l, size_t gi, unsigned bus, uint64_t *off)
{
	struct lgroup *g = &l->g[gi];
	struct unit_io *io = gio(l, g);
	uint64_t re = ld(io, bus * 16ull), n;
	bool had = re & VTD_ROOT_P;
	int rc;

	if (had && !shared_ctx(io, bus, (re & VTD_ADDR_MASK) - io->table_phys)) {
		*off = (re & VTD_ADDR_MASK) - io->table_phys;
		return 0;
	}
	if ((rc = vtd_live_new_page(l, g, &n)))
		return rc;
	if (had) {
		uint64_t old = (re & VTD_ADDR_MASK) - io->table_phys;

		/* the other buses' devices keep identical entries in the copy */
		for (unsigned i = 0; i < VTD_PAGE_SIZE / 8; i++)
			st(io, n + i * 8ull, ld(io, old + i * 8ull));
		fl(io, n, VTD_PAGE_SIZE);
	}
	st(io, bus * 16ull + 8, 0);
	st(io, bus * 16ull, (io->table_phys + n) | VTD_ROOT_P);
	fl(io, bus * 16ull, 16);
	*off = n;
	/*
	 * A switched root entry: the copy is identical, but a unit may hold
	 * the old link itself, so every context entry and translation goes
	 * (global context cache, then the global IOTLB the specification asks
	 * after it); rare, once a shared bus. A new one was not present: in
	 * caching mode the device-selective invalidation of the entry written
	 * next drops what was cached of it.
	 */
	if (had)
		return vtd_live_inv(l, gi, INV_ALL, &(struct inv_arg){ 0 });
	return vtd_live_inv(l, gi, INV_WB, &(struct inv_arg){ 0 });
}

int vtd_live_attach(struct iommu_live *l, size_t unit, uint32_t sid, int dom)
{
	struct ldom *d = NULL, *od = NULL;
	struct lgroup *g;
	struct unit_io *io;
	uint64_t re, c, eo, lo, hi, nlo = 0, nhi = 0;
	unsigned bus = (sid >> 8) & 0xff;
	size_t gi;
	int rc;

	if (unit >= l->nunits || sid > 0xffff || (dom != -1 && !(d = vtd_live_dom_get(l, dom))))
		return -EINVAL;
	gi = l->group[unit];
	if (d && d->g != gi)
		return -EINVAL;
	g = &l->g[gi];
	io = gio(l, g);
	re = ld(io, bus * 16ull);
	lo = hi = 0;
	if (re & VTD_ROOT_P) {
		c = (re & VTD_ADDR_MASK) - io->table_phys;
		/* open found every link inside table memory, and ours are pool pages */
		if ((re & VTD_ADDR_MASK) < io->table_phys || c >= io->table_size)
			return -EIO;
		lo = ld(io, c + (sid & 0xff) * 16ull);
		hi = ld(io, c + (sid & 0xff) * 16ull + 8);
	}
	if (lo & VTD_CTX_LO_P)
		od = dom_of_did(l, gi,
				(uint16_t)((hi & VTD_CTX_HI_DID_MASK) >> VTD_CTX_HI_DID_SHIFT));
	if ((lo & VTD_CTX_LO_P) && !od)
		return -EBUSY; /* the startup configuration's device: never changed */
	if (d) {
		nlo = (io->table_phys + d->top) | VTD_CTX_TT_SLPT << VTD_CTX_LO_TT_SHIFT |
		      VTD_CTX_LO_P;
		nhi = g->sc.aw | (uint64_t)d->did << VTD_CTX_HI_DID_SHIFT;
	}
	if (!(lo & VTD_CTX_LO_P) && !d)
		return 0; /* blocked already (no entry, or no context table) */
	if ((lo & VTD_CTX_LO_P) && d && lo == nlo && hi == nhi)
		return 0;
	if ((rc = own_ctx(l, gi, bus, &c)))
		return rc;
	eo = c + (sid & 0xff) * 16ull;
	if (od) {
		/* present to anything else: not present first, and every cache of it dropped */
		st(io, eo, lo & ~VTD_CTX_LO_P);
		fl(io, eo, 16);
		od->devs--;
		rc = vtd_live_inv(l, gi, INV_DEV, &(struct inv_arg){ .ctx_did = od->did, .did = od->did,
							   .sid = (uint16_t)sid });
		if (rc)
			return rc;
		st(io, eo + 8, 0);
		st(io, eo, 0);
		fl(io, eo, 16);
	}
	if (!d)
		return 0;
	/* hi first: the unit may read the entry as soon as P is set */
	st(io, eo + 8, nhi);
	st(io, eo, nlo);
	fl(io, eo, 16);
	d->devs++;
	/* caching mode keeps not-present entries, under domain id 0 */
	if (g->sc.cm)
		return vtd_live_inv(l, gi, INV_DEV, &(struct inv_arg){ .ctx_did = 0, .did = d->did,
							     .sid = (uint16_t)sid });
	return vtd_live_inv(l, gi, INV_WB, &(struct inv_arg){ 0 });
}
