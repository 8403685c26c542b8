/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The decompiler. Order of the output: settings (no positions), smmu and
 * unit lines in source order, every set's allow lines (SETS order, source
 * order within a set), then each device with its reserved and use lines.
 * That order keeps every "current smmu" / "current device" context and
 * makes each set's first allow line come first, so the compiler derives
 * the same positions; the #line markers restore the positions themselves.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "out/decompile.h"
#include "out/output.h"

static const char *const levels[] = {"none", "warn", "required"};

static const char *str(const struct smmub_view *v, uint32_t le_off)
{
	const char *s = smmub_str(v, L32(le_off));

	return s ? s : "";
}

static uint64_t param(const struct smmub_view *v, uint32_t i)
{
	uint64_t p = 0;

	smmub_param(v, i, &p);
	return p;
}

/*
 * A file name as a C string literal: a source file may be named anything,
 * and a raw newline in it would start a statement of its own. Octal
 * escapes take three digits, so a digit after one stays a digit.
 */
static void quoted(const char *s, FILE *out)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == '"')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* The #line marker and indentation of symbol sym (le), if any. */
static void at(const struct smmub_view *v, uint32_t le_sym, FILE *out)
{
	const struct smmub_symbol *y = smmub_sym(v, L32(le_sym));
	uint32_t col;

	if (!y)
		return;
	fprintf(out, "#line %" PRIu32 " ", L32(y->line));
	quoted(str(v, y->file), out);
	fputc('\n', out);
	for (col = L32(y->col); col > 1; col--)
		fputc(' ', out);
}

static void settings(const struct smmub_view *v, FILE *out)
{
	const struct smmub_settings *s = smmub_settings(v);
	uint32_t fl = L32(s->flags), i, ng = L32(s->ngroups);

	if (L32(s->debug))
		fprintf(out, "debug %" PRIu32 "\n", L32(s->debug));
	if (fl & SMMUB_SET_FOREGROUND)
		fputs("foreground\n", out);
	if (fl & SMMUB_SET_SAFETY_GIVEN)
		fprintf(out, "safety %s\n", levels[L32(s->safety)]);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SAFETY); i++) {
		const struct smmub_safety *c = smmub_safety(v, i);

		fprintf(out, "safety %s %s\n", levels[L32(c->level)], str(v, c->component));
	}
	if (fl & SMMUB_SET_GROW_HEAP)
		fprintf(out, "set grow-heap 0x%" PRIx64 "\n", L64(s->grow_heap));
	if (fl & SMMUB_SET_MBT)
		fprintf(out, "set message-block-timeout %" PRIu32 "\n",
			L32(s->message_block_timeout));
	if (!(fl & SMMUB_SET_SLOGGER2_REQUIRED))
		fputs("set slogger2-required off\n", out);
	if (fl & SMMUB_SET_USER) {
		if (fl & SMMUB_SET_USER_UID)
			fprintf(out, "user %" PRIu32, L32(s->uid));
		else
			fprintf(out, "user %s", str(v, s->user_name));
		if (fl & SMMUB_SET_USER_GID)
			fprintf(out, ":%" PRIu32, L32(s->gid));
		for (i = 0; i < ng && i < SMMUB_MAX_GROUPS; i++)
			fprintf(out, ",%" PRIu32, L32(s->groups[i]));
		fputc('\n', out);
	}
}

static void smmu_line(const struct smmub_view *v, const struct smmub_smmu *s, FILE *out)
{
	uint32_t type = L32(s->type), fl = L32(s->flags), p = L32(s->param_first), i = 2;

	at(v, s->sym, out);
	fprintf(out, "smmu %s", smmub_smmu_type_name(type));
	if (fl & SMMUB_SMMU_VTD_REQUIRE)
		fputs(" require", out);
	if (fl & SMMUB_SMMU_VTD_IGNORE)
		fputs(" ignore", out);
	if (type == SMMUB_SMMU_RCAR3) {
		fprintf(out, " 0x%" PRIx64 ",%" PRIu64, param(v, p), param(v, p + 1));
		if (fl & SMMUB_SMMU_RCAR3_MM_FAULT_BIT)
			fprintf(out, ",%" PRIu64, param(v, p + i++));
		for (; i < L32(s->param_count); i++) {
			uint64_t soc = param(v, p + i);

			fprintf(out, ",0x%" PRIx64 ".0x%" PRIx64, soc >> 32, soc & 0xffffffffu);
		}
	}
	fputc('\n', out);
}

static void unit_line(const struct smmub_view *v, const struct smmub_unit *u, FILE *out)
{
	uint32_t type = L32(smmub_smmu(v, L32(u->smmu))->type), p = L32(u->param_first);
	uint32_t n = L32(u->param_count), i;

	at(v, u->sym, out);
	fprintf(out, "unit %s 0x%" PRIx64, str(v, u->name), param(v, p));
	switch (type) {
	case SMMUB_SMMU_ARMSMMUV3:
		/* UINT64_MAX: not given; GERROR only after EVTQ */
		for (i = 1; i < n && param(v, p + i) != UINT64_MAX; i++)
			fprintf(out, ",%" PRIu64, param(v, p + i));
		break;
	case SMMUB_SMMU_ARMSMMU:
		for (i = 1; i < 4; i++)
			fprintf(out, ",%" PRIu64, param(v, p + i));
		for (i = 4; i < n; i++)
			fprintf(out, "%c%" PRIu64, i == 4 ? ',' : ':', param(v, p + i));
		if (u->cfglib)
			fprintf(out, ",%s", str(v, u->cfglib));
		break;
	case SMMUB_SMMU_RCAR3:
		fprintf(out, ",%" PRIu64, param(v, p + 1));
		break;
	default:
		break;
	}
	fputc('\n', out);
}

static void value(const struct smmub_view *v, uint32_t rule, uint32_t field, uint64_t x, FILE *out)
{
	uint32_t first, count, i;

	smmub_rule_relocs(v, rule, &first, &count);
	for (i = first; i < first + count; i++) {
		const struct smmub_reloc *r = smmub_reloc(v, i);

		if (L32(r->field) == field) {
			fprintf(out, "$asinfo_%s{%s}",
				field == SMMUB_RELOC_START ? "start" : "length", str(v, r->name));
			return;
		}
	}
	fprintf(out, "0x%" PRIx64, x);
}

static void rule_line(const struct smmub_view *v, uint32_t i, FILE *out)
{
	static const char *const perms[] = {"", "s", "t", "st"};
	const struct smmub_rule *r = smmub_rule(v, i);
	uint32_t fl = L32(r->flags);

	at(v, r->sym, out);
	if (fl & SMMUB_RULE_RESERVED)
		fputs("reserved ", out);
	else
		fprintf(out, "allow %s ", str(v, smmub_set(v, L32(r->owner))->name));
	value(v, i, SMMUB_RELOC_START, L64(r->start), out);
	fputc(',', out);
	value(v, i, SMMUB_RELOC_LENGTH, L64(r->length), out);
	if (fl & SMMUB_RULE_PERMS_GIVEN)
		fprintf(out, ",%s", perms[L32(r->perms) & 3]);
	fputc('\n', out);
}

static void device_block(const struct smmub_view *v, uint32_t i, FILE *out)
{
	const struct smmub_device *d = smmub_device(v, i);
	const struct smmub_symbol *y = smmub_sym(v, L32(d->sym));
	uint32_t first = 0, count = 0, k;

	at(v, d->sym, out);
	fprintf(out, "device %s", y ? str(v, y->name) : "");
	if (L32(d->set) != SMMUB_NONE)
		fprintf(out, " %s", str(v, smmub_set(v, L32(d->set))->name));
	fputc('\n', out);
	smmub_device_reserved(v, i, &first, &count);
	for (k = first; k < first + count; k++)
		rule_line(v, k, out);
	if (L32(d->unit) != SMMUB_NONE) {
		at(v, d->use_sym, out);
		fprintf(out, "use %s", str(v, smmub_unit(v, L32(d->unit))->name));
		if (L32(d->flags) & SMMUB_DEVF_USE_PARAM)
			fprintf(out, " %" PRIu64, L64(d->use_param));
		fputc('\n', out);
	}
}

/*
 * Names are words of smmu(5), which has no quoting: one that a blob gives
 * with a blank or a control byte in it (the compiler never writes such a
 * name) would print as text that means something else.
 */
static bool word_ok(const char *s, bool asinfo)
{
	if (!*s || *s == '#')
		return false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c == 0x7f || (asinfo && c == '}'))
			return false;
	}
	return true;
}

static const char *first_bad_name(const struct smmub_view *v)
{
	const struct smmub_settings *st = smmub_settings(v);
	uint32_t i;

	for (i = 0; i < smmub_count(v, SMMUB_SEC_SYMBOLS); i++)
		if (!word_ok(str(v, smmub_sym(v, i)->name), false))
			return str(v, smmub_sym(v, i)->name);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SETS); i++)
		if (!word_ok(str(v, smmub_set(v, i)->name), false))
			return str(v, smmub_set(v, i)->name);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_UNITS); i++) {
		const struct smmub_unit *u = smmub_unit(v, i);

		if (!word_ok(str(v, u->name), false))
			return str(v, u->name);
		if (u->cfglib && !word_ok(str(v, u->cfglib), false))
			return str(v, u->cfglib);
	}
	for (i = 0; i < smmub_count(v, SMMUB_SEC_RELOCS); i++)
		if (!word_ok(str(v, smmub_reloc(v, i)->name), true))
			return str(v, smmub_reloc(v, i)->name);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SAFETY); i++)
		if (!word_ok(str(v, smmub_safety(v, i)->component), false))
			return str(v, smmub_safety(v, i)->component);
	if ((L32(st->flags) & SMMUB_SET_USER) && !(L32(st->flags) & SMMUB_SET_USER_UID) &&
	    !word_ok(str(v, st->user_name), false))
		return str(v, st->user_name);
	return NULL;
}

char *decompile_bad_name(const struct smmub_view *v)
{
	const char *bad = first_bad_name(v);
	char *buf = NULL;
	size_t len;
	FILE *f;

	if (!bad)
		return NULL;
	f = open_memstream(&buf, &len);
	if (!f)
		return strdup("?");
	quoted(bad, f);
	if (fclose(f)) {
		free(buf);
		return strdup("?");
	}
	return buf;
}

int decompile_write(const struct smmub_view *v, FILE *out)
{
	uint32_t i, k;

	fputs("# decompiled by smmucc from a policy blob\n", out);
	settings(v, out);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SMMUS); i++) {
		fputc('\n', out);
		smmu_line(v, smmub_smmu(v, i), out);
		for (k = 0; k < smmub_count(v, SMMUB_SEC_UNITS); k++)
			if (L32(smmub_unit(v, k)->smmu) == i)
				unit_line(v, smmub_unit(v, k), out);
	}
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SETS); i++) {
		const struct smmub_set *s = smmub_set(v, i);

		fputc('\n', out);
		for (k = 0; k < L32(s->rule_count); k++)
			rule_line(v, L32(s->rule_first) + k, out);
	}
	if (smmub_count(v, SMMUB_SEC_DEVICES))
		fputc('\n', out);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_DEVICES); i++)
		device_block(v, i, out);
	return ferror(out) ? -1 : 0;
}

char *decompile_string(const struct smmub_view *v, size_t *len)
{
	return output_string(decompile_write, v, len);
}
