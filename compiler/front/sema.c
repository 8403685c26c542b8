/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * From statements to the model, in one pass with the "current device" and
 * "current smmu" context of smmu(5). Every lookup by name or spec goes
 * through a hash table, so a configuration of a million lines costs a
 * million constant-time steps.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "front/frontend.h"
#include "front/ntab.h"
#include "front/number.h"
#include "front/parse.h"

struct sema {
	struct config *cfg;
	struct diag_ctx *d;
	struct param_ctx pc;
	struct ntab sets, devs, units, comps;
	int cur_dev, cur_smmu;
	/*
	 * The last name looked up as a set or a unit, and its answer: the
	 * parser shares one copy of a name between neighbouring lines
	 * (pstmt.c), so the same pointer is the same name, no hash needed. A
	 * set, once made, keeps its index; a unit line may define the name a
	 * use line did not find, so it forgets the unit answer.
	 */
	const char *last_set_name, *last_unit_name;
	int last_set;
	long last_unit;
	bool oom;
};

/* ---- tables ---------------------------------------------------------- */

static bool set_eq(const void *ctx, size_t item, const void *key)
{
	const struct config *cfg = ctx;

	return strcmp(cfg->sets[item].name, key) == 0;
}

static bool unit_eq(const void *ctx, size_t item, const void *key)
{
	const struct config *cfg = ctx;

	return strcmp(cfg->units[item].name, key) == 0;
}

static bool comp_eq(const void *ctx, size_t item, const void *key)
{
	const struct config *cfg = ctx;

	return strcmp(cfg->settings.comps[item].component, key) == 0;
}

static bool dev_eq(const void *ctx, size_t item, const void *key)
{
	const struct config *cfg = ctx;

	return devspec_cmp(cfg->devs[item].spec, key) == 0;
}

static uint32_t num_hash(uint32_t h, const struct num *n)
{
	/* a multiply mixes a value's 64 bits, where a hash of its bytes cost one step a byte */
	if (n->resolved)
		return h * 31 + (uint32_t)((n->value * 0x9e3779b97f4a7c15u) >> 32);
	return h * 31 + (uint32_t)n->kind * 7 + (n->name ? ntab_hash_str(num_asinfo(n)) : 0);
}

static uint32_t dev_hash(const struct devspec *s)
{
	uint32_t h = (uint32_t)s->kind;

	switch (s->kind) {
	case SPEC_PCI_ANY:
		return h;
	case SPEC_PCI_BUS:
	case SPEC_PCI_DEV:
	case SPEC_PCI_FUNC: {
		uint32_t v[4] = {h, s->bus, s->kind >= SPEC_PCI_DEV ? s->dev : 0,
				 s->kind == SPEC_PCI_FUNC ? s->fn : 0};

		return ntab_hash(v, sizeof(v));
	}
	default:
		if (s->paddr.bad)
			return s->text ? ntab_hash_str(s->text) : 0;
		return num_hash(num_hash(h, &s->paddr), &s->len);
	}
}

static void oom(struct sema *se)
{
	if (!se->oom)
		diag_fatal(se->d, "out of memory");
	se->oom = true;
}

static int find_set(struct sema *se, const char *name)
{
	return (int)ntab_find(&se->sets, ntab_hash_str(name), set_eq, se->cfg, name);
}

static int get_set(struct sema *se, const char *name, const struct srcpos *pos)
{
	struct config *cfg = se->cfg;
	struct allow_set *n;
	int i;

	if (name == se->last_set_name)
		return se->last_set;
	i = find_set(se, name);
	if (i >= 0) {
		se->last_set_name = name;
		se->last_set = i;
		return i;
	}
	n = grow_array(cfg->sets, cfg->nsets, sizeof(*n));
	if (!n || ntab_add(&se->sets, ntab_hash_str(name), cfg->nsets) < 0) {
		if (n)
			cfg->sets = n;
		oom(se);
		return -1;
	}
	cfg->sets = n;
	n = &cfg->sets[cfg->nsets];
	memset(n, 0, sizeof(*n));
	n->name = (char *)name;
	n->pos = *pos;
	se->last_set_name = name;
	se->last_set = (int)cfg->nsets;
	return (int)cfg->nsets++;
}

/* The next region of a set or device, in the block place_regions gave it. */
static void add_region(struct region *regs, uint32_t *nregs, const struct num *start,
		       const struct num *len, unsigned perms, size_t stmt)
{
	struct region *r = &regs[(*nregs)++];

	r->start = start;
	r->len = len;
	r->perms = perms;
	r->stmt = (uint32_t)stmt;
}

/*
 * The regions, once the statements are counted (nregs, nreserved): one
 * block for all, each set's and device's in statement order. A growing
 * array for each set was a small allocation or two for every set, which
 * at 10^6 lines cost more than the regions themselves.
 */
static void place_regions(struct sema *se)
{
	struct config *cfg = se->cfg;
	size_t total = 0, at = 0, i;

	for (i = 0; i < cfg->nsets; i++)
		total += cfg->sets[i].nregs;
	for (i = 0; i < cfg->ndevs; i++)
		total += cfg->devs[i].nreserved;
	cfg->regions = se->oom ? NULL : malloc((total ? total : 1) * sizeof(*cfg->regions));
	if (!cfg->regions) {
		/* no regions rather than counts without them */
		oom(se);
		for (i = 0; i < cfg->nsets; i++)
			cfg->sets[i].nregs = 0;
		for (i = 0; i < cfg->ndevs; i++)
			cfg->devs[i].nreserved = 0;
		return;
	}
	for (i = 0; i < cfg->nsets; i++) {
		cfg->sets[i].regs = cfg->regions + at;
		at += cfg->sets[i].nregs;
		cfg->sets[i].nregs = 0;
	}
	for (i = 0; i < cfg->ndevs; i++) {
		cfg->devs[i].reserved = cfg->regions + at;
		at += cfg->devs[i].nreserved;
		cfg->devs[i].nreserved = 0;
	}
	for (i = 0; i < cfg->nstmts; i++) {
		const struct stmt *s = &cfg->stmts[i];
		struct allow_set *as;
		struct device *dv;

		if (s->kind == STMT_ALLOW && s->u.allow->set >= 0) {
			as = &cfg->sets[s->u.allow->set];
			add_region(as->regs, &as->nregs, &s->u.allow->start, &s->u.allow->len,
				   s->u.allow->perms, i);
		} else if (s->kind == STMT_RESERVED && !cfg->guest && s->u.reserved->dev >= 0) {
			dv = &cfg->devs[s->u.reserved->dev];
			add_region(dv->reserved, &dv->nreserved, &s->u.reserved->start,
				   &s->u.reserved->len, PERM_S | PERM_T, i);
		}
	}
}

/* ---- statements ------------------------------------------------------ */

static void do_allow(struct sema *se, struct stmt *s)
{
	int k;

	asinfo_resolve(se->d, &s->u.allow->start, se->pc.map, se->pc.late_bind);
	asinfo_resolve(se->d, &s->u.allow->len, se->pc.map, se->pc.late_bind);
	if (!s->u.allow->name || (k = get_set(se, s->u.allow->name, &s->pos)) < 0)
		return;
	if (!se->cfg->sets[k].defined) {
		se->cfg->sets[k].defined = true;
		se->cfg->sets[k].pos = s->pos;
	}
	/* counted here, placed by place_regions */
	s->u.allow->set = k;
	se->cfg->sets[k].nregs++;
}

static void do_device(struct sema *se, struct stmt *s, size_t i)
{
	struct config *cfg = se->cfg;
	struct devspec *ds = &s->u.device->spec;
	struct device *dev;
	uint32_t h;
	long k;

	if (ds->kind == SPEC_MEM) {
		asinfo_resolve(se->d, &ds->paddr, se->pc.map, se->pc.late_bind);
		asinfo_resolve(se->d, &ds->len, se->pc.map, se->pc.late_bind);
	}
	h = dev_hash(ds);
	k = ntab_find(&se->devs, h, dev_eq, cfg, ds);
	if (k < 0) {
		dev = grow_array(cfg->devs, cfg->ndevs, sizeof(*dev));
		if (!dev || ntab_add(&se->devs, h, cfg->ndevs) < 0) {
			if (dev)
				cfg->devs = dev;
			oom(se);
			return;
		}
		cfg->devs = dev;
		k = (long)cfg->ndevs++;
		dev = &cfg->devs[k];
		memset(dev, 0, sizeof(*dev));
		dev->spec = ds;
		dev->stmt = (uint32_t)i;
		dev->set = -1;
		dev->unit = -1;
	}
	s->u.device->dev = se->cur_dev = (int)k;
	if (s->u.device->allow) {
		int set = get_set(se, s->u.device->allow, &s->u.device->allow_pos);

		if (set < 0)
			return;
		cfg->sets[set].users++;
		/* a different set for the same spec is device-conflict (checks.c) */
		if (cfg->devs[k].set < 0)
			cfg->devs[k].set = set;
	}
}

static void do_reserved(struct sema *se, struct stmt *s)
{
	if (se->cfg->guest || se->cur_dev < 0)
		return;
	asinfo_resolve(se->d, &s->u.reserved->start, se->pc.map, se->pc.late_bind);
	asinfo_resolve(se->d, &s->u.reserved->len, se->pc.map, se->pc.late_bind);
	/* counted here, placed by place_regions */
	se->cfg->devs[se->cur_dev].nreserved++;
}

static void do_smmu(struct sema *se, struct stmt *s, size_t i)
{
	struct config *cfg = se->cfg;
	struct smmu *m;

	if (cfg->guest)
		return;
	m = grow_array(cfg->smmus, cfg->nsmmus, sizeof(*m));
	if (!m) {
		oom(se);
		return;
	}
	cfg->smmus = m;
	m = &m[cfg->nsmmus];
	memset(m, 0, sizeof(*m));
	m->type = s->u.smmu->t;
	m->stmt = i;
	m->pos = s->pos;
	m->params_ok = params_smmu(&se->pc, m, s);
	se->cur_smmu = (int)cfg->nsmmus++;
}

static void do_unit(struct sema *se, struct stmt *s, size_t i)
{
	struct config *cfg = se->cfg;
	const char *name = s->u.unit->name;
	struct unit *u;

	if (cfg->guest || se->cur_smmu < 0 || !name)
		return;
	se->last_unit_name = NULL;
	/* a second unit of this name is duplicate-unit (checks.c): keep the first */
	if (ntab_find(&se->units, ntab_hash_str(name), unit_eq, cfg, name) >= 0)
		return;
	u = grow_array(cfg->units, cfg->nunits, sizeof(*u));
	if (!u || ntab_add(&se->units, ntab_hash_str(name), cfg->nunits) < 0) {
		if (u)
			cfg->units = u;
		oom(se);
		return;
	}
	cfg->units = u;
	u = &u[cfg->nunits++];
	memset(u, 0, sizeof(*u));
	u->name = (char *)name;
	u->smmu = se->cur_smmu;
	u->stmt = i;
	u->pos = s->pos;
	u->params_ok = params_unit(&se->pc, cfg->smmus[se->cur_smmu].type, u, s);
}

static void do_use(struct sema *se, struct stmt *s, size_t i)
{
	struct config *cfg = se->cfg;
	struct device *dev;
	long u;

	if (cfg->guest || se->cur_dev < 0 || !s->u.use->unit)
		return;
	dev = &cfg->devs[se->cur_dev];
	if (s->u.use->unit != se->last_unit_name) {
		se->last_unit = ntab_find(&se->units, ntab_hash_str(s->u.use->unit), unit_eq, cfg,
					  s->u.use->unit);
		se->last_unit_name = s->u.use->unit;
	}
	u = se->last_unit;
	dev->unit = (int)u; /* -1: undefined-unit (checks.c) */
	dev->use_stmt = (uint32_t)i;
	dev->has_use_param = false;
	dev->use_param = 0;
	if (u >= 0)
		params_use(&se->pc, cfg->smmus[cfg->units[u].smmu].type, dev, s);
}

static void do_debug(struct sema *se, struct stmt *s)
{
	struct num *n = &s->u.debug->level;

	if (!n->resolved)
		return;
	if (n->value != 1 && n->value != 2) {
		diag_report(se->d, CHK_BAD_NUMBER, &n->pos, "debug level must be 1 or 2, not %" PRIu64,
			    n->value);
		return;
	}
	se->cfg->settings.debug = (unsigned)n->value;
}

static void do_safety(struct sema *se, struct stmt *s)
{
	struct settings *st = &se->cfg->settings;
	const char *c = s->u.safety->component;
	struct safety_comp *sc;
	long k;

	if (!c) {
		st->safety = s->u.safety->level;
		st->safety_set = true;
		return;
	}
	k = ntab_find(&se->comps, ntab_hash_str(c), comp_eq, se->cfg, c);
	if (k < 0) {
		sc = grow_array(st->comps, st->ncomps, sizeof(*sc));
		if (!sc || ntab_add(&se->comps, ntab_hash_str(c), st->ncomps) < 0) {
			if (sc)
				st->comps = sc;
			oom(se);
			return;
		}
		st->comps = sc;
		k = (long)st->ncomps++;
		st->comps[k].component = (char *)c;
	}
	st->comps[k].level = s->u.safety->level;
	st->comps[k].pos = s->pos;
}

void sema_build(struct config *cfg, struct diag_ctx *d, const struct asinfo_map *map,
		bool late_bind)
{
	struct sema se;
	size_t i;

	memset(&se, 0, sizeof(se));
	se.cfg = cfg;
	se.d = d;
	se.pc.d = d;
	se.pc.map = map;
	se.pc.late_bind = late_bind;
	se.cur_dev = -1;
	se.cur_smmu = -1;
	for (i = 0; i < cfg->nstmts && !se.oom; i++) {
		struct stmt *s = &cfg->stmts[i];

		switch (s->kind) {
		case STMT_ALLOW:
			do_allow(&se, s);
			break;
		case STMT_DEBUG:
			do_debug(&se, s);
			break;
		case STMT_DEVICE:
			do_device(&se, s, i);
			break;
		case STMT_FOREGROUND:
			cfg->settings.foreground = true;
			break;
		case STMT_RESERVED:
			do_reserved(&se, s);
			break;
		case STMT_SAFETY:
			do_safety(&se, s);
			break;
		case STMT_SET:
			sema_set(&se.pc, &cfg->settings, s);
			break;
		case STMT_SET_QUERY:
			cfg->settings.set_query = true;
			break;
		case STMT_SMMU:
			do_smmu(&se, s, i);
			break;
		case STMT_UNIT:
			do_unit(&se, s, i);
			break;
		case STMT_USE:
			do_use(&se, s, i);
			break;
		case STMT_USER:
			sema_user(d, &cfg->settings, s);
			break;
		}
		/* the context a statement was read in, for the checks */
		if (s->kind == STMT_RESERVED)
			s->u.reserved->dev = se.cur_dev;
		else if (s->kind == STMT_USE)
			s->u.use->dev = se.cur_dev;
		else if (s->kind == STMT_UNIT)
			s->u.unit->smmu = se.cur_smmu;
	}
	ntab_free(&se.sets);
	ntab_free(&se.devs);
	ntab_free(&se.units);
	ntab_free(&se.comps);
	place_regions(&se);
}
