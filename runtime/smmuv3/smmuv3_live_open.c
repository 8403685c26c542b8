/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 live updates: taking the startup tables over (iommu_live_ops.open).
 * Each unit's installed stream table, where the driver put it (STRTAB_BASE
 * must still say so); the StreamIDs whose STEs the startup tables made
 * valid, never written again; the tags they use, never handed out again;
 * and the format of their tables (stage, input and output sizes), which
 * new domains share so every unit walks them alike. Then a pool per
 * group, and the board's tree for the devices' StreamIDs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/arch.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_board.h"
#include "smmuv3/smmuv3_live.h"
#include "smmuv3/smmuv3_regs.h"
#include "util/readall.h"

#define LIVE_TREE "/sys/firmware/fdt"

/* ---- the startup tables ------------------------------------------------------ */

struct scan {
	bool found;
	unsigned stage, ias, oas;
	const char *bad; /* why the startup tables cannot be taken over */
	uint64_t pool_off, pool_len;
};

/* Offset in table memory of an address the unit walks [a, a + len) at, or false. */
bool lv_tm_off(const struct unit_io *io, uint64_t a, uint64_t len, uint64_t *off)
{
	if (a < io->table_phys || a - io->table_phys > io->table_size ||
	    len > io->table_size - (a - io->table_phys))
		return false;
	*off = a - io->table_phys;
	return true;
}

/* A startup table at address a: in table memory, and not in the pool. */
static bool startup_at(const struct unit_io *io, uint64_t a, uint64_t len, struct scan *sc,
		       uint64_t *off)
{
	uint64_t o;

	if (!lv_tm_off(io, a, len, &o)) {
		sc->bad = "a startup table outside table memory";
		return false;
	}
	if (o < sc->pool_off + sc->pool_len && sc->pool_off < o + len) {
		sc->bad = "the pool overlaps the startup tables";
		return false;
	}
	if (off)
		*off = o;
	return true;
}

/* One valid startup STE: its format, its tag taken. */
static void scan_ste(struct iommu_live *l, const struct unit_io *io, uint64_t off, struct scan *sc)
{
	static const unsigned oas[] = {32, 36, 40, 42, 44, 48, 52};
	uint64_t d0 = lv_rd(io, off), x, cd;
	unsigned cfg = (unsigned)((d0 & SMMUV3_STE0_CONFIG_MASK) >> SMMUV3_STE0_CONFIG_SHIFT);
	unsigned stage, ias, o, tag;

	if (cfg == SMMUV3_STE_CONFIG_S2) {
		if (!startup_at(io, lv_rd(io, off + 24) & SMMUV3_STE3_S2TTB_MASK, IOMMU_PAGE_SIZE,
				sc, NULL))
			return;
		x = lv_rd(io, off + 16);
		stage = 2;
		ias = 64 - (unsigned)(x >> SMMUV3_STE2_S2T0SZ_SHIFT & 0x3f);
		o = (unsigned)(x >> SMMUV3_STE2_S2PS_SHIFT & 7);
		tag = (unsigned)(x & SMMUV3_STE2_S2VMID_MASK);
	} else if (cfg == SMMUV3_STE_CONFIG_S1) {
		if (!startup_at(io, d0 & SMMUV3_STE0_S1CTXPTR_MASK, SMMUV3_CD_BYTES, sc, &cd) ||
		    !startup_at(io, lv_rd(io, cd + 8) & SMMUV3_CD1_TTB0_MASK, IOMMU_PAGE_SIZE, sc,
				NULL))
			return;
		x = lv_rd(io, cd);
		stage = 1;
		ias = 64 - (unsigned)(x & SMMUV3_CD0_T0SZ_MASK);
		o = (unsigned)(x >> SMMUV3_CD0_IPS_SHIFT & 7);
		tag = (unsigned)(x >> SMMUV3_CD0_ASID_SHIFT);
	} else {
		sc->bad = "a startup STE that translates at neither stage";
		return;
	}
	if ((ias != 39 && ias != 48) || o > 6) {
		sc->bad = "startup tables in a format live updates do not write";
		return;
	}
	if (sc->found && (stage != sc->stage || ias != sc->ias || oas[o] != sc->oas)) {
		sc->bad = "startup STEs of two formats";
		return;
	}
	sc->found = true;
	sc->stage = stage;
	sc->ias = ias;
	sc->oas = oas[o];
	l->tags[tag / 64] |= 1ull << (tag % 64);
}

/* Grows as found: the startup devices, not the table's size, decide the memory. */
static void boot_sid(struct lv_unit *lu, uint32_t sid, size_t *cap, struct scan *sc)
{
	uint32_t *n;

	if (lu->nboot == *cap) {
		n = realloc(lu->boot_sids, (*cap ? *cap * 2 : 64) * sizeof(*n));
		if (!n) {
			sc->bad = "out of memory";
			return;
		}
		lu->boot_sids = n;
		*cap = *cap ? *cap * 2 : 64;
	}
	lu->boot_sids[lu->nboot++] = sid;
}

/* Every valid STE of unit lu's installed table, in StreamID order. */
static void scan_unit(struct iommu_live *l, struct lv_unit *lu, struct scan *sc)
{
	const struct unit_io *io = &lu->u->io;
	uint64_t bytes = lu->d->strtab_bytes, n, off;
	size_t cap = 0;

	if (!lu->split) {
		n = bytes / SMMUV3_STE_BYTES;
		if (lu->log2 < 32 && n > 1ull << lu->log2)
			n = 1ull << lu->log2;
		for (uint64_t s = 0; s < n && !sc->bad; s++) {
			off = lu->st_off + s * SMMUV3_STE_BYTES;
			if (lv_rd(io, off) & SMMUV3_STE0_V) {
				boot_sid(lu, (uint32_t)s, &cap, sc);
				scan_ste(l, io, off, sc);
			}
		}
		return;
	}
	/* a 2-level table: each L2 table lies in table memory, so the count is bounded by it */
	n = bytes / 8;
	if (n > 1ull << (lu->log2 > lu->split ? lu->log2 - lu->split : 0))
		n = 1ull << (lu->log2 > lu->split ? lu->log2 - lu->split : 0);
	for (uint64_t i = 0; i < n && !sc->bad; i++) {
		uint64_t l1 = lv_rd(io, lu->st_off + i * 8), span = l1 & SMMUV3_L1_SPAN_MASK, l2;
		uint64_t cnt = span ? 1ull << (span - 1) : 0;

		if (!span)
			continue;
		if (span - 1 > lu->split) {
			sc->bad = "an L1 descriptor of the startup stream table beyond its split";
			return;
		}
		if (!startup_at(io,
				l1 & SMMUV3_L1_ADDR_MASK & ~((SMMUV3_STE_BYTES << (span - 1)) - 1),
				cnt * SMMUV3_STE_BYTES, sc, &l2))
			return;
		for (uint64_t k = 0; k < cnt && !sc->bad; k++)
			if (lv_rd(io, l2 + k * SMMUV3_STE_BYTES) & SMMUV3_STE0_V) {
				boot_sid(lu, (uint32_t)(i << lu->split | k), &cap, sc);
				scan_ste(l, io, l2 + k * SMMUV3_STE_BYTES, sc);
			}
	}
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Unit i's stream table as the driver installed it; false with why. */
static bool unit_take(struct iommu_live *l, const struct iommu_live_in *in, size_t i,
		      const char **bad)
{
	struct lv_unit *lu = &l->units[i];
	struct smmuv3_unit *d = in->units[i].caps;
	struct unit_io *io = &in->units[i].io;
	uint32_t cfg;
	unsigned split;

	lu->u = &in->units[i];
	lu->d = d;
	lu->group = in->shared_table_memory ? 0 : i;
	if (!d || !d->queues_ready || !d->strtab_image || !smmuv3_translating(io)) {
		*bad = "a unit is not translating over its installed tables";
		return false;
	}
	cfg = d->strtab_cfg;
	if ((io->read64(io->ctx, SMMUV3_REG_STRTAB_BASE) & SMMUV3_STRTAB_ADDR_MASK) !=
		io->table_phys + d->strtab_off ||
	    io->read32(io->ctx, SMMUV3_REG_STRTAB_BASE_CFG) != cfg) {
		*bad = "a unit walks another stream table than the one installed";
		return false;
	}
	lu->st_off = d->strtab_off;
	lu->log2 = cfg & SMMUV3_STRTAB_LOG2SIZE_MASK;
	if (lu->log2 > d->caps.sidsize)
		lu->log2 = d->caps.sidsize;
	split = (cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	lu->split = (cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL ? split : 0;
	if (overlaps(in->pool_off, in->pool_len, d->strtab_off, d->strtab_bytes) ||
	    in->pool_len > io->table_size || in->pool_off > io->table_size - in->pool_len) {
		*bad = "the pool overlaps the stream table or leaves table memory";
		return false;
	}
	return true;
}

/* The format of new domains when no startup STE shows one: the boot's rebuild rule. */
static bool default_format(struct iommu_live *l, struct scan *sc, char *why, size_t whylen)
{
	struct iommu_profile ip;
	struct smmuv3_profile want, got;

	iommu_arch_smmuv3.profile_default(&ip);
	smmuv3_profile_from(&ip, &want);
	if (smmuv3_caps_fit(&l->units[0].d->caps, &want, &got, why, whylen))
		return false;
	sc->found = true;
	sc->stage = got.stage;
	sc->ias = got.ias;
	sc->oas = got.oas;
	return true;
}

/* The board's tree: --board, else the live one under devmem; none: the requester-id rule. */
static int board_load(struct iommu_live *l, const struct iommu_live_in *in, char *why,
		      size_t whylen)
{
	bool live = !(in->args && in->args->board);
	const char *path = !live ? in->args->board : in->shared_table_memory ? LIVE_TREE : NULL;
	size_t len;
	char *buf;
	int rc;

	if (!path)
		return 0;
	buf = read_fdt_max(path, SMMUV3_BOARD_MAX_SIZE, &len);
	if (!buf && live)
		return 0; /* devmem on a unit line, no tree: the rule, as the boot had */
	if (!buf) {
		snprintf(why, whylen, "cannot read the board's tree: %s", strerror(errno));
		return -EIO;
	}
	rc = smmuv3_board_parse(buf, len, &l->board, &l->host0);
	free(buf); /* the lookups use no name of the tree */
	if (rc) {
		snprintf(why, whylen, "the board's tree: %s",
			 rc == 1 ? "out of memory" : smmuv3_fdt_strerror(rc));
		return rc == 1 ? -ENOMEM : -EINVAL;
	}
	l->have_board = true;
	return 0;
}

void lv_close(struct iommu_live *l)
{
	if (!l)
		return;
	for (size_t i = 0; l->units && i < l->nunits; i++) {
		free(l->units[i].boot_sids);
		free(l->units[i].att);
	}
	for (size_t g = 0; l->groups && g < l->ngroups; g++)
		iommu_pool_fini(&l->groups[g].pool);
	if (l->have_board)
		smmuv3_board_free(&l->board);
	free(l->units);
	free(l->groups);
	free(l->doms);
	free(l);
}

static int open_fail(struct iommu_live *l, int rc, char *why, size_t whylen, const char *bad)
{
	if (bad)
		snprintf(why, whylen, "%s", bad);
	lv_close(l);
	return rc;
}

int lv_open(const struct iommu_live_in *in, struct iommu_live **out, char *why, size_t whylen)
{
	struct iommu_live *l;
	struct scan sc = {.pool_off = in ? in->pool_off : 0, .pool_len = in ? in->pool_len : 0};
	const char *bad = NULL;
	uint64_t pend;
	int rc;

	*out = NULL;
	if (!in || !in->nunits || !in->units)
		return -EINVAL;
	if (!(l = calloc(1, sizeof(*l))) || !(l->units = calloc(in->nunits, sizeof(*l->units))) ||
	    !(l->groups = calloc(in->shared_table_memory ? 1 : in->nunits, sizeof(*l->groups))))
		return open_fail(l, -ENOMEM, why, whylen, "out of memory");
	l->nunits = in->nunits;
	l->ngroups = in->shared_table_memory ? 1 : in->nunits;
	l->tags[0] = 1; /* tag 0 is never handed out */
	for (size_t i = 0; i < l->nunits; i++) {
		if (!unit_take(l, in, i, &bad))
			return open_fail(l, -EINVAL, why, whylen, bad);
		scan_unit(l, &l->units[i], &sc);
		if (sc.bad)
			return open_fail(l, -EINVAL, why, whylen, sc.bad);
	}
	if (!sc.found && !default_format(l, &sc, why, whylen))
		return open_fail(l, -EINVAL, why, whylen, NULL);
	l->stage = sc.stage;
	l->ias = sc.ias;
	l->oas = sc.oas;
	l->top_level = sc.ias == 48 ? 0 : 1;
	l->tag_max = 65535;
	for (size_t i = 0; i < l->nunits; i++) {
		const struct smmuv3_caps *c = &l->units[i].d->caps;

		if (!(l->stage == 1 ? c->s1p : c->s2p))
			return open_fail(l, -EINVAL, why, whylen,
					 "a unit without the stage of "
					 "the startup tables");
		if (!(c->idr0 & (l->stage == 1 ? SMMUV3_IDR0_ASID16 : SMMUV3_IDR0_VMID16)))
			l->tag_max = 255;
	}
	for (size_t g = 0; g < l->ngroups; g++) {
		struct unit_io *io = &in->units[g].io;

		l->groups[g].io = io;
		pend = io->table_phys + in->pool_off + in->pool_len;
		if (l->oas < 64 && in->pool_len && (pend - 1) >> l->oas)
			return open_fail(l, -EINVAL, why, whylen,
					 "the pool lies beyond the "
					 "tables' output addresses");
		if ((rc = iommu_pool_init(&l->groups[g].pool, in->pool_off, in->pool_len)))
			return open_fail(l, rc, why, whylen, "the pool is not page aligned");
	}
	if ((rc = board_load(l, in, why, whylen)))
		return open_fail(l, rc, why, whylen, NULL);
	*out = l;
	return 0;
}
