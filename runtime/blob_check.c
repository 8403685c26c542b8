/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rules on the contents of the known sections (schemas/README.md,
 * "Validation"). Runs after the header and section table were found sound,
 * so every entry pointer below is inside the blob; what remains to check is
 * every index, string, enum, flag, reserved field, sort order and grouping.
 * Checks run section by section in a fixed order, so the first problem
 * reported for a given blob is always the same one.
 */
#include <stdbool.h>
#include <string.h>
#include "blob_int.h"

struct ck {
	const struct smmub_view *v;
	uint64_t *bad;
};

#define FIELD(t, s, i, f) blob_field_off(c->v, t, i, offsetof(struct s, f))
#define FAIL(err, off)                                                                             \
	do {                                                                                       \
		*c->bad = (off);                                                                   \
		return -(err);                                                                     \
	} while (0)
#define TRY(x)                                                                                     \
	do {                                                                                       \
		int err_ = (x);                                                                    \
		if (err_)                                                                          \
			return err_;                                                               \
	} while (0)

static uint32_t cnt(const struct ck *c, uint32_t t)
{
	return c->v->sec[t].count;
}

/*
 * Entry i of a known section. Unlike the public accessors these do not
 * bound i: every caller here has checked it against the count already, and
 * these checks run on every entry at every boot.
 */
#define ENTRY_AT(fn, type, t)                                                                      \
	static inline const struct type *fn(const struct ck *c, uint32_t i)                        \
	{                                                                                          \
		return (const void *)(c->v->sec[t].data + (size_t)i * c->v->sec[t].stride);        \
	}
ENTRY_AT(sym_at, smmub_symbol, SMMUB_SEC_SYMBOLS)
ENTRY_AT(safety_at, smmub_safety, SMMUB_SEC_SAFETY)
ENTRY_AT(smmu_at, smmub_smmu, SMMUB_SEC_SMMUS)
ENTRY_AT(unit_at, smmub_unit, SMMUB_SEC_UNITS)
ENTRY_AT(set_at, smmub_set, SMMUB_SEC_SETS)
ENTRY_AT(rule_at, smmub_rule, SMMUB_SEC_RULES)
ENTRY_AT(dom_at, smmub_domain, SMMUB_SEC_DOMAINS)
ENTRY_AT(reg_at, smmub_region, SMMUB_SEC_REGIONS)
ENTRY_AT(dev_at, smmub_device, SMMUB_SEC_DEVICES)
ENTRY_AT(reloc_at, smmub_reloc, SMMUB_SEC_RELOCS)

/* A string field: off must start a string; 'need' asks for a non-empty one. */
enum { STR_OPT, STR_NEED };

static inline bool str_ok(const struct ck *c, uint32_t off, int need)
{
	const struct smmub_secinfo *s = &c->v->sec[SMMUB_SEC_STRINGS];

	if (need == STR_OPT && off == 0)
		return true;
	return off < s->size && (!off || !s->data[off - 1]) && s->data[off];
}

/* 'at' (the field's offset) is worked out only on failure */
#define CHECK_STR(off, need, at)                                                                   \
	do {                                                                                       \
		if (!str_ok(c, off, need))                                                         \
			FAIL(SMMUB_ERR_BADSTRING, at);                                             \
	} while (0)

static const char *str(const struct ck *c, uint32_t off)
{
	return (const char *)c->v->sec[SMMUB_SEC_STRINGS].data + off;
}

/* A symbol reference of the given kind (or NONE if none_ok). */
static inline bool sym_ok(const struct ck *c, uint32_t idx, uint32_t kind, bool none_ok)
{
	if (none_ok && idx == SMMUB_NONE)
		return true;
	return idx < cnt(c, SMMUB_SEC_SYMBOLS) && L32(sym_at(c, idx)->kind) == kind;
}

#define CHECK_SYM(idx, kind, none_ok, at)                                                          \
	do {                                                                                       \
		if (!sym_ok(c, idx, kind, none_ok))                                                \
			FAIL(SMMUB_ERR_BADINDEX, at);                                              \
	} while (0)

static bool wraps(uint64_t start, uint64_t length)
{
	return length - 1 > UINT64_MAX - start;
}

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

		if (type < SMMUB_SMMU_VTD || type > SMMUB_SMMU_RCAR3)
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
	/* parameter counts per smmu type: vtd, armsmmuv3, armsmmu, rcar3 */
	static const uint32_t pmin[] = {0, 1, 3, 4, 2}, pmax[] = {0, 1, 3, 4 + 16, 2};
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
		if (n < pmin[type] || n > pmax[type])
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

#define DF(i, f) FIELD(SMMUB_SEC_DEVICES, smmub_device, i, f)

/* Key order (kind, sid, paddr), strictly increasing. */
static int check_dev_order(struct ck *c, uint32_t i)
{
	const struct smmub_device *a = dev_at(c, i - 1), *b = dev_at(c, i);

	if (L32(a->kind) != L32(b->kind)) {
		if (L32(a->kind) > L32(b->kind))
			FAIL(SMMUB_ERR_BADORDER, DF(i, kind));
	} else if (L32(a->sid) != L32(b->sid)) {
		if (L32(a->sid) > L32(b->sid))
			FAIL(SMMUB_ERR_BADORDER, DF(i, sid));
	} else if (L64(a->paddr) >= L64(b->paddr)) {
		FAIL(SMMUB_ERR_BADORDER, DF(i, paddr));
	}
	return 0;
}

/*
 * Whether RULES [first, first + count) holds a LATE rule. LATE rules are
 * exactly those RELOCS points at (checked before), and RELOCS is sorted by
 * rule: a binary search keeps the device checks linear-logarithmic.
 */
static bool range_has_late(const struct ck *c, uint32_t first, uint32_t count)
{
	uint32_t lo = 0, hi = cnt(c, SMMUB_SEC_RELOCS);

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (L32(reloc_at(c, mid)->rule) < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cnt(c, SMMUB_SEC_RELOCS) && L32(reloc_at(c, lo)->rule) - first < count;
}

static bool set_has_late(const struct ck *c, uint32_t set)
{
	return set < cnt(c, SMMUB_SEC_SETS) &&
	       range_has_late(c, L32(set_at(c, set)->rule_first), L32(set_at(c, set)->rule_count));
}

/* How many reserved lines device dev has (check_rules made them sorted). */
static uint32_t dev_nres(const struct ck *c, uint32_t dev)
{
	uint32_t first = 0, n = 0;

	smmub_device_reserved(c->v, dev, &first, &n);
	return n;
}

static bool dev_has_late(const struct ck *c, uint32_t dev)
{
	uint32_t first = 0, nres = 0;

	if (!cnt(c, SMMUB_SEC_RELOCS))
		return false;
	smmub_device_reserved(c->v, dev, &first, &nres);
	return range_has_late(c, first, nres) || set_has_late(c, L32(dev_at(c, dev)->set));
}

/*
 * A device's own fields and its place in the order. *rr walks the reserved
 * lines alongside: check_rules found them grouped by owner, in DEVICES order.
 */
static int check_device(struct ck *c, uint32_t i, uint32_t *rr)
{
	static const uint32_t sid_mask[] = {0, 0xffff, 0xff, 0x7, 0, 0xffff};
	const struct smmub_device *d = dev_at(c, i);
	uint32_t kind = L32(d->kind), sid = L32(d->sid), unit = L32(d->unit);
	uint32_t set = L32(d->set), dom = L32(d->domain), fl = L32(d->flags), nres = 0;
	uint64_t paddr = L64(d->paddr), len = L64(d->length);

	if (kind < SMMUB_DEV_PCI_ANY || kind > SMMUB_DEV_MEM)
		FAIL(SMMUB_ERR_BADVALUE, DF(i, kind));
	if (sid > 0xffff || (sid & sid_mask[kind]))
		FAIL(SMMUB_ERR_BADVALUE, DF(i, sid));
	if (kind == SMMUB_DEV_MEM ? len == 0 || wraps(paddr, len) : paddr != 0)
		FAIL(SMMUB_ERR_BADVALUE, kind == SMMUB_DEV_MEM ? DF(i, length) : DF(i, paddr));
	if (kind != SMMUB_DEV_MEM && len)
		FAIL(SMMUB_ERR_BADVALUE, DF(i, length));
	if (i)
		TRY(check_dev_order(c, i));
	for (; *rr < cnt(c, SMMUB_SEC_RULES) && L32(rule_at(c, *rr)->owner) == i; ++*rr)
		nres++;
	/* a device has a domain exactly when it has grants */
	if (dom == SMMUB_NONE ? set != SMMUB_NONE || nres
			      : dom >= cnt(c, SMMUB_SEC_DOMAINS) || (set == SMMUB_NONE && !nres))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, domain));
	if (unit != SMMUB_NONE && unit >= cnt(c, SMMUB_SEC_UNITS))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, unit));
	if (set != SMMUB_NONE && set >= cnt(c, SMMUB_SEC_SETS))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, set));
	if ((fl & ~(uint32_t)SMMUB_DEVF_USE_PARAM) ||
	    ((fl & SMMUB_DEVF_USE_PARAM) && unit == SMMUB_NONE))
		FAIL(SMMUB_ERR_BADVALUE, DF(i, flags));
	if (!(fl & SMMUB_DEVF_USE_PARAM) && d->use_param)
		FAIL(SMMUB_ERR_BADVALUE, DF(i, use_param));
	CHECK_SYM(L32(d->sym), SMMUB_SYM_DEVICE, false, DF(i, sym));
	/* a use line names a unit, and a unit is assigned only by a use line */
	CHECK_SYM(L32(d->use_sym), SMMUB_SYM_USE, true, DF(i, use_sym));
	if ((L32(d->use_sym) == SMMUB_NONE) != (unit == SMMUB_NONE))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, use_sym));
	return 0;
}

#define OF(i, f) FIELD(SMMUB_SEC_DOMAINS, smmub_domain, i, f)

static int check_domains(struct ck *c)
{
	uint32_t i, g = 0, prev_did = 0, nreg = cnt(c, SMMUB_SEC_REGIONS);

	for (i = 0; i < cnt(c, SMMUB_SEC_DOMAINS); i++) {
		const struct smmub_domain *d = dom_at(c, i);
		uint32_t fl = L32(d->flags), n = L32(d->region_count), df = L32(d->device_first);
		bool late = fl & SMMUB_DOM_LATE;

		if (fl & ~(uint32_t)(SMMUB_DOM_OWNED | SMMUB_DOM_LATE))
			FAIL(SMMUB_ERR_BADVALUE, OF(i, flags));
		if (L32(d->region_first) != g)
			FAIL(SMMUB_ERR_BADORDER, OF(i, region_first));
		if (n > nreg - g)
			FAIL(SMMUB_ERR_BADINDEX, OF(i, region_count));
		/* late grants come from RULES at boot; others are in REGIONS */
		if (late ? n != 0 : n == 0)
			FAIL(SMMUB_ERR_BADVALUE, OF(i, region_count));
		g += n;
		if (L32(d->did) <= prev_did)
			FAIL(SMMUB_ERR_BADORDER, OF(i, did));
		prev_did = L32(d->did);
		if (df >= cnt(c, SMMUB_SEC_DEVICES) || L32(dev_at(c, df)->domain) != i)
			FAIL(SMMUB_ERR_BADINDEX, OF(i, device_first));
		if (!!(fl & SMMUB_DOM_OWNED) != (L32(dev_at(c, df)->set) != SMMUB_NONE) ||
		    late != dev_has_late(c, df))
			FAIL(SMMUB_ERR_BADVALUE, OF(i, flags));
		if (d->reserved)
			FAIL(SMMUB_ERR_BADVALUE, OF(i, reserved));
	}
	if (g != nreg)
		FAIL(SMMUB_ERR_BADORDER, blob_field_off(c->v, SMMUB_SEC_REGIONS, g, 0));
	return 0;
}

#define GF(i, f) FIELD(SMMUB_SEC_REGIONS, smmub_region, i, f)

static int check_regions(struct ck *c)
{
	uint32_t d, i;

	for (d = 0; d < cnt(c, SMMUB_SEC_DOMAINS); d++) {
		const struct smmub_domain *dom = dom_at(c, d);
		uint32_t first = L32(dom->region_first), end = first + L32(dom->region_count);

		for (i = first; i < end; i++) {
			const struct smmub_region *r = reg_at(c, i), *p;
			uint64_t start = L64(r->start), len = L64(r->length), last;
			uint32_t perms = L32(r->perms);

			if (start % SMMUB_PAGE_SIZE)
				FAIL(SMMUB_ERR_BADVALUE, GF(i, start));
			if (len == 0 || len % SMMUB_PAGE_SIZE || wraps(start, len))
				FAIL(SMMUB_ERR_BADVALUE, GF(i, length));
			if (perms < SMMUB_PERM_R || perms > (SMMUB_PERM_R | SMMUB_PERM_W))
				FAIL(SMMUB_ERR_BADVALUE, GF(i, perms));
			if (L32(r->flags) & ~(uint32_t)SMMUB_REG_RESERVED)
				FAIL(SMMUB_ERR_BADVALUE, GF(i, flags));
			if (i == first)
				continue;
			/* after the previous one, and merged with it if equal */
			p = reg_at(c, i - 1);
			last = L64(p->start) + (L64(p->length) - 1);
			if (start <= last || (start - 1 == last && L32(p->perms) == perms))
				FAIL(SMMUB_ERR_BADORDER, GF(i, start));
		}
	}
	return 0;
}

/* What ties devices to their domains, once both are known sound. */
static int check_dev_domains(struct ck *c)
{
	uint32_t i;

	for (i = 0; i < cnt(c, SMMUB_SEC_DEVICES); i++) {
		const struct smmub_device *d = dev_at(c, i), *f;
		const struct smmub_domain *dom;
		uint32_t di = L32(d->domain), df;
		bool late;

		if (di == SMMUB_NONE)
			continue;
		dom = dom_at(c, di);
		df = L32(dom->device_first);
		f = dev_at(c, df);
		late = dev_has_late(c, i);
		if (df > i || (L32(d->set) == SMMUB_NONE) != (L32(f->set) == SMMUB_NONE) ||
		    late != !!(L32(dom->flags) & SMMUB_DOM_LATE))
			FAIL(SMMUB_ERR_BADINDEX, DF(i, domain));
		/* a late domain is shared only by same-set devices without reserved lines */
		if (late && df != i &&
		    (L32(d->set) != L32(f->set) || dev_nres(c, i) || dev_nres(c, df)))
			FAIL(SMMUB_ERR_BADINDEX, DF(i, domain));
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
	uint32_t p = 0, i, rr = blob_set_rules_end(v);

	TRY(check_strings(c));
	TRY(check_symbols(c));
	TRY(check_settings(c));
	TRY(check_safety(c));
	TRY(check_smmus(c, &p));
	TRY(check_units(c, &p));
	TRY(check_sets(c));
	TRY(check_relocs(c));
	TRY(check_rules(c));
	for (i = 0; i < cnt(c, SMMUB_SEC_DEVICES); i++)
		TRY(check_device(c, i, &rr));
	TRY(check_domains(c));
	TRY(check_regions(c));
	TRY(check_dev_domains(c));
	return check_producer(c);
}
