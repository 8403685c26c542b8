/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One function per statement, called by the grammar's actions: take the
 * statement's words apart (argument lists, device specs, numbers) and append
 * it to cfg->stmts. What needs context (the current smmu's type, the asinfo
 * map, set variables) is left to sema.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "front/number.h"
#include "front/parse.h"

/* Splits w at sep; items keep exact positions even in joined words. */
static size_t word_split(const struct word *w, char sep, struct span *items, size_t max)
{
	struct span all = {w->text, w->len, w->pos};
	size_t n = span_split(&all, sep, items, max), i;

	for (i = 0; i < n && i < max; i++)
		items[i].pos = word_pos_at(w, (size_t)(items[i].s - w->text));
	return n;
}

static char *dup_checked(struct pstate *ps, const struct word *w)
{
	char *s = config_strndup(ps->cfg, w->text, w->len);

	if (!s) {
		diag_fatal(ps->d, "out of memory");
		ps->aborted = true;
	}
	return s;
}

/*
 * A set or unit name: the copy of an earlier line when it was one of the
 * last few (config strings are never written to nor freed alone), so that
 * 'allow a ...', 'allow a ...', 'device ... a', 'use vtd1' hold it once.
 */
static char *dup_name(struct pstate *ps, const struct word *w)
{
	unsigned i, n = sizeof(ps->names) / sizeof(ps->names[0]);
	char *s;

	for (i = 0; i < n; i++)
		if (ps->names[i].s && ps->names[i].len == w->len &&
		    memcmp(ps->names[i].s, w->text, w->len) == 0)
			return (char *)ps->names[i].s;
	s = dup_checked(ps, w);
	if (s) {
		ps->names[ps->next_name].s = s;
		ps->names[ps->next_name].len = w->len;
		ps->next_name = (ps->next_name + 1) % n;
	}
	return s;
}

static void check_word_name(struct pstate *ps, const struct word *w, const char *what)
{
	if (!name_valid(w->text, w->len))
		ps_syntax(ps, &w->pos,
			  "invalid %s name '%.*s' (names match [A-Za-z_][A-Za-z0-9_.-]*)", what,
			  (int)w->len, w->text);
}

static void bad_num(struct num *n, const struct srcpos *pos)
{
	memset(n, 0, sizeof(*n));
	n->pos = *pos;
	n->bad = true;
}

/* START,LEN of allow and reserved; returns the number of items. */
static size_t range_items(struct pstate *ps, const struct word *args, const char *stmt,
			  const char *form, size_t max, struct num *start, struct num *len,
			  struct span *items)
{
	size_t n = word_split(args, ',', items, max + 1);

	if (n < 2) {
		ps_syntax(ps, &args->pos, "%s needs %s, not '%.*s'", stmt, form, (int)args->len,
			  args->text);
		bad_num(start, &args->pos);
		bad_num(len, &args->pos);
		return n;
	}
	if (n > max)
		ps_syntax(ps, &items[max].pos, "too many items in '%.*s' (%s takes %s)",
			  (int)args->len, args->text, stmt, form);
	span_num(ps->d, &items[0], ROLE_ADDRESS, "start address", start);
	span_num(ps->d, &items[1], ROLE_LENGTH, "length", len);
	return n;
}

void ps_allow(struct pstate *ps, const struct srcpos *kw, const struct word *name,
	      const struct word *args)
{
	struct stmt *s;
	struct span items[4];
	size_t n, i;

	if (is_keyword(name->text, name->len)) {
		diag_report(ps->d, CHK_ALLOW_NAME_KEYWORD, &name->pos,
			    "allow set name '%.*s' is a keyword", (int)name->len, name->text);
		return;
	}
	s = ps_new_stmt(ps, STMT_ALLOW, kw);
	if (!s)
		return;
	s->u.allow->name = dup_name(ps, name);
	s->u.allow->name_pos = name->pos;
	s->u.allow->perms = PERM_S | PERM_T;
	check_word_name(ps, name, "allow set");
	n = range_items(ps, args, "allow", "START,LEN[,PERMS]", 3, &s->u.allow->start,
			&s->u.allow->len, items);
	if (n < 3)
		return;
	s->u.allow->perms_given = true;
	s->u.allow->perms_pos = items[2].pos;
	if (items[2].len == 0) {
		diag_report(ps->d, CHK_BAD_PERMISSIONS, &items[2].pos,
			    "empty permissions (use s: read, t: write, or st)");
		return;
	}
	/* A repeated letter is harmless ("sst" is "st") and accepted silently. */
	s->u.allow->perms = 0;
	for (i = 0; i < items[2].len; i++) {
		char c = items[2].s[i];
		struct srcpos at = items[2].pos;

		if (c == 's') {
			s->u.allow->perms |= PERM_S;
		} else if (c == 't') {
			s->u.allow->perms |= PERM_T;
		} else {
			at.col += (unsigned)i;
			diag_report(ps->d, CHK_BAD_PERMISSIONS, &at,
				    "bad permission '%c' in '%.*s' (only s: read, t: write)", c,
				    (int)items[2].len, items[2].s);
		}
	}
	if (!s->u.allow->perms)
		s->u.allow->perms = PERM_S | PERM_T;
}

void ps_debug(struct pstate *ps, const struct srcpos *kw, const struct word *level)
{
	struct stmt *s = ps_new_stmt(ps, STMT_DEBUG, kw);
	struct span sp = word_span(level, 0, level->len);

	if (s)
		span_num(ps->d, &sp, ROLE_OTHER, "debug level", &s->u.debug->level);
}

/* A decimal-unless-prefixed PCI number within 0..max, as a spec part. */
static bool pci_part(struct pstate *ps, const struct span *sp, const struct word *spec,
		     const char *what, unsigned max, uint8_t *out)
{
	uint64_t v;
	int rc = num_parse(sp->s, sp->len, ROLE_OTHER, &v, NULL);

	if (rc < 0) {
		diag_report(ps->d, CHK_BAD_DEVICE_SPEC, &sp->pos,
			    "bad %s '%.*s' in device spec '%.*s' (%s)", what, (int)sp->len,
			    sp->s, (int)spec->len, spec->text, num_strerror(rc));
		return false;
	}
	if (v > max) {
		diag_report(ps->d, CHK_BAD_DEVICE_SPEC, &sp->pos,
			    "%s %" PRIu64 " out of range 0-%u", what, v, max);
		return false;
	}
	*out = (uint8_t)v;
	return true;
}

static bool parse_pci(struct pstate *ps, const struct word *w, struct devspec *ds)
{
	struct span rest = word_span(w, 4, w->len - 4), bd[3], df[3];
	size_t n;

	if (span_eq(&rest, "*")) {
		ds->kind = SPEC_PCI_ANY;
		return true;
	}
	n = span_split(&rest, ':', bd, 3);
	if (n != 2)
		goto malformed;
	if (!pci_part(ps, &bd[0], w, "bus number", 255, &ds->bus))
		return false;
	if (span_eq(&bd[1], "*")) {
		ds->kind = SPEC_PCI_BUS;
		return true;
	}
	if (span_split(&bd[1], '.', df, 3) != 2)
		goto malformed;
	if (!pci_part(ps, &df[0], w, "device number", 31, &ds->dev))
		return false;
	if (span_eq(&df[1], "*")) {
		ds->kind = SPEC_PCI_DEV;
		return true;
	}
	if (!pci_part(ps, &df[1], w, "function number", 7, &ds->fn))
		return false;
	ds->kind = SPEC_PCI_FUNC;
	return true;
malformed:
	diag_report(ps->d, CHK_BAD_DEVICE_SPEC, &w->pos,
		    "malformed PCI device spec '%.*s' (expected pci:*, pci:B:*, pci:B:D.* or "
		    "pci:B:D.F)",
		    (int)w->len, w->text);
	return false;
}

static bool parse_mem(struct pstate *ps, const struct word *w, struct devspec *ds)
{
	size_t skip = w->len >= 4 && memcmp(w->text, "mem:", 4) == 0 ? 4 : 0;
	struct span rest = word_span(w, skip, w->len - skip), parts[3];
	const char *colon = memchr(w->text, ':', w->len);
	size_t n;

	ds->kind = SPEC_MEM;
	if ((colon && !skip) || rest.len == 0 ||
	    !(rest.s[0] == '$' || (rest.s[0] >= '0' && rest.s[0] <= '9') ||
	      (rest.s[0] >= 'a' && rest.s[0] <= 'f') || (rest.s[0] >= 'A' && rest.s[0] <= 'F'))) {
		diag_report(ps->d, CHK_BAD_DEVICE_SPEC, &w->pos,
			    "malformed device spec '%.*s' (expected pci:*, pci:B:*, pci:B:D.*, "
			    "pci:B:D.F or [mem:]PADDR[/LEN])",
			    (int)w->len, w->text);
		return false;
	}
	n = span_split(&rest, '/', parts, 3);
	if (n > 2) {
		diag_report(ps->d, CHK_BAD_DEVICE_SPEC, &parts[2].pos,
			    "malformed device spec '%.*s' (one '/' at most: [mem:]PADDR[/LEN])",
			    (int)w->len, w->text);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		parts[i].pos = word_pos_at(w, (size_t)(parts[i].s - w->text));
	if (!span_num(ps->d, &parts[0], ROLE_ADDRESS, "device address", &ds->paddr))
		return false;
	if (n == 2)
		return span_num(ps->d, &parts[1], ROLE_LENGTH, "device length", &ds->len);
	ds->len.value = 4096;
	ds->len.resolved = true;
	ds->len.pos = w->pos;
	return true;
}

void ps_device(struct pstate *ps, const struct srcpos *kw, const struct word *spec,
	       const struct word *name)
{
	struct stmt *s = ps_new_stmt(ps, STMT_DEVICE, kw);
	struct devspec *ds;
	bool ok;

	if (!s)
		return;
	ds = &s->u.device->spec;
	ds->text = dup_checked(ps, spec);
	ds->pos = spec->pos;
	if (spec->len >= 4 && memcmp(spec->text, "pci:", 4) == 0)
		ok = parse_pci(ps, spec, ds);
	else
		ok = parse_mem(ps, spec, ds);
	if (!ok) {
		/* Kept, so later reserved/use lines have their device: see sema.c. */
		memset(ds, 0, offsetof(struct devspec, text));
		ds->kind = SPEC_MEM;
		ds->paddr.bad = true;
		ds->paddr.pos = spec->pos;
		ds->len.bad = true;
		ds->len.pos = spec->pos;
	}
	if (name) {
		s->u.device->allow = dup_name(ps, name);
		s->u.device->allow_pos = name->pos;
		check_word_name(ps, name, "allow set");
	}
}

void ps_simple(struct pstate *ps, enum stmt_kind kind, const struct srcpos *kw)
{
	ps_new_stmt(ps, kind, kw);
}

void ps_reserved(struct pstate *ps, const struct srcpos *kw, const struct word *args)
{
	struct stmt *s = ps_new_stmt(ps, STMT_RESERVED, kw);
	struct span items[3];

	if (s)
		range_items(ps, args, "reserved", "START,LEN (always read and write)", 2,
			    &s->u.reserved->start, &s->u.reserved->len, items);
}

void ps_safety(struct pstate *ps, const struct srcpos *kw, const struct word *level,
	       const struct word *comp)
{
	static const char *const names[] = {"none", "warn", "required"};
	struct span sp = word_span(level, 0, level->len);
	struct stmt *s;
	int i;

	for (i = 0; i < 3; i++)
		if (span_eq(&sp, names[i]))
			break;
	if (i == 3) {
		diag_report(ps->d, CHK_BAD_SAFETY, &level->pos,
			    "unknown safety level '%.*s' (expected none, warn or required)",
			    (int)level->len, level->text);
		return;
	}
	s = ps_new_stmt(ps, STMT_SAFETY, kw);
	if (!s)
		return;
	s->u.safety->level = (enum safety_level)i;
	if (comp) {
		s->u.safety->component = dup_checked(ps, comp);
		s->u.safety->comp_pos = comp->pos;
	}
}

void ps_set(struct pstate *ps, const struct srcpos *kw, const struct word *var,
	    const struct word *val)
{
	struct stmt *s = ps_new_stmt(ps, STMT_SET, kw);

	if (!s)
		return;
	s->u.set->var = dup_checked(ps, var);
	s->u.set->var_pos = var->pos;
	s->u.set->val = dup_checked(ps, val);
	s->u.set->val_pos = val->pos;
}

void ps_smmu(struct pstate *ps, const struct srcpos *kw, const struct word *type,
	     const struct word *param)
{
	struct stmt *s = ps_new_stmt(ps, STMT_SMMU, kw);

	if (!s)
		return;
	s->u.smmu->type = dup_checked(ps, type);
	s->u.smmu->type_pos = type->pos;
	s->u.smmu->t = s->u.smmu->type ? smmu_type_of(s->u.smmu->type) : SMMU_UNKNOWN;
	if (s->u.smmu->t == SMMU_UNKNOWN)
		diag_report(ps->d, CHK_UNKNOWN_SMMU_TYPE, &type->pos,
			    "unknown smmu type '%.*s' (expected " SMMUB_NAME_VTD
			    ", " SMMUB_NAME_ARMSMMUV3 ", " SMMUB_NAME_ARMSMMU
			    " or " SMMUB_NAME_RCAR3 ")",
			    (int)type->len, type->text);
	if (param) {
		s->u.smmu->param = dup_checked(ps, param);
		s->u.smmu->param_pos = param->pos;
	}
}

void ps_unit(struct pstate *ps, const struct srcpos *kw, const struct word *name,
	     const struct word *param)
{
	struct stmt *s = ps_new_stmt(ps, STMT_UNIT, kw);

	if (!s)
		return;
	s->u.unit->name = dup_checked(ps, name);
	s->u.unit->name_pos = name->pos;
	check_word_name(ps, name, "unit");
	if (param) {
		s->u.unit->param = dup_checked(ps, param);
		s->u.unit->param_pos = param->pos;
	}
}

void ps_use(struct pstate *ps, const struct srcpos *kw, const struct word *unit,
	    const struct word *param)
{
	struct stmt *s = ps_new_stmt(ps, STMT_USE, kw);

	if (!s)
		return;
	s->u.use->unit = dup_name(ps, unit);
	s->u.use->unit_pos = unit->pos;
	if (param) {
		s->u.use->param = dup_checked(ps, param);
		s->u.use->param_pos = param->pos;
	}
}

void ps_user(struct pstate *ps, const struct srcpos *kw, const struct word *spec)
{
	struct stmt *s = ps_new_stmt(ps, STMT_USER, kw);

	if (!s)
		return;
	s->u.user->spec = dup_checked(ps, spec);
	s->u.user->spec_pos = spec->pos;
}

void ps_unknown(struct pstate *ps, const struct word *w)
{
	diag_report(ps->d, CHK_UNKNOWN_STATEMENT, &w->pos, "unknown statement '%.*s'",
		    (int)w->len, w->text);
}
