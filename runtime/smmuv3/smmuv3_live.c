/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 live updates (iommu/live.h): smmuman's clients attach devices the
 * policy leaves blocked to domains of their own, after boot, on a unit
 * that translates all along.
 *
 * What is taken over: each unit's installed stream table (where the
 * driver put it: STRTAB_BASE must still say so), the StreamIDs whose STEs
 * the startup tables made valid (never written again), the tags they use
 * (never handed out again), and the format of their tables (stage, input
 * and output sizes), which new domains share so every unit walks them.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/devmem.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_board.h"
#include "smmuv3/smmuv3_live.h"
#include "smmuv3/smmuv3_regs.h"
#include "util/readall.h"

#define LIVE_TREE "/sys/firmware/fdt"
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

/* ---- the startup tables ------------------------------------------------------ */

struct scan {
	bool found;
	unsigned stage, ias, oas;
	const char *bad; /* why the startup tables cannot be taken over */
};

/* Offset in table memory of an address the unit walks [a, a + len) at, or false. */
static bool tm_off(const struct unit_io *io, uint64_t a, uint64_t len, uint64_t *off)
{
	if (a < io->table_phys || a - io->table_phys > io->table_size ||
	    len > io->table_size - (a - io->table_phys))
		return false;
	*off = a - io->table_phys;
	return true;
}

/* One valid startup STE: its format, its tag taken. */
static void scan_ste(struct iommu_live *l, const struct unit_io *io, uint64_t off,
		     struct scan *sc)
{
	static const unsigned oas[] = { 32, 36, 40, 42, 44, 48, 52 };
	uint64_t d0 = lv_rd(io, off), x, cd;
	unsigned cfg = (unsigned)((d0 & SMMUV3_STE0_CONFIG_MASK) >> SMMUV3_STE0_CONFIG_SHIFT);
	unsigned stage, ias, o, tag;

	if (cfg == SMMUV3_STE_CONFIG_S2) {
		x = lv_rd(io, off + 16);
		stage = 2;
		ias = 64 - (unsigned)(x >> SMMUV3_STE2_S2T0SZ_SHIFT & 0x3f);
		o = (unsigned)(x >> SMMUV3_STE2_S2PS_SHIFT & 7);
		tag = (unsigned)(x & SMMUV3_STE2_S2VMID_MASK);
	} else if (cfg == SMMUV3_STE_CONFIG_S1 &&
		   tm_off(io, d0 & SMMUV3_STE0_S1CTXPTR_MASK, SMMUV3_CD_BYTES, &cd)) {
		x = lv_rd(io, cd);
		stage = 1;
		ias = 64 - (unsigned)(x & SMMUV3_CD0_T0SZ_MASK);
		o = (unsigned)(x >> SMMUV3_CD0_IPS_SHIFT & 7);
		tag = (unsigned)(x >> SMMUV3_CD0_ASID_SHIFT);
	} else {
		sc->bad = "a startup STE that neither translates at one stage nor points into "
			  "table memory";
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
	*sc = (struct scan){ true, stage, ias, oas[o], NULL };
	l->tags[tag / 64] |= 1ull << (tag % 64);
}

static int boot_sid(struct lv_unit *lu, uint32_t sid, size_t cap)
{
	if (lu->nboot == cap)
		return -1;
	lu->boot_sids[lu->nboot++] = sid;
	return 0;
}

/* Every valid STE of unit lu's installed table, in StreamID order. */
static void scan_unit(struct iommu_live *l, struct lv_unit *lu, struct scan *sc)
{
	const struct unit_io *io = &lu->u->io;
	uint64_t bytes = lu->d->strtab_bytes, n, off;
	size_t cap;

	if (!lu->split) {
		n = bytes / SMMUV3_STE_BYTES;
		if (lu->log2 < 32 && n > 1ull << lu->log2)
			n = 1ull << lu->log2;
		cap = (size_t)n;
		if (!(lu->boot_sids = malloc((cap ? cap : 1) * sizeof(uint32_t)))) {
			sc->bad = "out of memory";
			return;
		}
		for (uint64_t s = 0; s < n && !sc->bad; s++) {
			off = lu->st_off + s * SMMUV3_STE_BYTES;
			if (lv_rd(io, off) & SMMUV3_STE0_V) {
				boot_sid(lu, (uint32_t)s, cap);
				scan_ste(l, io, off, sc);
			}
		}
		return;
	}
	/* a 2-level table: each L2 table lies in table memory, so the count is bounded by it */
	cap = (size_t)(io->table_size / SMMUV3_STE_BYTES);
	n = bytes / 8;
	if (n > 1ull << (lu->log2 > lu->split ? lu->log2 - lu->split : 0))
		n = 1ull << (lu->log2 > lu->split ? lu->log2 - lu->split : 0);
	if (!(lu->boot_sids = malloc((cap ? cap : 1) * sizeof(uint32_t)))) {
		sc->bad = "out of memory";
		return;
	}
	for (uint64_t i = 0; i < n && !sc->bad; i++) {
		uint64_t l1 = lv_rd(io, lu->st_off + i * 8), span = l1 & SMMUV3_L1_SPAN_MASK, l2;
		uint64_t cnt = span ? 1ull << (span - 1) : 0;

		if (!span)
			continue;
		if (span - 1 > lu->split ||
		    !tm_off(io, l1 & SMMUV3_L1_ADDR_MASK & ~((SMMUV3_STE_BYTES << (span - 1)) - 1),
			    cnt * SMMUV3_STE_BYTES, &l2)) {
			sc->bad = "an L1 descriptor of the startup stream table outside table memory";
			return;
		}
		for (uint64_t k = 0; k < cnt && !sc->bad; k++)
			if (lv_rd(io, l2 + k * SMMUV3_STE_BYTES) & SMMUV3_STE0_V) {
				if (boot_sid(lu, (uint32_t)(i << lu->split | k), cap)) {
					sc->bad = "more startup STEs than table memory holds";
					return;
				}
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
	*sc = (struct scan){ true, got.stage, got.ias, got.oas, NULL };
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

static void live_close(struct iommu_live *l)
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
	live_close(l);
	return rc;
}

static int live_open(const struct iommu_live_in *in, struct iommu_live **out, char *why,
		     size_t whylen)
{
	struct iommu_live *l;
	struct scan sc = { 0 };
	const char *bad = NULL;
	uint64_t pend;
	int rc;

	*out = NULL;
	if (!in || !in->nunits || !in->units)
		return -EINVAL;
	if (!(l = calloc(1, sizeof(*l))) ||
	    !(l->units = calloc(in->nunits, sizeof(*l->units))) ||
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
			return open_fail(l, -EINVAL, why, whylen, "a unit without the stage of "
							       "the startup tables");
		if (!(c->idr0 & (l->stage == 1 ? SMMUV3_IDR0_ASID16 : SMMUV3_IDR0_VMID16)))
			l->tag_max = 255;
	}
	for (size_t g = 0; g < l->ngroups; g++) {
		struct unit_io *io = &in->units[g].io;

		l->groups[g].io = io;
		pend = io->table_phys + in->pool_off + in->pool_len;
		if (l->oas < 64 && in->pool_len && (pend - 1) >> l->oas)
			return open_fail(l, -EINVAL, why, whylen, "the pool lies beyond the "
							       "tables' output addresses");
		if ((rc = iommu_pool_init(&l->groups[g].pool, in->pool_off, in->pool_len)))
			return open_fail(l, rc, why, whylen, "the pool is not page aligned");
	}
	if ((rc = board_load(l, in, why, whylen)))
		return open_fail(l, rc, why, whylen, NULL);
	*out = l;
	return 0;
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
		    !tm_off(io, (d & SMMUV3_L1_ADDR_MASK & ~((SMMUV3_STE_BYTES << (span - 1)) - 1)) +
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
		a = lu->natt;
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
	lu->att[lu->natt++] = (struct lv_att){ sid, dom };
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
	.open = live_open,
	.close = live_close,
	.stream = live_stream,
	.group = live_group,
	.dom_new = lv_dom_new,
	.map = lv_map,
	.unmap = lv_unmap,
	.attach = live_attach,
	.dom_free = live_dom_free,
	.usage = live_usage,
};
