/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * JSON writer for the resolved policy. A tiny emitter keeps commas and
 * indentation right; the policy walk below decides keys and order.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include "iommu/streams.h"
#include "out/json_out.h"
#include "out/output.h"

#define MAXDEPTH 16

struct js {
	FILE *out;
	int depth;
	bool first[MAXDEPTH];
	const struct smmub_view *v;
};

static void indent(struct js *j)
{
	int i;

	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Before a value: the comma and newline of a list element or the key. */
static void item(struct js *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->out);
		j->first[j->depth] = false;
		indent(j);
	}
	if (key)
		fprintf(j->out, "\"%s\": ", key);
}

static void jopen(struct js *j, const char *key, char c)
{
	item(j, key);
	fputc(c, j->out);
	j->depth++;
	j->first[j->depth] = true;
}

static void jclose(struct js *j, char c)
{
	bool empty = j->first[j->depth];

	j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->out);
}

static void jstr(struct js *j, const char *key, const char *s)
{
	item(j, key);
	if (!s) {
		fputs("null", j->out);
		return;
	}
	fputc('"', j->out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(j->out, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(j->out, "\\u%04x", ch);
		else
			fputc(ch, j->out);
	}
	fputc('"', j->out);
}

static void jnum(struct js *j, const char *key, uint64_t n)
{
	item(j, key);
	fprintf(j->out, "%" PRIu64, n);
}

static void jhex(struct js *j, const char *key, uint64_t n)
{
	item(j, key);
	fprintf(j->out, "\"0x%" PRIx64 "\"", n);
}

static void jbool(struct js *j, const char *key, bool b)
{
	item(j, key);
	fputs(b ? "true" : "false", j->out);
}

static void jnull(struct js *j, const char *key)
{
	item(j, key);
	fputs("null", j->out);
}

static const char *S(const struct js *j, uint32_t le_off)
{
	const char *s = smmub_str(j->v, L32(le_off));

	return s ? s : "";
}

static void location(struct js *j, uint32_t le_sym)
{
	const struct smmub_symbol *y = smmub_sym(j->v, L32(le_sym));

	if (!y) {
		jnull(j, "location");
		return;
	}
	jopen(j, "location", '{');
	jstr(j, "file", S(j, y->file));
	jnum(j, "line", L32(y->line));
	jnum(j, "column", L32(y->col));
	jclose(j, '}');
}

static const char *const levels[] = {"none", "warn", "required"};
static const char *const perms[] = {"", "r", "w", "rw"};

static void params(struct js *j, uint32_t first, uint32_t count)
{
	uint32_t i;
	uint64_t p = 0;

	jopen(j, "params", '[');
	for (i = 0; i < count; i++) {
		smmub_param(j->v, first + i, &p);
		jhex(j, NULL, p);
	}
	jclose(j, ']');
}

static void settings(struct js *j)
{
	const struct smmub_settings *s = smmub_settings(j->v);
	uint32_t fl = L32(s->flags), i;

	jopen(j, "settings", '{');
	jnum(j, "debug", L32(s->debug));
	jbool(j, "foreground", fl & SMMUB_SET_FOREGROUND);
	jstr(j, "safety", fl & SMMUB_SET_SAFETY_GIVEN ? levels[L32(s->safety)] : NULL);
	jopen(j, "safety_components", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_SAFETY); i++) {
		jopen(j, NULL, '{');
		jstr(j, "component", S(j, smmub_safety(j->v, i)->component));
		jstr(j, "level", levels[L32(smmub_safety(j->v, i)->level)]);
		jclose(j, '}');
	}
	jclose(j, ']');
	if (fl & SMMUB_SET_GROW_HEAP)
		jhex(j, "grow_heap", L64(s->grow_heap));
	else
		jnull(j, "grow_heap");
	jnum(j, "message_block_timeout", L32(s->message_block_timeout));
	jbool(j, "slogger2_required", fl & SMMUB_SET_SLOGGER2_REQUIRED);
	if (!(fl & SMMUB_SET_USER)) {
		jnull(j, "user");
	} else {
		jopen(j, "user", '{');
		jstr(j, "name", fl & SMMUB_SET_USER_UID ? NULL : S(j, s->user_name));
		if (fl & SMMUB_SET_USER_UID)
			jnum(j, "uid", L32(s->uid));
		else
			jnull(j, "uid");
		if (fl & SMMUB_SET_USER_GID)
			jnum(j, "gid", L32(s->gid));
		else
			jnull(j, "gid");
		jopen(j, "groups", '[');
		for (i = 0; i < L32(s->ngroups) && i < SMMUB_MAX_GROUPS; i++)
			jnum(j, NULL, L32(s->groups[i]));
		jclose(j, ']');
		jclose(j, '}');
	}
	jclose(j, '}');
}

static void smmus_units(struct js *j)
{
	uint32_t i;

	jopen(j, "smmus", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_SMMUS); i++) {
		const struct smmub_smmu *s = smmub_smmu(j->v, i);
		uint32_t fl = L32(s->flags);

		jopen(j, NULL, '{');
		jstr(j, "type", smmub_smmu_type_name(L32(s->type)));
		jopen(j, "flags", '[');
		if (fl & SMMUB_SMMU_VTD_REQUIRE)
			jstr(j, NULL, "require");
		if (fl & SMMUB_SMMU_VTD_IGNORE)
			jstr(j, NULL, "ignore");
		if (fl & SMMUB_SMMU_RCAR3_MM_FAULT_BIT)
			jstr(j, NULL, "mm-fault-bit");
		jclose(j, ']');
		params(j, L32(s->param_first), L32(s->param_count));
		location(j, s->sym);
		jclose(j, '}');
	}
	jclose(j, ']');
	jopen(j, "units", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_UNITS); i++) {
		const struct smmub_unit *u = smmub_unit(j->v, i);

		jopen(j, NULL, '{');
		jstr(j, "name", S(j, u->name));
		jstr(j, "type", smmub_smmu_type_name(L32(smmub_smmu(j->v, L32(u->smmu))->type)));
		jnum(j, "smmu", L32(u->smmu));
		params(j, L32(u->param_first), L32(u->param_count));
		jstr(j, "cfglib", u->cfglib ? S(j, u->cfglib) : NULL);
		location(j, u->sym);
		jclose(j, '}');
	}
	jclose(j, ']');
}

/* "0x..." or "$asinfo_start{NAME}" for a late field. */
static void rule_value(struct js *j, const char *key, uint32_t rule, uint32_t field, uint64_t x)
{
	uint32_t first = 0, count = 0, i;
	char buf[300];

	smmub_rule_relocs(j->v, rule, &first, &count);
	for (i = first; i < first + count; i++) {
		const struct smmub_reloc *r = smmub_reloc(j->v, i);

		if (L32(r->field) == field) {
			snprintf(buf, sizeof(buf), "$asinfo_%s{%s}",
				 field == SMMUB_RELOC_START ? "start" : "length", S(j, r->name));
			jstr(j, key, buf);
			return;
		}
	}
	jhex(j, key, x);
}

static void rule(struct js *j, uint32_t i, bool with_device)
{
	const struct smmub_rule *r = smmub_rule(j->v, i);

	jopen(j, NULL, '{');
	if (with_device) {
		const struct smmub_device *d = smmub_device(j->v, L32(r->owner));

		jstr(j, "device", S(j, smmub_sym(j->v, L32(d->sym))->name));
	}
	rule_value(j, "start", i, SMMUB_RELOC_START, L64(r->start));
	rule_value(j, "length", i, SMMUB_RELOC_LENGTH, L64(r->length));
	jstr(j, "perms", perms[L32(r->perms) & 3]);
	jbool(j, "perms_given", L32(r->flags) & SMMUB_RULE_PERMS_GIVEN);
	jbool(j, "late", L32(r->flags) & SMMUB_RULE_LATE);
	location(j, r->sym);
	jclose(j, '}');
}

static void sets(struct js *j)
{
	uint32_t i, k;

	jopen(j, "sets", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_SETS); i++) {
		const struct smmub_set *s = smmub_set(j->v, i);

		jopen(j, NULL, '{');
		jstr(j, "name", S(j, s->name));
		location(j, s->sym);
		jopen(j, "rules", '[');
		for (k = 0; k < L32(s->rule_count); k++)
			rule(j, L32(s->rule_first) + k, false);
		jclose(j, ']');
		jclose(j, '}');
	}
	jclose(j, ']');
}

static void domains(struct js *j)
{
	uint32_t i, k;

	jopen(j, "domains", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_DOMAINS); i++) {
		const struct smmub_domain *d = smmub_domain(j->v, i);

		jopen(j, NULL, '{');
		jnum(j, "id", L32(d->did));
		jbool(j, "owned", L32(d->flags) & SMMUB_DOM_OWNED);
		jbool(j, "late", L32(d->flags) & SMMUB_DOM_LATE);
		jopen(j, "extents", '[');
		for (k = 0; k < L32(d->region_count); k++) {
			const struct smmub_region *r = smmub_region(j->v, L32(d->region_first) + k);

			jopen(j, NULL, '{');
			jhex(j, "start", L64(r->start));
			jhex(j, "length", L64(r->length));
			jhex(j, "end", L64(r->start) + (L64(r->length) - 1));
			jstr(j, "perms", perms[L32(r->perms) & 3]);
			jbool(j, "reserved", L32(r->flags) & SMMUB_REG_RESERVED);
			jclose(j, '}');
		}
		jclose(j, ']');
		jopen(j, "devices", '[');
		for (k = 0; k < smmub_count(j->v, SMMUB_SEC_DEVICES); k++) {
			const struct smmub_device *e = smmub_device(j->v, k);

			if (L32(e->domain) == i)
				jstr(j, NULL, S(j, smmub_sym(j->v, L32(e->sym))->name));
		}
		jclose(j, ']');
		jclose(j, '}');
	}
	jclose(j, ']');
}

/* Does the policy's unit tell devices apart by StreamID (an SMMU)? */
static bool by_stream(const struct smmub_view *v)
{
	for (uint32_t i = 0; i < smmub_count(v, SMMUB_SEC_SMMUS); i++) {
		uint32_t t = L32(smmub_smmu(v, i)->type);

		if (t == SMMUB_SMMU_ARMSMMUV3 || t == SMMUB_SMMU_ARMSMMU)
			return true;
	}
	return false;
}

static void device(struct js *j, uint32_t i)
{
	static const char *const kinds[] = {"", "pci-any", "pci-bus", "pci-dev", "pci-func", "mem"};
	const struct smmub_device *d = smmub_device(j->v, i);
	uint32_t kind = L32(d->kind), sid = L32(d->sid);

	jopen(j, NULL, '{');
	jstr(j, "spec", S(j, smmub_sym(j->v, L32(d->sym))->name));
	jstr(j, "kind", kinds[kind]);
	if (kind == SMMUB_DEV_MEM) {
		jhex(j, "paddr", L64(d->paddr));
		jhex(j, "length", L64(d->length));
	}
	if (kind >= SMMUB_DEV_PCI_BUS && kind <= SMMUB_DEV_PCI_FUNC)
		jnum(j, "bus", sid >> 8);
	if (kind >= SMMUB_DEV_PCI_DEV && kind <= SMMUB_DEV_PCI_FUNC)
		jnum(j, "dev", (sid >> 3) & 31);
	if (kind == SMMUB_DEV_PCI_FUNC)
		jnum(j, "fn", sid & 7);
	if (L32(d->domain) == SMMUB_NONE)
		jnull(j, "domain");
	else
		jnum(j, "domain", L32(d->domain));
	jstr(j, "unit",
	     L32(d->unit) == SMMUB_NONE ? NULL : S(j, smmub_unit(j->v, L32(d->unit))->name));
	if (L32(d->flags) & SMMUB_DEVF_USE_PARAM)
		jnum(j, "use_param", L64(d->use_param));
	else
		jnull(j, "use_param");
	if (by_stream(j->v)) {
		uint32_t st;

		/* the StreamID of the spec's first function (iommu/streams.h) */
		if (iommu_entry_stream(j->v, i, sid, true, &st))
			jnull(j, "stream_id");
		else
			jnum(j, "stream_id", st);
	}
	jstr(j, "set", L32(d->set) == SMMUB_NONE ? NULL : S(j, smmub_set(j->v, L32(d->set))->name));
	location(j, d->sym);
	jclose(j, '}');
}

static void rest(struct js *j)
{
	uint32_t i, first = smmub_reserved_first(j->v);

	jopen(j, "devices", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_DEVICES); i++)
		device(j, i);
	jclose(j, ']');
	jopen(j, "reserved", '[');
	for (i = first; i < smmub_count(j->v, SMMUB_SEC_RULES); i++)
		rule(j, i, true);
	jclose(j, ']');
	jopen(j, "relocations", '[');
	for (i = 0; i < smmub_count(j->v, SMMUB_SEC_RELOCS); i++) {
		const struct smmub_reloc *r = smmub_reloc(j->v, i);
		const struct smmub_rule *u = smmub_rule(j->v, L32(r->rule));

		jopen(j, NULL, '{');
		jnum(j, "rule", L32(r->rule));
		jstr(j, "field", L32(r->field) == SMMUB_RELOC_START ? "start" : "length");
		jstr(j, "name", S(j, r->name));
		location(j, u->sym);
		jclose(j, '}');
	}
	jclose(j, ']');
}

int json_write(const struct smmub_view *v, FILE *out)
{
	struct js j = {.out = out, .v = v};

	jopen(&j, NULL, '{');
	jnum(&j, "version", v->version);
	jopen(&j, "flags", '[');
	if (v->flags & SMMUB_F_GUEST)
		jstr(&j, NULL, "guest");
	if (v->flags & SMMUB_F_LATE_BOUND)
		jstr(&j, NULL, "late-bound");
	jclose(&j, ']');
	settings(&j);
	smmus_units(&j);
	sets(&j);
	domains(&j);
	rest(&j);
	jclose(&j, '}');
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

char *json_string(const struct smmub_view *v, size_t *len)
{
	return output_string(json_write, v, len);
}
