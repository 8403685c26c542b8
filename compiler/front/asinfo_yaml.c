/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * asinfo map from YAML (schemas/asinfo.schema.yaml):
 *
 *   regions:
 *     - name: smbs0
 *       start: 0x7f000000
 *       length: 0x10000      # or end: 0x7f00ffff (inclusive)
 *
 * Every problem is reported at its place in the file (FILE:LINE:COL) as a
 * syntax error of the input (a bad number as the language reports one),
 * and all of them are reported, not the first.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>
#include "front/asinfo_int.h"
#include "front/number.h"
#include "front/srcfile.h"
#include "util/escape.h"

/*
 * The map is three levels deep (mapping, list, region mapping). libyaml's
 * scanner does work in the nesting depth for every token, so deep nesting
 * costs time quadratic in the size of the file: deeper than this is refused
 * before the document is built. After this many errors the rest of the map
 * is not looked at, so that a long line of errors is not printed over and over.
 */
#define ASINFO_MAX_DEPTH 32
#define ASINFO_MAX_ERRORS 20

struct yctx {
	struct asinfo_map *m;
	struct diag_ctx *d;
	yaml_document_t *doc;
	srcfile_id file;
	int errors;
};

static struct srcpos at(const struct yctx *y, const yaml_node_t *n)
{
	struct srcpos p = {y->file, (unsigned)n->start_mark.line + 1,
			   (unsigned)n->start_mark.column + 1};

	return p;
}

__attribute__((format(printf, 4, 0))) static void vreport(struct yctx *y, enum check_id id,
							  const struct srcpos *p,
							  const char *fmt, va_list ap)
{
	char msg[512], esc[sizeof(msg) * ESC_MAX_PER_BYTE];

	if (y->errors >= ASINFO_MAX_ERRORS)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* names and values are the file's: no control byte reaches the terminal */
	diag_report(y->d, id, p, "asinfo: %s", esc_str(msg, esc, sizeof(esc)));
	if (++y->errors == ASINFO_MAX_ERRORS)
		diag_note_at(y->d, p, "asinfo: too many errors (%d); stopping here",
			     ASINFO_MAX_ERRORS);
}

/* A problem of the map at p under check id (a bad number's are the language's). */
__attribute__((format(printf, 4, 5))) static void report(struct yctx *y, enum check_id id,
							 const struct srcpos *p,
							 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(y, id, p, fmt, ap);
	va_end(ap);
}

/* Any other problem: a syntax error at n. */
__attribute__((format(printf, 3, 4))) static void err(struct yctx *y, const yaml_node_t *n,
						      const char *fmt, ...)
{
	struct srcpos p = at(y, n);
	va_list ap;

	va_start(ap, fmt);
	vreport(y, CHK_SYNTAX, &p, fmt, ap);
	va_end(ap);
}

/* The map has too many errors: look no further. */
static bool stop(const struct yctx *y)
{
	return y->errors >= ASINFO_MAX_ERRORS;
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/*
 * A number in the language's notation (smmu(5), "Numbers") as a length is
 * read: decimal unless 0x, 0d forces decimal, K/M/G multiply. A start is
 * read the same way, not as the language's addresses (hexadecimal by
 * default): in YAML an unprefixed number is decimal, and the map is YAML.
 * The one parser is number.c; the messages are the language's, at the
 * file, line and column of the value (of the bad digit, if one is).
 */
static bool number(struct yctx *y, const yaml_node_t *n, const char *key, uint64_t *v)
{
	const char *s = scalar(n);
	struct srcpos p = at(y, n);
	size_t len, off;
	int rc;

	if (!s || !*s) {
		err(y, n, "'%s' must be a number", key);
		return false;
	}
	len = strlen(s);
	rc = num_parse(s, len, ROLE_LENGTH, v, NULL);
	switch (rc) {
	case NUM_OVERFLOW:
		report(y, CHK_NUMBER_OVERFLOW, &p, "%s '%s' does not fit in 64 bits", key, s);
		break;
	case NUM_MUL_OVERFLOW:
		report(y, CHK_NUMBER_OVERFLOW, &p,
		       "%s '%s' does not fit in 64 bits after its multiplier", key, s);
		break;
	case NUM_EMPTY:
		report(y, CHK_BAD_NUMBER, &p, "%s '%s' has no digits", key, s);
		break;
	case NUM_BAD_DIGIT:
		off = num_bad_offset(s, len, ROLE_LENGTH);
		/* a quoted scalar starts at its quote; a plain one at its first byte */
		if (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			p.col++;
		if (n->start_mark.line == n->end_mark.line)
			p.col += (unsigned)off;
		report(y, CHK_BAD_NUMBER, &p, "bad %s digit '%c' in %s '%s'",
		       num_radix(s, len, ROLE_LENGTH) == 16 ? "hexadecimal" : "decimal",
		       off < len ? s[off] : '?', key, s);
		break;
	default:
		return true;
	}
	return false;
}

static void region(struct yctx *y, yaml_node_t *ent)
{
	yaml_node_t *name = NULL, *start = NULL, *length = NULL, *end = NULL;
	yaml_node_pair_t *p;
	uint64_t s = 0, l = 0, e = 0;
	const struct asinfo_region *prev;
	struct srcpos pos;
	bool ok = true;

	if (ent->type != YAML_MAPPING_NODE) {
		err(y, ent, "a region must be a mapping with name, start and length or end");
		return;
	}
	for (p = ent->data.mapping.pairs.start; p < ent->data.mapping.pairs.top && !stop(y);
	     p++) {
		yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(y->doc, p->value);
		const char *ks = scalar(k);
		yaml_node_t **slot = NULL;

		if (ks && strcmp(ks, "name") == 0)
			slot = &name;
		else if (ks && strcmp(ks, "start") == 0)
			slot = &start;
		else if (ks && strcmp(ks, "length") == 0)
			slot = &length;
		else if (ks && strcmp(ks, "end") == 0)
			slot = &end;
		if (!slot) {
			err(y, k, "unknown key '%s' (expected name, start, length or end)",
			    ks ? ks : "?");
			ok = false;
		} else if (*slot) {
			err(y, k, "duplicate key '%s'", ks);
			ok = false;
		} else {
			*slot = v;
		}
	}
	if (!name || !scalar(name) || !*scalar(name)) {
		err(y, name ? name : ent, "region without a name");
		return;
	}
	if (!start)
		err(y, ent, "region '%s' has no %s", scalar(name), "start");
	if (!length && !end)
		err(y, ent, "region '%s' has no %s", scalar(name), "length or end");
	if (length && end)
		err(y, end, "region '%s' has both length and end", scalar(name));
	if (!ok || !start || (!length && !end) || (length && end))
		return;
	/* each number's problems are told, not only the first's */
	ok = number(y, start, "start", &s);
	ok = (!length || number(y, length, "length", &l)) && ok;
	ok = (!end || number(y, end, "end", &e)) && ok;
	if (!ok)
		return;
	if (end) {
		if (e < s) {
			err(y, end, "region '%s': end is below start", scalar(name));
			return;
		}
		if (e - s == UINT64_MAX) {
			err(y, end, "region '%s': length does not fit in 64 bits",
			    scalar(name));
			return;
		}
		l = e - s + 1;
	}
	if (l == 0) {
		err(y, length, "region '%s' has length 0", scalar(name));
		return;
	}
	if (s + (l - 1) < s) {
		err(y, length ? length : end, "region '%s' goes past the 64-bit address space",
		    scalar(name));
		return;
	}
	prev = asinfo_find(y->m, scalar(name));
	if (prev) {
		char where[64];

		snprintf(where, sizeof(where), "%u:%u", prev->pos.line, prev->pos.col);
		err(y, name, "duplicate region '%s' (first defined at %s)", scalar(name), where);
		return;
	}
	pos = at(y, name);
	if (asinfo_add(y->m, scalar(name), strlen(scalar(name)), s, l, &pos) < 0) {
		diag_fatal(y->d, "out of memory");
		y->errors++;
	}
}

static void walk(struct yctx *y)
{
	yaml_node_t *root = yaml_document_get_root_node(y->doc), *regions = NULL;
	yaml_node_pair_t *p;
	yaml_node_item_t *it;

	if (!root || root->type != YAML_MAPPING_NODE) {
		struct srcpos pos = {y->file, 1, 1};

		diag_report(y->d, CHK_SYNTAX, root ? &pos : &pos,
			    "asinfo: expected a mapping with a 'regions' list");
		y->errors++;
		return;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && !stop(y);
	     p++) {
		yaml_node_t *k = yaml_document_get_node(y->doc, p->key);
		const char *ks = scalar(k);

		if (ks && strcmp(ks, "regions") == 0 && !regions)
			regions = yaml_document_get_node(y->doc, p->value);
		else if (ks && strcmp(ks, "regions") == 0)
			err(y, k, "duplicate key '%s'", ks);
		else
			err(y, k, "unknown key '%s' (expected regions)", ks ? ks : "?");
	}
	if (!regions) {
		err(y, root, "no 'regions' list");
		return;
	}
	if (regions->type != YAML_SEQUENCE_NODE) {
		err(y, regions, "'regions' must be a list of regions");
		return;
	}
	for (it = regions->data.sequence.items.start;
	     it < regions->data.sequence.items.top && !stop(y); it++)
		region(y, yaml_document_get_node(y->doc, *it));
}

/*
 * A first pass over the events of the first document that stops at the
 * first collection nested deeper than ASINFO_MAX_DEPTH: that costs time
 * linear in the file. A YAML error is left to the loader to report.
 */
static int depth_check(struct yctx *y, const unsigned char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned depth = 0;
	bool done = false;
	int rc = 0;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done && rc == 0 && yaml_parser_parse(&parser, &ev)) {
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > ASINFO_MAX_DEPTH) {
				struct srcpos pos = {y->file, (unsigned)ev.start_mark.line + 1,
						     (unsigned)ev.start_mark.column + 1};

				diag_report(y->d, CHK_SYNTAX, &pos,
					    "asinfo: nested deeper than %d levels (the map has 3)",
					    ASINFO_MAX_DEPTH);
				rc = -1;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			   ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
		done = ev.type == YAML_DOCUMENT_END_EVENT || ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return rc;
}

int asinfo_read_yaml(struct asinfo_map *m, const char *path, char *buf, size_t len,
		     struct diag_ctx *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct yctx y = {m, d, &doc, srcfile_intern(path), 0};

	/* keep the text for caret lines; srcfile.c owns buf from here */
	if (srcfile_adopt_text(y.file, buf, len) < 0) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	buf = (char *)srcfile_text(y.file, &len);
	if (depth_check(&y, (const unsigned char *)buf, len) < 0)
		return -1;
	if (!yaml_parser_initialize(&parser)) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		struct srcpos pos = {y.file, (unsigned)parser.problem_mark.line + 1,
				     (unsigned)parser.problem_mark.column + 1};

		diag_report(d, CHK_SYNTAX, &pos, "asinfo: YAML: %s%s%s",
			    parser.problem ? parser.problem : "parse error",
			    parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return -1;
	}
	walk(&y);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return y.errors ? -1 : 0;
}
