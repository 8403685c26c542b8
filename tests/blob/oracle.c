/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The test's own statement of the content rules of schemas/README.md,
 * written over whole arrays (with allocation, counting tables, no early
 * exits by offset) rather than as the reader's single pass. The flip test
 * asks it whether a changed blob should still be valid; where it and the
 * reader disagree, one of them is missing a rule.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "oracle.h"

struct m {
	const char *str;
	uint64_t nstr;
	const struct smmub_symbol *sym;
	const struct smmub_settings *st;
	const struct smmub_safety *saf;
	const struct smmub_smmu *smmu;
	const struct smmub_unit *unit;
	const struct smmub_set *set;
	const struct smmub_rule *rule;
	const struct smmub_domain *dom;
	const struct smmub_region *reg;
	const struct smmub_device *dev;
	const struct smmub_reloc *rel;
	uint32_t nsym, nsaf, npar, nsmmu, nunit, nset, nrule, ndom, nreg, ndev, nrel;
	uint32_t hflags;
};

static bool str_at(const struct m *m, uint32_t off, bool need)
{
	if (off == 0)
		return !need;
	return off < m->nstr && m->str[off - 1] == 0 && m->str[off] != 0;
}

static bool symref(const struct m *m, uint32_t i, uint32_t kind)
{
	return i < m->nsym && m->sym[i].kind == kind;
}

static bool perms_ok(uint32_t p)
{
	return p >= 1 && p <= 3;
}

static bool no_wrap(uint64_t s, uint64_t l)
{
	return l != 0 && s + (l - 1) >= s;
}

static bool settings_ok(const struct m *m)
{
	const struct smmub_settings *s = m->st;
	uint32_t f = s->flags, k;
	bool user = f & SMMUB_SET_USER, uid = f & SMMUB_SET_USER_UID;
	bool gid = f & SMMUB_SET_USER_GID;

	if (f > 0xff || s->debug > 2 || s->safety > 2)
		return false;
	if (!(f & SMMUB_SET_SAFETY_GIVEN) && s->safety != 0)
		return false;
	if (s->message_block_timeout != 0 &&
	    (s->message_block_timeout < 5 || s->message_block_timeout > 10000))
		return false;
	if (!(f & SMMUB_SET_MBT) && s->message_block_timeout != 100)
		return false;
	if (!(f & SMMUB_SET_GROW_HEAP) && s->grow_heap)
		return false;
	if (!user && (uid || gid || s->user_name || s->ngroups))
		return false;
	if (user && uid && s->user_name)
		return false;
	if (user && !uid && (gid || !str_at(m, s->user_name, true)))
		return false;
	if ((!uid && s->uid) || (!gid && s->gid) || s->ngroups > 16)
		return false;
	if (uid && !gid && s->ngroups)
		return false;
	for (k = s->ngroups; k < 16; k++)
		if (s->groups[k])
			return false;
	return true;
}

static bool params_ok(const struct m *m)
{
	static const uint32_t umin[] = {0, 1, 3, 4, 2}, umax[] = {0, 1, 3, 20, 2};
	uint32_t next = 0, i;

	for (i = 0; i < m->nsmmu; i++) {
		const struct smmub_smmu *s = &m->smmu[i];
		uint32_t allowed = s->type == SMMUB_SMMU_VTD	 ? 3
				   : s->type == SMMUB_SMMU_RCAR3 ? 4
								 : 0;

		if (s->type < 1 || s->type > 4 || (s->flags & ~allowed) || s->flags == 3)
			return false;
		if (s->param_first != next || s->param_count > m->npar - next)
			return false;
		next += s->param_count;
		if (s->type == SMMUB_SMMU_RCAR3 ? s->param_count < 2 + !!s->flags
						: s->param_count != 0)
			return false;
		if (!symref(m, s->sym, SMMUB_SYM_SMMU) || s->reserved)
			return false;
	}
	for (i = 0; i < m->nunit; i++) {
		const struct smmub_unit *u = &m->unit[i];
		uint32_t t;

		if (!str_at(m, u->name, true) || u->smmu >= m->nsmmu)
			return false;
		if (i && u->smmu < m->unit[i - 1].smmu)
			return false;
		t = m->smmu[u->smmu].type;
		if (u->param_first != next || u->param_count > m->npar - next)
			return false;
		next += u->param_count;
		if (u->param_count < umin[t] || u->param_count > umax[t])
			return false;
		if (!symref(m, u->sym, SMMUB_SYM_UNIT))
			return false;
		if (u->cfglib && (t != SMMUB_SMMU_ARMSMMU || !str_at(m, u->cfglib, true)))
			return false;
	}
	return next == m->npar;
}

/* Per rule: bit 0 start relocated, bit 1 length relocated; NULL if relocs bad. */
static unsigned char *relocs_map(const struct m *m)
{
	unsigned char *map = calloc(m->nrule + 1, 1);
	uint32_t i;

	if (!map)
		return NULL;
	if (!!(m->hflags & SMMUB_F_LATE_BOUND) != (m->nrel > 0))
		goto bad;
	for (i = 0; i < m->nrel; i++) {
		const struct smmub_reloc *r = &m->rel[i];

		if (r->rule >= m->nrule || r->field > 1 || !str_at(m, r->name, true) || r->reserved)
			goto bad;
		if (map[r->rule] & (1u << r->field))
			goto bad;
		if (i && (m->rel[i - 1].rule > r->rule ||
			  (m->rel[i - 1].rule == r->rule && m->rel[i - 1].field > r->field)))
			goto bad;
		map[r->rule] |= 1u << r->field;
	}
	return map;
bad:
	free(map);
	return NULL;
}

static bool rules_ok(const struct m *m, const unsigned char *rel, uint32_t *nres)
{
	uint32_t i, s, next = 0;

	for (s = 0; s < m->nset; s++) {
		const struct smmub_set *e = &m->set[s];

		if (!str_at(m, e->name, true) || !symref(m, e->sym, SMMUB_SYM_SET))
			return false;
		if (s && strcmp(m->str + m->set[s - 1].name, m->str + e->name) >= 0)
			return false;
		if (e->rule_first != next || e->rule_count == 0 || e->rule_count > m->nrule - next)
			return false;
		for (i = next; i < next + e->rule_count; i++)
			if (m->rule[i].owner != s || (m->rule[i].flags & SMMUB_RULE_RESERVED))
				return false;
		next += e->rule_count;
	}
	for (i = 0; i < m->nrule; i++) {
		const struct smmub_rule *r = &m->rule[i];
		bool res = i >= next, given = r->flags & SMMUB_RULE_PERMS_GIVEN;

		if (res && (!(r->flags & SMMUB_RULE_RESERVED) || r->owner >= m->ndev ||
			    (i > next && r->owner < m->rule[i - 1].owner)))
			return false;
		if (res)
			nres[r->owner]++;
		if (r->flags > 7 || !perms_ok(r->perms) || (!given && r->perms != 3) ||
		    (res && given))
			return false;
		if (!!(r->flags & SMMUB_RULE_LATE) != !!rel[i])
			return false;
		if (((rel[i] & 1) && r->start) || ((rel[i] & 2) && r->length))
			return false;
		if (!(rel[i] & 2) && r->length == 0)
			return false;
		if (!rel[i] && !no_wrap(r->start, r->length))
			return false;
		if (!symref(m, r->sym, res ? SMMUB_SYM_RESERVED : SMMUB_SYM_RULE))
			return false;
	}
	return true;
}

static bool dev_key_less(const struct smmub_device *a, const struct smmub_device *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind;
	if (a->sid != b->sid)
		return a->sid < b->sid;
	return a->paddr < b->paddr;
}

static bool devices_ok(const struct m *m, const uint32_t *nres)
{
	static const uint32_t must_be_zero[] = {0, 0xffff, 0xff, 7, 0, 0xffff};
	uint32_t i;

	for (i = 0; i < m->ndev; i++) {
		const struct smmub_device *d = &m->dev[i];
		bool grants;

		if (d->kind < 1 || d->kind > 5 || d->sid > 0xffff ||
		    (d->sid & must_be_zero[d->kind]))
			return false;
		if (d->kind == SMMUB_DEV_MEM ? !no_wrap(d->paddr, d->length)
					     : d->paddr || d->length)
			return false;
		if (i && !dev_key_less(&m->dev[i - 1], d))
			return false;
		if (d->set != SMMUB_NONE && d->set >= m->nset)
			return false;
		grants = d->set != SMMUB_NONE || nres[i];
		if (grants ? d->domain >= m->ndom : d->domain != SMMUB_NONE)
			return false;
		if (d->unit != SMMUB_NONE && d->unit >= m->nunit)
			return false;
		if (d->flags > 1 || (d->flags && d->unit == SMMUB_NONE) ||
		    (!d->flags && d->use_param))
			return false;
		if (!symref(m, d->sym, SMMUB_SYM_DEVICE))
			return false;
		if (d->unit == SMMUB_NONE ? d->use_sym != SMMUB_NONE
					  : !symref(m, d->use_sym, SMMUB_SYM_USE))
			return false;
	}
	return true;
}

static bool late_of(const struct m *m, uint32_t dev, const unsigned char *rel)
{
	uint32_t i;

	for (i = 0; i < m->nrule; i++) {
		const struct smmub_rule *r = &m->rule[i];
		bool mine = (r->flags & SMMUB_RULE_RESERVED) ? r->owner == dev
							     : r->owner == m->dev[dev].set;
		if (mine && rel[i])
			return true;
	}
	return false;
}

static bool domains_ok(const struct m *m, const uint32_t *nres, const unsigned char *rel)
{
	uint32_t d, i, next = 0;

	for (d = 0; d < m->ndom; d++) {
		const struct smmub_domain *o = &m->dom[d];
		uint32_t first = SMMUB_NONE;
		bool late = o->flags & SMMUB_DOM_LATE;

		if (o->flags > 3 || o->reserved || o->region_first != next ||
		    o->region_count > m->nreg - next || (late == (o->region_count != 0)))
			return false;
		next += o->region_count;
		if (d && o->did <= m->dom[d - 1].did)
			return false;
		if (o->did == 0)
			return false;
		for (i = 0; i < m->ndev; i++) {
			const struct smmub_device *e = &m->dev[i];

			if (e->domain != d)
				continue;
			if (first == SMMUB_NONE)
				first = i;
			if ((e->set != SMMUB_NONE) != !!(o->flags & SMMUB_DOM_OWNED))
				return false;
			if (late_of(m, i, rel) != late)
				return false;
			if (late && i != first &&
			    (e->set != m->dev[first].set || nres[i] || nres[first]))
				return false;
		}
		if (first != o->device_first)
			return false;
		for (i = o->region_first; i < next; i++) {
			const struct smmub_region *r = &m->reg[i], *p = r - 1;

			if (r->start % 4096 || r->length % 4096 || !no_wrap(r->start, r->length) ||
			    !perms_ok(r->perms) || r->flags > 1)
				return false;
			if (i > o->region_first &&
			    (r->start < p->start + p->length ||
			     (r->start == p->start + p->length && r->perms == p->perms)))
				return false;
		}
	}
	return next == m->nreg;
}

#define TAKE(field, nfield, type)                                                                  \
	do {                                                                                       \
		m.field = (const void *)v->sec[type].data;                                         \
		m.nfield = v->sec[type].count;                                                     \
	} while (0)

bool oracle_contents_ok(const unsigned char *blob, const struct smmub_view *orig)
{
	struct smmub_view vv = *orig, *v = &vv;
	struct m m = {0};
	unsigned char *rel;
	uint32_t *nres, i;
	bool ok = false;

	/* same layout, read from the changed bytes */
	for (i = 0; i <= SMMUB_SEC_KNOWN_MAX; i++)
		if (v->sec[i].data)
			v->sec[i].data = blob + v->sec[i].offset;
	m.str = (const char *)v->sec[SMMUB_SEC_STRINGS].data;
	m.nstr = v->sec[SMMUB_SEC_STRINGS].size;
	m.st = (const void *)v->sec[SMMUB_SEC_SETTINGS].data;
	m.hflags = ((const struct smmub_header *)blob)->flags;
	TAKE(sym, nsym, SMMUB_SEC_SYMBOLS);
	TAKE(saf, nsaf, SMMUB_SEC_SAFETY);
	m.npar = v->sec[SMMUB_SEC_PARAMS].count;
	TAKE(smmu, nsmmu, SMMUB_SEC_SMMUS);
	TAKE(unit, nunit, SMMUB_SEC_UNITS);
	TAKE(set, nset, SMMUB_SEC_SETS);
	TAKE(rule, nrule, SMMUB_SEC_RULES);
	TAKE(dom, ndom, SMMUB_SEC_DOMAINS);
	TAKE(reg, nreg, SMMUB_SEC_REGIONS);
	TAKE(dev, ndev, SMMUB_SEC_DEVICES);
	TAKE(rel, nrel, SMMUB_SEC_RELOCS);

	if (m.nstr == 0 || m.str[0] || m.str[m.nstr - 1])
		return false;
	for (i = 0; i < m.nsym; i++)
		if (m.sym[i].kind < 1 || m.sym[i].kind > 7 || !str_at(&m, m.sym[i].name, true) ||
		    !str_at(&m, m.sym[i].file, true) || m.sym[i].reserved)
			return false;
	if (!settings_ok(&m))
		return false;
	for (i = 0; i < m.nsaf; i++)
		if (!str_at(&m, m.saf[i].component, true) || m.saf[i].level > 2 ||
		    (i && strcmp(m.str + m.saf[i - 1].component, m.str + m.saf[i].component) >= 0))
			return false;
	if (!params_ok(&m))
		return false;
	rel = relocs_map(&m);
	nres = calloc(m.ndev + 1, sizeof(*nres));
	if (rel && nres && rules_ok(&m, rel, nres) && devices_ok(&m, nres) &&
	    domains_ok(&m, nres, rel))
		ok = true;
	free(rel);
	free(nres);
	return ok;
}
