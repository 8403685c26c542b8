/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rules on the contents of the known sections (schemas/README.md,
 * "Validation"). Runs after the header and section table were found sound,
 * so every entry pointer below is inside the blob; what remains to check is
 * every index, string, enum, flag, reserved field, sort order and grouping.
 * Checks run section by section in a fixed order, so the first problem
 * reported for a given blob is always the same one. This file checks the
 * names, settings and rules; blob_check_grants.c what the tables grant.
 */
#include <stdbool.h>
#include <string.h>
#include "blob/blob_check.h"

static int check_strings(struct ck *c)
{
	const struct smmub_secinfo *s = &c->v->sec[SMMUB_SEC_STRINGS];

	if (s->size == 0 || s->data[0])
		FAIL(SMMUB_ERR_BADSTRING, s->offset);
	if (s->data[s->size - 1])
		FAIL(SMMUB_ERR_BADSTRING, s->offset + s->size - 1);
	return 0;
}

static int check_symbols(struct ck *c)
{
	uint32_t i, name_ok = 0, file_ok = 0; /* 0: no string checked yet */

	for (i = 0; i < cnt(c, SMMUB_SEC_SYMBOLS); i++) {
		const struct smmub_symbol *y = sym_at(c, i);
		uint32_t kind = L32(y->kind), name = L32(y->name), file = L32(y->file);

		if (kind < SMMUB_SYM_DEVICE || kind > SMMUB_SYM_SMMU)
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_SYMBOLS, smmub_symbol, i, kind));
		/* a set's lines follow each other: same name, same file as the last */
		if (name != name_ok || !name) /* 0 is never a name: check it to fail */
			CHECK_STR(name, STR_NEED, FIELD(SMMUB_SEC_SYMBOLS, smmub_symbol, i, name));
		name_ok = name;
		if (file != file_ok || !file)
			CHECK_STR(file, STR_NEED, FIELD(SMMUB_SEC_SYMBOLS, smmub_symbol, i, file));
		file_ok = file;
		if (y->reserved)
			FAIL(SMMUB_ERR_BADVALUE,
			     FIELD(SMMUB_SEC_SYMBOLS, smmub_symbol, i, reserved));
	}
	return 0;
}

#define SF(f) FIELD(SMMUB_SEC_SETTINGS, smmub_settings, 0, f)

static int check_user(struct ck *c, const struct smmub_settings *s, uint32_t fl)
{
	uint32_t k, ng = L32(s->ngroups);

	if (!(fl & SMMUB_SET_USER)) {
		if (fl & (SMMUB_SET_USER_UID | SMMUB_SET_USER_GID))
			FAIL(SMMUB_ERR_BADVALUE, SF(flags));
		if (s->user_name)
			FAIL(SMMUB_ERR_BADSTRING, SF(user_name));
	} else if (fl & SMMUB_SET_USER_UID) {
		if (s->user_name)
			FAIL(SMMUB_ERR_BADSTRING, SF(user_name));
	} else {
		/* user_name[,sup_gid]*: no uid, no primary gid */
		if (fl & SMMUB_SET_USER_GID)
			FAIL(SMMUB_ERR_BADVALUE, SF(flags));
		CHECK_STR(L32(s->user_name), STR_NEED, SF(user_name));
	}
	if (!(fl & SMMUB_SET_USER_UID) && s->uid)
		FAIL(SMMUB_ERR_BADVALUE, SF(uid));
	if (!(fl & SMMUB_SET_USER_GID) && s->gid)
		FAIL(SMMUB_ERR_BADVALUE, SF(gid));
	/* uid[:gid[,sup_gid]*]: supplementary groups only after a gid */
	if (ng > SMMUB_MAX_GROUPS || (ng && !(fl & SMMUB_SET_USER)) ||
	    (ng && (fl & SMMUB_SET_USER_UID) && !(fl & SMMUB_SET_USER_GID)))
		FAIL(SMMUB_ERR_BADVALUE, SF(ngroups));
	for (k = ng; k < SMMUB_MAX_GROUPS; k++)
		if (s->groups[k])
			FAIL(SMMUB_ERR_BADVALUE, SF(groups) + 4 * k);
	return 0;
}

static int check_settings(struct ck *c)
{
	const struct smmub_settings *s = smmub_settings(c->v);
	uint32_t fl = L32(s->flags), mbt = L32(s->message_block_timeout);

	if (fl & ~0xffu)
		FAIL(SMMUB_ERR_BADVALUE, SF(flags));
	if (L32(s->debug) > 2)
		FAIL(SMMUB_ERR_BADVALUE, SF(debug));
	if (L32(s->safety) > SMMUB_SAFETY_REQUIRED || (!(fl & SMMUB_SET_SAFETY_GIVEN) && s->safety))
		FAIL(SMMUB_ERR_BADVALUE, SF(safety));
	if ((mbt && (mbt < 5 || mbt > 10000)) || (!(fl & SMMUB_SET_MBT) && mbt != 100))
		FAIL(SMMUB_ERR_BADVALUE, SF(message_block_timeout));
	if (!(fl & SMMUB_SET_GROW_HEAP) && s->grow_heap)
		FAIL(SMMUB_ERR_BADVALUE, SF(grow_heap));
	return check_user(c, s, fl);
}

static int check_safety(struct ck *c)
{
	uint32_t i;

	for (i = 0; i < cnt(c, SMMUB_SEC_SAFETY); i++) {
		const struct smmub_safety *s = safety_at(c, i);
		uint64_t at = FIELD(SMMUB_SEC_SAFETY, smmub_safety, i, component);

		CHECK_STR(L32(s->component), STR_NEED, at);
		if (L32(s->level) > SMMUB_SAFETY_REQUIRED)
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_SAFETY, smmub_safety, i, level));
		if (i && strcmp(str(c, L32(safety_at(c, i - 1)->component)),
				str(c, L32(s->component))) >= 0)
			FAIL(SMMUB_ERR_BADORDER, at);
	}
	return 0;
}

/*
 * PARAMS is used in order: the smmus' parameters (SMMUS order), then the
 * units' (UNITS order), without gaps; *p is the running cursor.
 */
static int check_params(struct ck *c, uint32_t first, uint32_t count, uint32_t *p, uint64_t at)
{
	if (first != *p)
		FAIL(SMMUB_ERR_BADORDER, at);
	if (count > cnt(c, SMMUB_SEC_PARAMS) - *p)
		FAIL(SMMUB_ERR_BADINDEX, at + 4);
	*p += count;
	return 0;
}

static int check_smmus(struct ck *c, uint32_t *p)
{
	uint32_t i;

	for (i = 0; i < cnt(c, SMMUB_SEC_SMMUS); i++) {
		const struct smmub_smmu *s = smmu_at(c, i);
		uint32_t type = L32(s->type), fl = L32(s->flags), n = L32(s->param_count);
		uint32_t ok = 0, min = 0, max = 0;

		if (!smmub_smmu_type_info(type))
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_SMMUS, smmub_smmu, i, type));
		if (type == SMMUB_SMMU_VTD)
			ok = SMMUB_SMMU_VTD_REQUIRE | SMMUB_SMMU_VTD_IGNORE;
		if (type == SMMUB_SMMU_RCAR3) {
			ok = SMMUB_SMMU_RCAR3_MM_FAULT_BIT;
			min = 2 + !!(fl & ok);
			max = UINT32_MAX;
		}
		if ((fl & ~ok) || (fl & ok) == (SMMUB_SMMU_VTD_REQUIRE | SMMUB_SMMU_VTD_IGNORE))
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_SMMUS, smmub_smmu, i, flags));
		TRY(check_params(c, L32(s->param_first), n, p,
				 FIELD(SMMUB_SEC_SMMUS, smmub_smmu, i, param_first)));
		if (n < min || n > max)
			FAIL(SMMUB_ERR_BADVALUE,
			     FIELD(SMMUB_SEC_SMMUS, smmub_smmu, i, param_count));
		CHECK_SYM(L32(s->sym), SMMUB_SYM_SMMU, false,
			      FIELD(SMMUB_SEC_SMMUS, smmub_smmu, i, sym));
		if (s->reserved)
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_SMMUS, smmub_smmu, i, reserved));
	}
	return 0;
}

static int check_units(struct ck *c, uint32_t *p)
{
	uint32_t i, prev = 0;

	for (i = 0; i < cnt(c, SMMUB_SEC_UNITS); i++) {
		const struct smmub_unit *u = unit_at(c, i);
		uint32_t sm = L32(u->smmu), n = L32(u->param_count), type;

		CHECK_STR(L32(u->name), STR_NEED,
			      FIELD(SMMUB_SEC_UNITS, smmub_unit, i, name));
		if (sm >= cnt(c, SMMUB_SEC_SMMUS))
			FAIL(SMMUB_ERR_BADINDEX, FIELD(SMMUB_SEC_UNITS, smmub_unit, i, smmu));
		/* a unit belongs to the smmu line before it: source order */
		if (sm < prev)
			FAIL(SMMUB_ERR_BADORDER, FIELD(SMMUB_SEC_UNITS, smmub_unit, i, smmu));
		prev = sm;
		type = L32(smmu_at(c, sm)->type);
		TRY(check_params(c, L32(u->param_first), n, p,
				 FIELD(SMMUB_SEC_UNITS, smmub_unit, i, param_first)));
		/* check_smmus let only known types through */
		if (n < smmub_smmu_type_info(type)->unit_params_min ||
		    n > smmub_smmu_type_info(type)->unit_params_max)
			FAIL(SMMUB_ERR_BADVALUE,
			     FIELD(SMMUB_SEC_UNITS, smmub_unit, i, param_count));
		CHECK_SYM(L32(u->sym), SMMUB_SYM_UNIT, false,
			      FIELD(SMMUB_SEC_UNITS, smmub_unit, i, sym));
		if (u->cfglib && type != SMMUB_SMMU_ARMSMMU)
			FAIL(SMMUB_ERR_BADSTRING, FIELD(SMMUB_SEC_UNITS, smmub_unit, i, cfglib));
		CHECK_STR(L32(u->cfglib), STR_OPT,
			      FIELD(SMMUB_SEC_UNITS, smmub_unit, i, cfglib));
	}
	if (*p != cnt(c, SMMUB_SEC_PARAMS))
		FAIL(SMMUB_ERR_BADORDER, blob_field_off(c->v, SMMUB_SEC_PARAMS, *p, 0));
	return 0;
}

static int check_sets(struct ck *c)
{
	uint32_t i, r = 0;

	for (i = 0; i < cnt(c, SMMUB_SEC_SETS); i++) {
		const struct smmub_set *s = set_at(c, i);
		uint64_t at = FIELD(SMMUB_SEC_SETS, smmub_set, i, name);
		uint32_t n = L32(s->rule_count);

		CHECK_STR(L32(s->name), STR_NEED, at);
		if (i &&
		    strcmp(str(c, L32(set_at(c, i - 1)->name)), str(c, L32(s->name))) >= 0)
			FAIL(SMMUB_ERR_BADORDER, at);
		CHECK_SYM(L32(s->sym), SMMUB_SYM_SET, false,
			      FIELD(SMMUB_SEC_SETS, smmub_set, i, sym));
		if (L32(s->rule_first) != r)
			FAIL(SMMUB_ERR_BADORDER, FIELD(SMMUB_SEC_SETS, smmub_set, i, rule_first));
		if (n == 0)
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_SETS, smmub_set, i, rule_count));
		if (n > cnt(c, SMMUB_SEC_RULES) - r)
			FAIL(SMMUB_ERR_BADINDEX, FIELD(SMMUB_SEC_SETS, smmub_set, i, rule_count));
		r += n;
	}
	return 0;
}

static int check_relocs(struct ck *c)
{
	uint32_t i, n = cnt(c, SMMUB_SEC_RELOCS);

	if (!!(c->v->flags & SMMUB_F_LATE_BOUND) != !!n)
		FAIL(SMMUB_ERR_BADVALUE, offsetof(struct smmub_header, flags));
	for (i = 0; i < n; i++) {
		const struct smmub_reloc *x = reloc_at(c, i);
		uint32_t rule = L32(x->rule), field = L32(x->field);

		if (rule >= cnt(c, SMMUB_SEC_RULES))
			FAIL(SMMUB_ERR_BADINDEX, FIELD(SMMUB_SEC_RELOCS, smmub_reloc, i, rule));
		if (field > SMMUB_RELOC_LENGTH)
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_RELOCS, smmub_reloc, i, field));
		if (i) {
			const struct smmub_reloc *p = reloc_at(c, i - 1);
			uint32_t pr = L32(p->rule), pf = L32(p->field);

			if (pr > rule)
				FAIL(SMMUB_ERR_BADORDER,
				     FIELD(SMMUB_SEC_RELOCS, smmub_reloc, i, rule));
			if (pr == rule && pf >= field)
				FAIL(SMMUB_ERR_BADORDER,
				     FIELD(SMMUB_SEC_RELOCS, smmub_reloc, i, field));
		}
		CHECK_STR(L32(x->name), STR_NEED,
			      FIELD(SMMUB_SEC_RELOCS, smmub_reloc, i, name));
		if (x->reserved)
			FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_RELOCS, smmub_reloc, i, reserved));
	}
	return 0;
}

#define RF(i, f) FIELD(SMMUB_SEC_RULES, smmub_rule, i, f)

/* One rule's own fields; *rc walks RELOCS alongside (both sorted by rule). */
static int check_rule(struct ck *c, uint32_t i, uint32_t *rc)
{
	const struct smmub_rule *r = rule_at(c, i);
	uint32_t fl = L32(r->flags), perms = L32(r->perms), relocated = 0;
	uint64_t start = L64(r->start), len = L64(r->length);
	bool res = fl & SMMUB_RULE_RESERVED;

	while (*rc < cnt(c, SMMUB_SEC_RELOCS) && L32(reloc_at(c, *rc)->rule) == i)
		relocated |= 1u << L32(reloc_at(c, (*rc)++)->field);
	if (perms < SMMUB_PERM_R || perms > (SMMUB_PERM_R | SMMUB_PERM_W) ||
	    (!(fl & SMMUB_RULE_PERMS_GIVEN) && perms != (SMMUB_PERM_R | SMMUB_PERM_W)))
		FAIL(SMMUB_ERR_BADVALUE, RF(i, perms));
	if ((fl & ~7u) || (res && (fl & SMMUB_RULE_PERMS_GIVEN)) ||
	    !!(fl & SMMUB_RULE_LATE) != !!relocated)
		FAIL(SMMUB_ERR_BADVALUE, RF(i, flags));
	/* a relocated field holds 0 until boot */
	if ((relocated & (1u << SMMUB_RELOC_START)) && start)
		FAIL(SMMUB_ERR_BADVALUE, RF(i, start));
	if ((relocated & (1u << SMMUB_RELOC_LENGTH))
		? len != 0
		: len == 0 || (!relocated && wraps(start, len)))
		FAIL(SMMUB_ERR_BADVALUE, RF(i, length));
	CHECK_SYM(L32(r->sym), res ? SMMUB_SYM_RESERVED : SMMUB_SYM_RULE, false, RF(i, sym));
	return 0;
}

/*
 * The sets' rules first, grouped in SETS order (check_sets made the ranges
 * tile), then the reserved lines, grouped in DEVICES order. One loop, so
 * check_rule has one caller and is inlined: this runs once per line.
 */
static int check_rules(struct ck *c)
{
	uint32_t i, s = 0, rc = 0, prev = 0, n = cnt(c, SMMUB_SEC_RULES);
	uint32_t nsets = cnt(c, SMMUB_SEC_SETS), set_end = nsets ? L32(set_at(c, 0)->rule_count) : 0;

	for (i = 0; i < n; i++) {
		const struct smmub_rule *r = rule_at(c, i);
		uint32_t owner = L32(r->owner);
		bool res = L32(r->flags) & SMMUB_RULE_RESERVED;

		if (s < nsets && i == set_end && ++s < nsets)
			set_end += L32(set_at(c, s)->rule_count); /* counts are >= 1 */
		if (s < nsets) {
			if (res)
				FAIL(SMMUB_ERR_BADORDER, RF(i, flags));
			if (owner != s)
				FAIL(SMMUB_ERR_BADORDER, RF(i, owner));
		} else {
			if (!res)
				FAIL(SMMUB_ERR_BADORDER, RF(i, flags));
			if (owner >= cnt(c, SMMUB_SEC_DEVICES))
				FAIL(SMMUB_ERR_BADINDEX, RF(i, owner));
			if (owner < prev)
				FAIL(SMMUB_ERR_BADORDER, RF(i, owner));
			prev = owner;
		}
		TRY(check_rule(c, i, &rc));
	}
	return 0;
}

static int check_producer(struct ck *c)
{
	const struct smmub_producer *p = smmub_producer(c->v);

	if (p && (L32(p->flags) & ~(uint32_t)SMMUB_PROD_SAFETY_VARIANT))
		FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_PRODUCER, smmub_producer, 0, flags));
	if (p && p->reserved)
		FAIL(SMMUB_ERR_BADVALUE, FIELD(SMMUB_SEC_PRODUCER, smmub_producer, 0, reserved));
	return 0;
}

int blob_check_entries(const struct smmub_view *v, uint64_t *bad)
{
	struct ck ck = {v, bad}, *c = &ck;
	uint32_t p = 0;

	TRY(check_strings(c));
	TRY(check_symbols(c));
	TRY(check_settings(c));
	TRY(check_safety(c));
	TRY(check_smmus(c, &p));
	TRY(check_units(c, &p));
	TRY(check_sets(c));
	TRY(check_relocs(c));
	TRY(check_rules(c));
	TRY(blob_check_grants(c));
	return check_producer(c);
}
