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

#include <stdlib.h>

#include "iommu/probe.h"
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

/*
 * A present entry of no live domain is the startup tables'. The policy's
 * devices are never a client's. Any other device has one only because
 * the firmware reserves memory for it (an RMRR: the tables were built at
 * boot with its regions): a client may take it over, and the entry is
 * kept to give back when the client lets the device go, so the device
 * again reaches its reserved regions and nothing else.
 */
static struct lsaved *saved_of(struct lgroup *g, uint32_t sid)
{
	for (size_t i = 0; i < g->nsaved; i++)
		if (g->saved[i].sid == sid)
			return &g->saved[i];
	return NULL;
}

static int take_over(const struct iommu_live *l, struct lgroup *g, uint32_t sid, uint64_t lo,
		     uint64_t hi)
{
	struct probe p = { .sid = sid };
	struct probe_answer a;
	struct lsaved *n;

	probe_policy(l->v, &p, &a);
	if (a.device >= 0)
		return -EBUSY; /* the startup configuration's device: never changed */
	if (saved_of(g, sid))
		return 0;
	if (!(n = realloc(g->saved, (g->nsaved + 1) * sizeof(*n))))
		return -ENOMEM;
	g->saved = n;
	n[g->nsaved++] = (struct lsaved){ (uint16_t)sid, lo, hi };
	return 0;
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
	struct lsaved *sv;
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
	sv = saved_of(g, sid);
	/* let go: the startup entry comes back */
	if (!d && sv) {
		nlo = sv->lo;
		nhi = sv->hi;
	}
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
	if ((lo & VTD_CTX_LO_P) && !od && (rc = take_over(l, g, sid, lo, hi)))
		return rc;
	if (d) {
		nlo = (io->table_phys + d->top) | VTD_CTX_TT_SLPT << VTD_CTX_LO_TT_SHIFT |
		      VTD_CTX_LO_P;
		nhi = g->sc.aw | (uint64_t)d->did << VTD_CTX_HI_DID_SHIFT;
	}
	if (!(lo & VTD_CTX_LO_P) && !(nlo & VTD_CTX_LO_P))
		return 0; /* blocked already (no entry, or no context table) */
	rc = 0;
	if (lo == nlo && hi == nhi)
		goto done;
	if ((rc = own_ctx(l, gi, bus, &c)))
		return rc;
	eo = c + (sid & 0xff) * 16ull;
	if (lo & VTD_CTX_LO_P) {
		/* present to anything else: not present first, and every cache of it dropped */
		uint16_t odid = (uint16_t)((hi & VTD_CTX_HI_DID_MASK) >> VTD_CTX_HI_DID_SHIFT);

		st(io, eo, lo & ~VTD_CTX_LO_P);
		fl(io, eo, 16);
		if (od)
			od->devs--;
		rc = vtd_live_inv(l, gi, INV_DEV, &(struct inv_arg){ .ctx_did = odid, .did = odid,
							   .sid = (uint16_t)sid });
		if (rc)
			return rc;
		st(io, eo + 8, 0);
		st(io, eo, 0);
		fl(io, eo, 16);
	}
	if (!(nlo & VTD_CTX_LO_P))
		return 0;
	/* hi first: the unit may read the entry as soon as P is set */
	st(io, eo + 8, nhi);
	st(io, eo, nlo);
	fl(io, eo, 16);
	if (d)
		d->devs++;
	/* caching mode keeps not-present entries, under domain id 0 */
	if (g->sc.cm)
		rc = vtd_live_inv(l, gi, INV_DEV,
				  &(struct inv_arg){ .ctx_did = 0,
						     .did = (uint16_t)((nhi & VTD_CTX_HI_DID_MASK) >>
								       VTD_CTX_HI_DID_SHIFT),
						     .sid = (uint16_t)sid });
	else
		rc = vtd_live_inv(l, gi, INV_WB, &(struct inv_arg){ 0 });
done:
	/* given back: the startup entry is the device's again */
	if (!rc && !d && sv)
		*sv = g->saved[--g->nsaved];
	return rc;
}
