/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d legacy-mode walk, in the order the unit does it and with the checks
 * QEMU's model makes: present, reserved bits, translation type and address
 * width for the root and context entries; then at every paging level the
 * access right first (a non-present entry has neither R nor W, so it is a
 * read or write fault, as QEMU reports it), then reserved bits, then leaf.
 */
#include <endian.h>
#include <string.h>

#include "vtd/vtd_regs.h"
#include "vtd/vtd_walk.h"

/* Reads n bytes at physical addr, if they lie wholly in table memory. */
static bool rd(const struct vtd_mem *m, uint64_t addr, unsigned n, uint64_t *v)
{
	if (addr < m->base || m->size < n || addr - m->base > m->size - n)
		return false;
	memcpy(v, m->mem + (addr - m->base), 8);
	*v = le64toh(*v);
	if (n == 16) {
		memcpy(v + 1, m->mem + (addr - m->base) + 8, 8);
		v[1] = le64toh(v[1]);
	}
	return true;
}

static int fault(struct vtd_walk_res *res, unsigned reason)
{
	res->status = VTD_WALK_FAULT;
	res->reason = reason;
	return res->status;
}

static int outside(struct vtd_walk_res *res, uint64_t addr)
{
	res->status = VTD_WALK_OUTSIDE;
	res->bad_addr = addr;
	return res->status;
}

/* Root and context entries: every bit from haw up is reserved. */
static uint64_t from_haw(unsigned haw)
{
	return haw >= 64 ? 0 : ~((1ull << haw) - 1);
}

/* Paging entries: address bits from haw to 51 (52..61 and 63 are ignored). */
static uint64_t above_haw(unsigned haw)
{
	if (haw >= 52)
		return 0;
	return ((1ull << 52) - 1) & ~((1ull << haw) - 1);
}

static uint64_t sl_reserved(const struct vtd_walk_cfg *cfg, unsigned level, uint64_t e)
{
	uint64_t rsvd = above_haw(cfg->haw) | VTD_SL_TM;

	if (!cfg->snoop)
		rsvd |= VTD_SL_SNP;
	if (level == 4)
		rsvd |= VTD_SL_PS;
	if (level == 3 && !cfg->sp1g)
		rsvd |= VTD_SL_PS;
	if (level == 2 && !cfg->sp2m)
		rsvd |= VTD_SL_PS;
	/* a superpage's address must be aligned to its size */
	if ((level == 2 || level == 3) && (e & VTD_SL_PS))
		rsvd |= (VTD_LEVEL_SPAN(level) - 1) & ~(VTD_PAGE_SIZE - 1);
	return e & rsvd;
}

int vtd_walk(const struct vtd_mem *m, const struct vtd_walk_cfg *cfg, uint64_t rtaddr, uint16_t sid,
	     uint64_t iova, bool write, struct vtd_walk_res *res)
{
	uint64_t re[2], ce[2], addr;
	unsigned aw, levels, agaw;

	memset(res, 0, sizeof(*res));
	addr = (rtaddr & VTD_RTADDR_ADDR_MASK) + (uint64_t)(sid >> 8) * 16;
	if (!rd(m, addr, 16, re))
		return outside(res, addr);
	if (!(re[0] & VTD_ROOT_P))
		return fault(res, VTD_FR_ROOT_NP);
	if (re[1] || (re[0] & (VTD_ROOT_LO_RSVD | from_haw(cfg->haw))))
		return fault(res, VTD_FR_ROOT_RSVD);

	addr = (re[0] & VTD_ADDR_MASK) + (uint64_t)(sid & 0xff) * 16;
	if (!rd(m, addr, 16, ce))
		return outside(res, addr);
	if (!(ce[0] & VTD_CTX_LO_P))
		return fault(res, VTD_FR_CTX_NP);
	res->fpd = !!(ce[0] & VTD_CTX_LO_FPD);
	res->did = (uint16_t)((ce[1] & VTD_CTX_HI_DID_MASK) >> VTD_CTX_HI_DID_SHIFT);
	if ((ce[0] & (VTD_CTX_LO_RSVD | from_haw(cfg->haw))) || (ce[1] & VTD_CTX_HI_RSVD))
		return fault(res, VTD_FR_CTX_RSVD);
	/* only untranslated requests through second-level tables are offered */
	if (((ce[0] & VTD_CTX_LO_TT_MASK) >> VTD_CTX_LO_TT_SHIFT) != VTD_CTX_TT_SLPT)
		return fault(res, VTD_FR_CTX_INV);
	aw = (unsigned)(ce[1] & VTD_CTX_HI_AW_MASK);
	if ((aw != VTD_CTX_AW_39 && aw != VTD_CTX_AW_48) || !(cfg->sagaw & (1u << aw)))
		return fault(res, VTD_FR_CTX_INV);
	levels = aw + 2;
	agaw = 30 + 9 * aw;
	if (cfg->mgaw && cfg->mgaw < agaw)
		agaw = cfg->mgaw;
	if (iova >> agaw)
		return fault(res, VTD_FR_ADDR_BEYOND);

	return vtd_walk_tables(m, cfg, ce[0] & VTD_ADDR_MASK, levels, iova, write, res);
}

int vtd_walk_tables(const struct vtd_mem *m, const struct vtd_walk_cfg *cfg, uint64_t table,
		    unsigned level, uint64_t iova, bool write, struct vtd_walk_res *res)
{
	uint64_t addr, e;

	if (level > 4)
		return fault(res, VTD_FR_PT_ACCESS);
	for (; level >= 1; level--) {
		unsigned shift = VTD_PAGE_SHIFT + VTD_LEVEL_BITS * (level - 1);

		res->level = level;
		addr = table + ((iova >> shift) & (VTD_SL_ENTRIES - 1)) * 8;
		if (!rd(m, addr, 8, &e))
			return outside(res, addr);
		if (!(e & (write ? VTD_SL_W : VTD_SL_R)))
			return fault(res, write ? VTD_FR_WRITE : VTD_FR_READ);
		if (sl_reserved(cfg, level, e))
			return fault(res, VTD_FR_PT_RSVD);
		if (level == 1 || (e & VTD_SL_PS)) {
			uint64_t size = 1ull << shift;

			res->status = VTD_WALK_OK;
			res->page_size = size;
			res->pa = (e & VTD_ADDR_MASK & ~(size - 1)) | (iova & (size - 1));
			return res->status;
		}
		table = e & VTD_ADDR_MASK;
	}
	return fault(res, VTD_FR_PT_ACCESS); /* not reached from vtd_walk: level 1 is a leaf */
}

void vtd_walk_cfg_from_profile(const struct vtd_profile *prof, struct vtd_walk_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->sagaw = prof->levels == 4 ? VTD_SAGAW_48 : VTD_SAGAW_39;
	cfg->haw = 48;
	cfg->sp2m = prof->sp2m;
	cfg->sp1g = prof->sp1g;
}
