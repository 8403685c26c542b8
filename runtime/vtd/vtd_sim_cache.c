/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <string.h>

#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim_cache.h"

void vtd_simc_reset(struct vtd_simc *c)
{
	memset(c, 0, sizeof(*c));
}

static struct vtd_simc_tlb *tlb_slot(struct vtd_simc *c, uint16_t did, uint64_t page)
{
	return &c->tlb[(page ^ (uint64_t)did * 0x9e37u) % VTD_SIMC_TLB];
}

/* The 8 bytes at physical addr, when they lie in table memory. */
static bool rd64(const struct vtd_mem *m, uint64_t addr, uint64_t *v)
{
	if (addr < m->base || m->size < 8 || addr - m->base > m->size - 8)
		return false;
	memcpy(v, m->mem + (addr - m->base), 8);
	*v = le64toh(*v);
	return true;
}

/* A miss: the whole walk from memory, its context entry kept if it has one. */
static bool ctx_fill(struct vtd_simc_ctx *e, bool cm, const struct vtd_mem *m,
		     const struct vtd_walk_cfg *wc, uint64_t rta, uint16_t sid, uint64_t iova,
		     bool write, struct vtd_walk_res *r)
{
	uint64_t re, lo, hi;

	vtd_walk(m, wc, rta, sid, iova, write, r);
	if (r->status == VTD_WALK_OUTSIDE)
		return false;
	if (r->status == VTD_WALK_FAULT && !r->level && r->reason != VTD_FR_ADDR_BEYOND) {
		/* root or context entry refused: only caching mode keeps that */
		if (cm)
			*e = (struct vtd_simc_ctx){ .valid = true, .sid = sid, .reason = r->reason };
		return false;
	}
	/* the walk read both entries, so they lie in table memory */
	if (!rd64(m, (rta & VTD_RTADDR_ADDR_MASK) + (uint64_t)(sid >> 8) * 16, &re) ||
	    !rd64(m, (re & VTD_ADDR_MASK) + (uint64_t)(sid & 0xff) * 16, &lo) ||
	    !rd64(m, (re & VTD_ADDR_MASK) + (uint64_t)(sid & 0xff) * 16 + 8, &hi))
		return false;
	*e = (struct vtd_simc_ctx){ .valid = true, .present = true, .sid = sid, .did = r->did,
				    .fpd = r->fpd, .table = lo & VTD_ADDR_MASK,
				    .aw = (unsigned)(hi & VTD_CTX_HI_AW_MASK) };
	return true;
}

void vtd_simc_walk(struct vtd_simc *c, bool cm, const struct vtd_mem *m,
		   const struct vtd_walk_cfg *wc, uint64_t rta, uint16_t sid, uint64_t iova,
		   bool write, struct vtd_walk_res *r)
{
	struct vtd_simc_ctx *e = &c->ctx[sid % VTD_SIMC_CTX];
	struct vtd_walk_res acc[2];
	struct vtd_simc_tlb *t;
	unsigned agaw;

	if (!e->valid || e->sid != sid) {
		if (!ctx_fill(e, cm, m, wc, rta, sid, iova, write, r))
			return;
	} else {
		c->hits++;
	}
	memset(r, 0, sizeof(*r));
	if (!e->present) {
		r->status = VTD_WALK_FAULT;
		r->reason = e->reason;
		return;
	}
	r->did = e->did;
	r->fpd = e->fpd;
	agaw = 30 + 9 * e->aw;
	if (wc->mgaw && wc->mgaw < agaw)
		agaw = wc->mgaw;
	if (iova >> agaw) {
		r->status = VTD_WALK_FAULT;
		r->reason = VTD_FR_ADDR_BEYOND;
		return;
	}
	t = tlb_slot(c, e->did, iova >> VTD_PAGE_SHIFT);
	if (!t->valid || t->did != e->did || t->page != iova >> VTD_PAGE_SHIFT) {
		for (int w = 0; w < 2; w++) {
			acc[w] = *r;
			vtd_walk_tables(m, wc, e->table, e->aw + 2, iova, w, &acc[w]);
			if (acc[w].status == VTD_WALK_OUTSIDE) {
				*r = acc[w];
				return;
			}
		}
		*r = acc[write];
		/* a present leaf is cached with its rights; a missing one only in caching mode */
		if (acc[0].status != VTD_WALK_OK && acc[1].status != VTD_WALK_OK && !cm)
			return;
		*t = (struct vtd_simc_tlb){ .valid = true, .did = e->did,
					    .page = iova >> VTD_PAGE_SHIFT };
		for (int w = 0; w < 2; w++) {
			t->ok[w] = acc[w].status == VTD_WALK_OK;
			t->reason[w] = acc[w].reason;
			if (t->ok[w]) {
				t->pa = acc[w].pa & ~(VTD_PAGE_SIZE - 1);
				t->page_size = acc[w].page_size;
			}
		}
		return;
	}
	c->hits++;
	if (t->ok[write]) {
		r->status = VTD_WALK_OK;
		r->pa = t->pa | (iova & (VTD_PAGE_SIZE - 1));
		r->page_size = t->page_size;
		r->level = 1;
	} else {
		r->status = VTD_WALK_FAULT;
		r->reason = t->reason[write];
		r->level = 1;
	}
}

void vtd_simc_inv_ctx(struct vtd_simc *c, unsigned g, uint16_t did, uint16_t sid, unsigned fm)
{
	/* FM: 0 no bit of the function masked, 1 bit 2, 2 bits 2:1, 3 bits 2:0 */
	uint16_t keep = (uint16_t)~(fm ? (0x7u << (3 - fm)) & 0x7u : 0u);

	for (size_t i = 0; i < VTD_SIMC_CTX; i++) {
		struct vtd_simc_ctx *e = &c->ctx[i];

		if (g == 1 || (g == 2 && e->did == did) ||
		    (g == 3 && (e->sid & keep) == (sid & keep)))
			e->valid = false;
	}
}

void vtd_simc_inv_tlb(struct vtd_simc *c, unsigned g, uint16_t did, uint64_t iva, unsigned am)
{
	uint64_t first = (iva >> VTD_PAGE_SHIFT) & ~((1ull << am) - 1);

	for (size_t i = 0; i < VTD_SIMC_TLB; i++) {
		struct vtd_simc_tlb *t = &c->tlb[i];

		if (g == 1 || (g == 2 && t->did == did) ||
		    (g == 3 && t->did == did && t->page - first < (1ull << am)))
			t->valid = false;
	}
}
