/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No DMA grant over smmuman's own table memory. A device that can write
 * the root table, a context table or a page table grants itself all of
 * memory, so every allow and reserved line as bound (late names resolved)
 * and every firmware RMRR is held against each unit's table memory (the
 * grow-heap reserve lies inside it) before any table is written. What is
 * compared is what the tables would grant: the range widened to pages.
 */
#include <stdio.h>

#include "daemon/boot_int.h"

#define PAGE_MASK 4095ull

/* The table memory [*lo, *hi] that pages [first, last] reach, if any. */
static bool hits(const struct boot *b, uint64_t first, uint64_t last, uint64_t *lo,
		 uint64_t *hi)
{
	for (int i = 0; i < b->nunits; i++) {
		const struct unit_io *io = &b->units[i].io;
		uint64_t tlo = io->table_phys, thi = tlo + (io->table_size + io->table_held - 1);

		if (!io->table_size)
			continue;
		if (thi < tlo)
			thi = UINT64_MAX;
		if (first <= thi && last >= tlo) {
			*lo = tlo;
			*hi = thi;
			return true;
		}
	}
	return false;
}

static bool page_hits(const struct boot *b, uint64_t start, uint64_t last, uint64_t *lo,
		      uint64_t *hi)
{
	return hits(b, start & ~PAGE_MASK, last | PAGE_MASK, lo, hi);
}

int boot_check_table_memory(struct boot *b, smmub_asinfo_fn fn, void *arg,
			    const struct rt_rmrr *rr, size_t nrr)
{
	uint32_t n = smmub_count(&b->v, SMMUB_SEC_RULES);
	uint64_t lo, hi;

	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_rule *r = smmub_rule(&b->v, i);
		bool reserved = smmub_le32(r->flags) & SMMUB_RULE_RESERVED;
		uint64_t start, length;
		char err[256];

		/* a guest's reserved lines belong to the host: nothing is built of them */
		if (reserved && b->o.args.guest)
			continue;
		/* an unresolved late name is the rebuild's Design Safe State (13) */
		if (smmub_rule_bound(&b->v, i, fn, arg, &start, &length, err, sizeof(err)))
			continue;
		if (!page_hits(b, start, start + (length - 1), &lo, &hi))
			continue;
		return boot_refuse(b, BOOT_DSS_TABLE_MEMORY,
				"%s%s%s %s grants 0x%llx-0x%llx over smmuman's table memory "
				"0x%llx-0x%llx", reserved ? "reserved" : "allow",
				reserved ? "" : " ",
				reserved ? "" : smmub_str(&b->v, smmub_le32(smmub_set(&b->v,
						smmub_le32(r->owner))->name)),
				boot_sym_loc(b, smmub_le32(r->sym)), (unsigned long long)start,
				(unsigned long long)(start + (length - 1)), (unsigned long long)lo,
				(unsigned long long)hi);
	}
	for (size_t i = 0; i < nrr; i++)
		if (page_hits(b, rr[i].base, rr[i].limit, &lo, &hi))
			return boot_refuse(b, BOOT_DSS_TABLE_MEMORY,
					"firmware RMRR 0x%llx-0x%llx for %02x:%02x.%u lies over "
					"smmuman's table memory 0x%llx-0x%llx",
					(unsigned long long)rr[i].base,
					(unsigned long long)rr[i].limit, rr[i].sid >> 8,
					(rr[i].sid >> 3) & 31, rr[i].sid & 7, (unsigned long long)lo,
					(unsigned long long)hi);
	return BOOT_OK;
}
