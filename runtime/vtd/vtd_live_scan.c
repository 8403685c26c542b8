/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What live updates must know of the installed VT-d tables before they
 * write anything: where the root table is (every unit of the group walks
 * it), that every table it reaches lies below the pool (so no pool page
 * is ever one the unit already walks), which domain ids are taken, and
 * the address width new context entries share with the installed ones.
 * Each installed page is read once (shared subtrees are marked).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_live_int.h"
#include "vtd/vtd_regs.h"

struct scan {
	const struct unit_io *io;
	uint64_t limit;	/* the pool's offset: installed pages lie below it */
	uint64_t *seen; /* one bit a page below limit */
	char *why;
	size_t whylen;
};

/* The installed page at physical address pa: 1 new (*off), 0 seen, -EINVAL outside. */
static int page(struct scan *s, uint64_t pa, uint64_t *off)
{
	uint64_t rel = pa - s->io->table_phys;

	if (pa < s->io->table_phys || rel >= s->limit) {
		snprintf(s->why, s->whylen, "an installed table at 0x%llx is not below the pool "
			 "(table memory 0x%llx, pool at offset 0x%llx)", (unsigned long long)pa,
			 (unsigned long long)s->io->table_phys, (unsigned long long)s->limit);
		return -EINVAL;
	}
	*off = rel & ~(VTD_PAGE_SIZE - 1);
	if (s->seen[*off / VTD_PAGE_SIZE / 64] & (1ull << (*off / VTD_PAGE_SIZE % 64)))
		return 0;
	s->seen[*off / VTD_PAGE_SIZE / 64] |= 1ull << (*off / VTD_PAGE_SIZE % 64);
	return 1;
}

/* A second-level table of level lvl and everything it links. */
static int sl_table(struct scan *s, uint64_t pa, unsigned lvl)
{
	uint64_t off;
	int rc = page(s, pa, &off);

	for (unsigned i = 0; rc > 0 && lvl > 1 && i < VTD_SL_ENTRIES; i++) {
		uint64_t e = ld(s->io, off + i * 8ull);

		if ((e & (VTD_SL_R | VTD_SL_W)) && !(e & VTD_SL_PS))
			rc = sl_table(s, e & VTD_ADDR_MASK, lvl - 1) < 0 ? -EINVAL : 1;
	}
	return rc < 0 ? rc : 0;
}

/* The capabilities the group's units share; each translating from table memory's start. */
static int units(const struct iommu_live_in *in, const size_t *group, size_t gi, size_t first,
		 struct vtd_live_scan *sc, unsigned *sagaw, unsigned *mgaw, char *why,
		 size_t whylen)
{
	*sagaw = VTD_SAGAW_39 | VTD_SAGAW_48;
	*mgaw = 64;
	sc->ndids = UINT32_MAX;
	for (size_t k = first; k < in->nunits; k++) {
		const struct rt_unit *u = &in->units[k];
		const struct vtd_caps *c = caps_of(u);
		uint64_t rta;

		if (group[k] != gi)
			continue;
		if (!c || !vtd_translating(&u->io)) {
			snprintf(why, whylen, "unit %s is not translating", u->name);
			return -EINVAL;
		}
		rta = u->io.read64(u->io.ctx, VTD_REG_RTADDR) & VTD_RTADDR_ADDR_MASK;
		if (rta != in->units[first].io.table_phys) {
			snprintf(why, whylen, "unit %s walks the root table at 0x%llx, not at its "
				 "table memory 0x%llx", u->name, (unsigned long long)rta,
				 (unsigned long long)in->units[first].io.table_phys);
			return -EINVAL;
		}
		*sagaw &= c->sagaw;
		*mgaw = c->mgaw < *mgaw ? c->mgaw : *mgaw;
		sc->ndids = c->ndoms < sc->ndids ? c->ndoms : sc->ndids;
		sc->cm |= c->cm;
	}
	return 0;
}

/* The context table at root entry lo: its entries' ids and width, their tables. */
static int ctx_table(struct scan *s, uint64_t lo, struct vtd_live_scan *sc)
{
	uint64_t off;
	int rc = page(s, lo & VTD_ADDR_MASK, &off);

	for (unsigned fn = 0; rc > 0 && fn < VTD_CTX_ENTRIES; fn++) {
		uint64_t clo = ld(s->io, off + fn * 16ull), chi = ld(s->io, off + fn * 16ull + 8);
		unsigned aw = (unsigned)(chi & VTD_CTX_HI_AW_MASK);
		uint32_t did = (uint32_t)((chi & VTD_CTX_HI_DID_MASK) >> VTD_CTX_HI_DID_SHIFT);

		if (!(clo & VTD_CTX_LO_P))
			continue;
		if ((aw != VTD_CTX_AW_39 && aw != VTD_CTX_AW_48) || (sc->aw && aw != sc->aw)) {
			snprintf(s->why, s->whylen, "installed context entries of more than one "
				 "address width");
			return -EINVAL;
		}
		sc->aw = aw;
		if (did < sc->ndids)
			sc->dids[did / 64] |= 1ull << (did % 64);
		if (sl_table(s, clo & VTD_ADDR_MASK, aw + 2))
			return -EINVAL;
	}
	return rc < 0 ? rc : 0;
}

int vtd_live_scan(const struct iommu_live_in *in, const size_t *group, size_t gi, size_t first,
		  struct vtd_live_scan *sc, char *why, size_t whylen)
{
	const struct unit_io *io = &in->units[first].io;
	struct scan s = { io, in->pool_off, NULL, why, whylen };
	unsigned sagaw, mgaw, agaw;
	uint64_t off;
	int rc;

	memset(sc, 0, sizeof(*sc));
	if ((rc = units(in, group, gi, first, sc, &sagaw, &mgaw, why, whylen)))
		return rc;
	/* the root table is page 0; the pool lies after the tables, inside table memory */
	if ((in->pool_off | in->pool_len) % VTD_PAGE_SIZE || in->pool_off < VTD_PAGE_SIZE ||
	    in->pool_off > io->table_size || in->pool_len > io->table_size - in->pool_off) {
		snprintf(why, whylen, "the pool (0x%llx bytes at offset 0x%llx) is not inside "
			 "table memory after the root table", (unsigned long long)in->pool_len,
			 (unsigned long long)in->pool_off);
		return -EINVAL;
	}
	s.seen = calloc(in->pool_off / VTD_PAGE_SIZE / 64 + 1, sizeof(*s.seen));
	sc->dids = calloc(sc->ndids / 64 + 1, sizeof(*sc->dids));
	if (!s.seen || !sc->dids) {
		snprintf(why, whylen, "out of memory");
		rc = -ENOMEM;
		goto out;
	}
	sc->dids[0] |= 1; /* id 0: reserved in caching mode, never the builder's */
	rc = page(&s, io->table_phys, &off);
	for (unsigned bus = 0; rc >= 0 && bus < VTD_ROOT_ENTRIES; bus++) {
		uint64_t lo = ld(io, bus * 16ull);

		if (lo & VTD_ROOT_P)
			rc = ctx_table(&s, lo, sc);
	}
	if (rc < 0)
		goto out;
	rc = 0;
	if (!sc->aw)
		sc->aw = sagaw & VTD_SAGAW_48 ? VTD_CTX_AW_48 : VTD_CTX_AW_39;
	if (!(sagaw & (1u << sc->aw))) {
		snprintf(why, whylen, "no page-table format every unit of the table memory walks");
		rc = -EINVAL;
		goto out;
	}
	agaw = 30 + 9 * sc->aw;
	sc->bits = mgaw < agaw ? mgaw : agaw;
out:
	free(s.seen);
	if (rc) {
		free(sc->dids);
		sc->dids = NULL;
	}
	return rc;
}
