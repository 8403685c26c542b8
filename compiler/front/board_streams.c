/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmucc --board: each device's unit and StreamID from the tree (board.h).
 * The reader (smmuv3/smmuv3_fdt.c) answers per requester id and per
 * address; this file decides what those answers mean for a device line
 * (a spec covers up to 65536 requester ids), applies them as smmu(5)
 * STREAMIDS says, and names what the tree cannot give.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/board_int.h"

/* PCI requester ids are 16 bits: bus << 8 | device << 3 | function. */
#define RID_SPACE 0x10000u
#define NO_ENTRY UINT32_MAX

/* An address and what is there, sorted by address then index. */
struct key {
	uint64_t addr;
	size_t i;
};

struct streams {
	struct config *cfg;
	struct diag_ctx *d;
	const struct board *b;
	int *unit_of;		/* tree unit -> configuration unit, -1: none */
	bool *has_use;		/* device -> a use line names it */
	uint32_t *owner;	/* segment 0's masked requester id -> first map entry */
	struct key *masters;	/* masters with an address, sorted; NULL until needed */
	size_t nmasters;
	char host[1024];	/* segment 0's host bridge path, "" until needed */
	bool oom;
};

static int by_addr(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The first of keys[0..n) whose address is at least addr (n: none). */
static size_t lower_bound(const struct key *keys, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (keys[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The root of r in the "next free id" forest, compressing the path. */
static uint32_t next_free(uint32_t *next, uint32_t r)
{
	uint32_t root = r, t;

	while (next[root] != root)
		root = next[root];
	while (next[r] != root) {
		t = next[r];
		next[r] = root;
		r = t;
	}
	return root;
}

/*
 * owner[id] = the first iommu-map entry covering id, as Linux's of_map_id
 * scans them. Every id is given an owner once (a forest of the ids still
 * free), so overlapping entries cost no more than disjoint ones.
 */
static uint32_t *map_owners(const struct smmuv3_fdt_info *in, const struct smmuv3_fdt_host *h)
{
	uint32_t *owner = malloc(RID_SPACE * sizeof(*owner));
	uint32_t *next = malloc((RID_SPACE + 1) * sizeof(*next));

	if (!owner || !next) {
		free(owner);
		free(next);
		return NULL;
	}
	for (uint32_t i = 0; i <= RID_SPACE; i++)
		next[i] = i;
	for (uint32_t i = 0; i < RID_SPACE; i++)
		owner[i] = NO_ENTRY;
	for (size_t e = h->first_map; e < h->first_map + h->n_maps; e++) {
		uint64_t lo = in->maps[e].rid_base, hi = lo + in->maps[e].length;

		if (lo >= RID_SPACE)
			continue;
		if (hi > RID_SPACE)
			hi = RID_SPACE;
		for (uint32_t r = next_free(next, (uint32_t)lo); r < hi;
		     r = next_free(next, r + 1)) {
			owner[r] = (uint32_t)e;
			next[r] = r + 1;
		}
	}
	free(next);
	return owner;
}

/*
 * The requester ids of a PCI spec: [*first, *first + *n). False for numbers
 * out of range, which bad-device-spec reports and the owner table must not
 * be indexed with.
 */
static bool spec_rids(const struct devspec *s, uint32_t *first, uint32_t *n)
{
	/* a bus is a byte (struct devspec) */
	if ((s->kind >= SPEC_PCI_DEV && s->dev > 31) || (s->kind == SPEC_PCI_FUNC && s->fn > 7))
		return false;
	switch (s->kind) {
	case SPEC_PCI_ANY:
		*first = 0, *n = RID_SPACE;
		break;
	case SPEC_PCI_BUS:
		*first = s->bus << 8, *n = 256;
		break;
	case SPEC_PCI_DEV:
		*first = s->bus << 8 | s->dev << 3, *n = 8;
		break;
	default:
		*first = s->bus << 8 | s->dev << 3 | s->fn, *n = 1;
		break;
	}
	return true;
}

static void rid_text(uint32_t first, uint32_t n, char *buf, size_t size)
{
	if (n == 1)
		snprintf(buf, size, "requester id 0x%04" PRIx32, first);
	else
		snprintf(buf, size, "requester ids 0x%04" PRIx32 "-0x%04" PRIx32, first,
			 first + n - 1);
}

/*
 * A PCI spec: 1 with the tree's unit and StreamID of its first function,
 * 0 when the tree maps it nowhere or not linearly (reported).
 */
static int pci_stream(struct streams *st, const struct device *dv, const char *spec,
		      size_t *unit, uint32_t *sid)
{
	const struct board *b = st->b;
	const struct smmuv3_fdt_info *in = &b->info;
	const struct smmuv3_fdt_host *h;
	uint32_t r0, n, e0, m0;
	const char *host;
	char rids[64];
	bool any = false, linear = true;

	if (!spec_rids(dv->spec, &r0, &n))
		return 0;
	if (b->host0 == SMMUV3_FDT_NONE) {
		diag_report(st->d, CHK_BOARD_UNMAPPED, &dv->spec->pos,
			    "%s: the board tree has no PCI host bridge of segment 0; its StreamID "
			    "stays its requester id", spec);
		return 0;
	}
	h = &in->hosts[b->host0];
	/* once: a path costs a walk of the tree, and a policy has many lines */
	if (!st->host[0])
		board_node_path(b, h->node, st->host, sizeof(st->host));
	host = st->host;
	if (!h->has_map) {
		diag_report(st->d, CHK_BOARD_UNMAPPED, &dv->spec->pos,
			    "%s: host bridge %s has no iommu-map, so no SMMUv3 translates it; its "
			    "StreamID stays its requester id", spec, host);
		return 0;
	}
	if (!st->owner && !(st->owner = map_owners(in, h))) {
		st->oom = true;
		return 0;
	}
	rid_text(r0, n, rids, sizeof(rids));
	m0 = r0 & h->map_mask;
	e0 = st->owner[m0];
	/* one entry, and the mask keeps every bit in which the ids differ */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t m = (r0 + i) & h->map_mask, e = st->owner[m];

		if (e != NO_ENTRY && in->maps[e].unit != SMMUV3_FDT_NONE)
			any = true;
		if (e != e0 || m != m0 + i)
			linear = false;
	}
	if (!any) {
		diag_report(st->d, CHK_BOARD_UNMAPPED, &dv->spec->pos,
			    "%s: the iommu-map of %s maps %s to no SMMUv3; its StreamID stays "
			    "its requester id", spec, host, rids);
		return 0;
	}
	if (!linear) {
		diag_report(st->d, CHK_BOARD_STREAM_MAP, &dv->spec->pos,
			    "%s: the iommu-map of %s does not map %s linearly through one entry "
			    "to one SMMUv3", spec, host, rids);
		return 0;
	}
	/* the reader's own lookup gives the answer; the scan above its shape */
	if (smmuv3_fdt_pci_sid(in, b->host0, r0, unit, sid) < 0 || *unit >= in->n_units) {
		diag_report(st->d, CHK_BOARD_STREAM_MAP, &dv->spec->pos,
			    "%s: the iommu-map of %s gives %s no StreamID", spec, host, rids);
		return 0;
	}
	return 1;
}

/*
 * The reader's smmuv3_fdt_master_at, answered from a sorted index: it scans
 * every master, and a policy of many mem: lines against a tree of many
 * masters would be quadratic. Same answers: 0 and *m, NO_MASTER, AMBIGUOUS.
 */
static int master_at(struct streams *st, uint64_t pa, size_t *m)
{
	const struct smmuv3_fdt_info *in = &st->b->info;
	size_t k;

	if (!st->masters) {
		st->masters = board_alloc(in->n_masters, sizeof(*st->masters));
		if (!st->masters) {
			st->oom = true;
			return -SMMUV3_FDT_ERR_NO_MASTER;
		}
		for (size_t i = 0; i < in->n_masters; i++)
			if (in->masters[i].has_addr)
				st->masters[st->nmasters++] = (struct key){ in->masters[i].addr, i };
		qsort(st->masters, st->nmasters, sizeof(*st->masters), by_addr);
	}
	k = lower_bound(st->masters, st->nmasters, pa);
	if (k == st->nmasters || st->masters[k].addr != pa)
		return -SMMUV3_FDT_ERR_NO_MASTER;
	if (k + 1 < st->nmasters && st->masters[k + 1].addr == pa)
		return -SMMUV3_FDT_ERR_AMBIGUOUS;
	*m = st->masters[k].i;
	return 0;
}

/* A mem: master: the node whose first reg starts at its address, one iommus StreamID. */
static int mem_stream(struct streams *st, const struct device *dv, const char *spec,
		      size_t *unit, uint32_t *sid)
{
	const struct board *b = st->b;
	const struct smmuv3_fdt_info *in = &b->info;
	const struct smmuv3_fdt_master *ms;
	uint64_t pa = dv->spec->paddr.value;
	char node[1024];
	size_t m;
	int rc;

	if (!dv->spec->paddr.resolved) /* late binding: refused when lowered */
		return 0;
	rc = master_at(st, pa, &m);
	if (st->oom)
		return 0;
	if (rc == -SMMUV3_FDT_ERR_AMBIGUOUS) {
		diag_report(st->d, CHK_BOARD_STREAM_MAP, &dv->spec->pos,
			    "%s: two masters of the board tree have their first reg at 0x%" PRIx64,
			    spec, pa);
		return 0;
	}
	if (rc < 0) {
		diag_report(st->d, CHK_BOARD_UNMAPPED, &dv->spec->pos,
			    "%s: no master of the board tree with iommus naming an SMMUv3 has its "
			    "first reg at 0x%" PRIx64 "; it has no StreamID", spec, pa);
		return 0;
	}
	ms = &in->masters[m];
	if (ms->n_streams != 1) {
		diag_report(st->d, CHK_BOARD_STREAM_MAP, &dv->spec->pos,
			    "%s: master %s has %zu StreamIDs on SMMUv3 units in iommus; a device "
			    "line gives one", spec, board_node_path(b, ms->node, node, sizeof(node)),
			    ms->n_streams);
		return 0;
	}
	*unit = in->streams[ms->first_stream].unit;
	*sid = in->streams[ms->first_stream].sid;
	return *unit < in->n_units;
}

/* A use statement for what the tree gave device k (the blob's use position). */
static int add_use(struct streams *st, size_t k, int cu, uint32_t sid)
{
	struct config *cfg = st->cfg;
	struct device *dv = &cfg->devs[k];
	char text[16];
	char *unit, *param;
	struct srcpos pos;
	struct stmt *s;

	snprintf(text, sizeof(text), "%" PRIu32, sid);
	unit = config_strndup(cfg, cfg->units[cu].name, strlen(cfg->units[cu].name));
	param = config_strndup(cfg, text, strlen(text));
	if (!unit || !param)
		goto nomem;
	pos = board_pos(st->b);
	s = config_stmt_add(cfg, STMT_USE, &pos);
	if (!s)
		goto nomem;
	s->u.use->unit_pos = s->u.use->param_pos = pos;
	s->u.use->dev = (int)k;
	s->u.use->unit = unit;
	s->u.use->param = param;
	dv->unit = cu;
	dv->use_stmt = (uint32_t)(cfg->nstmts - 1);
	dv->has_use_param = true;
	dv->use_param = sid;
	return 0;
nomem:
	st->oom = true;
	return -1;
}

static bool is_v3_unit(const struct config *cfg, int u)
{
	return u >= 0 && (size_t)u < cfg->nunits && cfg->units[u].smmu >= 0 &&
	       (size_t)cfg->units[u].smmu < cfg->nsmmus &&
	       cfg->smmus[cfg->units[u].smmu].type == SMMU_ARMSMMUV3;
}


/*
 * Each tree unit is the configuration's armsmmuv3 unit at the same register
 * base (the first such line). Sorted, so a million unit lines cost n log n.
 */
static int match_units(struct streams *st)
{
	const struct smmuv3_fdt_info *in = &st->b->info;
	const struct config *cfg = st->cfg;
	size_t nu = in->n_units;
	struct key *idx = board_alloc(nu, sizeof(*idx));

	st->unit_of = board_alloc(nu, sizeof(*st->unit_of));
	if (!idx || !st->unit_of) {
		free(idx);
		return -1;
	}
	for (size_t i = 0; i < nu; i++) {
		idx[i] = (struct key){ in->units[i].base, i };
		st->unit_of[i] = -1;
	}
	qsort(idx, nu, sizeof(*idx), by_addr);
	for (size_t u = 0; u < cfg->nunits && nu; u++) {
		const struct unit *cu = &cfg->units[u];
		uint64_t pa = cu->p.armsmmuv3.paddr.value;

		if (!is_v3_unit(cfg, (int)u) || !cu->params_ok || !cu->p.armsmmuv3.paddr.resolved)
			continue;
		for (size_t k = lower_bound(idx, nu, pa); k < nu && idx[k].addr == pa; k++)
			if (st->unit_of[idx[k].i] < 0)
				st->unit_of[idx[k].i] = (int)u;
	}
	free(idx);
	return 0;
}

/* The tree's unit and StreamID for device k, applied as smmu(5) says. */
static void device_stream(struct streams *st, size_t k)
{
	struct config *cfg = st->cfg;
	struct device *dv = &cfg->devs[k];
	const struct smmuv3_fdt_unit *tu;
	char spec[96], node[1024];
	uint32_t sid;
	size_t unit;
	int ok;

	if (dv->unit >= 0) {
		/* use UNIT SID wins; use UNIT takes only the StreamID */
		if (!is_v3_unit(cfg, dv->unit) || dv->has_use_param)
			return;
	} else if (st->has_use[k]) {
		return; /* its unit is undefined-unit's */
	}
	devspec_format(dv->spec, spec, sizeof(spec));
	if (dv->spec->kind == SPEC_MEM)
		ok = mem_stream(st, dv, spec, &unit, &sid);
	else
		ok = pci_stream(st, dv, spec, &unit, &sid);
	if (!ok)
		return;
	if (dv->unit >= 0) {
		dv->has_use_param = true;
		dv->use_param = sid;
		return;
	}
	if (st->unit_of[unit] < 0) {
		tu = &st->b->info.units[unit];
		diag_report(st->d, CHK_BOARD_UNIT_MISSING, &dv->spec->pos,
			    "%s: the board tree puts it behind the SMMUv3 %s at 0x%" PRIx64
			    ", which no armsmmuv3 unit line declares", spec,
			    board_node_path(st->b, tu->node, node, sizeof(node)), tu->base);
		return;
	}
	add_use(st, k, st->unit_of[unit], sid);
}

void board_streams(struct config *cfg, struct diag_ctx *d, const struct board *b)
{
	struct streams st = { .cfg = cfg, .d = d, .b = b };

	if (!b || cfg->guest || !cfg->nsmmus || cfg->smmus[0].type != SMMU_ARMSMMUV3 ||
	    !cfg->ndevs)
		return;
	st.has_use = calloc(cfg->ndevs, sizeof(*st.has_use));
	if (!st.has_use || match_units(&st) < 0) {
		st.oom = true;
		goto out;
	}
	for (size_t i = 0; i < cfg->nstmts; i++)
		if (cfg->stmts[i].kind == STMT_USE && cfg->stmts[i].u.use->dev >= 0 &&
		    (size_t)cfg->stmts[i].u.use->dev < cfg->ndevs)
			st.has_use[cfg->stmts[i].u.use->dev] = true;
	for (size_t k = 0; k < cfg->ndevs && !st.oom; k++)
		device_stream(&st, k);
out:
	if (st.oom)
		diag_fatal(d, "out of memory");
	free(st.has_use);
	free(st.unit_of);
	free(st.owner);
	free(st.masters);
}
