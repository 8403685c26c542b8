/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pieces of words: argument list items, names, numbers with their
 * diagnostics. Shared by the statement parser and sema, so that a number
 * means the same and is reported the same wherever it stands.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "front/number.h"
#include "front/parse.h"

struct srcpos word_pos_at(const struct word *w, size_t off)
{
	struct srcpos p = w->pos;
	size_t base = 0;
	unsigned i;

	for (i = 0; w->segs && i < w->nsegs; i++) {
		if (w->segs[i].off > off)
			break;
		p = w->segs[i].pos;
		base = w->segs[i].off;
	}
	p.col += (unsigned)(off - base);
	return p;
}

struct span word_span(const struct word *w, size_t off, size_t len)
{
	struct span sp = {w->text + off, len, word_pos_at(w, off)};

	return sp;
}

size_t span_split(const struct span *sp, char sep, struct span *items, size_t max)
{
	/* braces are rare: without them, one test a byte */
	bool braces = memchr(sp->s, '{', sp->len) != NULL;
	size_t n = 0, start = 0, i, depth = 0;

	/* a device-tree name such as linux,cma stays whole inside $asinfo_start{...} */
	for (i = 0; i <= sp->len; i++) {
		if (i < sp->len && !braces) {
			if (sp->s[i] != sep)
				continue;
		} else if (i < sp->len) {
			if (sp->s[i] == '{')
				depth++;
			else if (sp->s[i] == '}' && depth)
				depth--;
			if (sp->s[i] != sep || depth)
				continue;
		}
		if (n < max) {
			items[n].s = sp->s + start;
			items[n].len = i - start;
			items[n].pos = sp->pos;
			items[n].pos.col += (unsigned)start;
		}
		n++;
		start = i + 1;
	}
	return n;
}

bool span_eq(const struct span *sp, const char *s)
{
	return strlen(s) == sp->len && memcmp(sp->s, s, sp->len) == 0;
}

static bool alpha_(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool name_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !alpha_(s[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!alpha_(s[i]) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.' &&
		    s[i] != '-')
			return false;
	return true;
}

bool is_keyword(const char *s, size_t len)
{
	static const char *const kw[] = {"allow", "debug", "device", "foreground",
					 "reserved", "safety", "set", "smmu",
					 "unit", "use", "user"};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i]) == len && memcmp(kw[i], s, len) == 0)
			return true;
	return false;
}

/* $asinfo_start{NAME} / $asinfo_length{NAME}; 1 if sp is one, -1 if malformed, 0 if not. */
static int asinfo_ref(const struct span *sp, enum num_kind *kind, const char **name,
		      size_t *nlen)
{
	static const char start[] = "$asinfo_start{", length[] = "$asinfo_length{";
	size_t pre, i;

	if (sp->len == 0 || sp->s[0] != '$')
		return 0;
	if (sp->len > sizeof(start) - 1 && memcmp(sp->s, start, sizeof(start) - 1) == 0) {
		*kind = NUM_ASINFO_START;
		pre = sizeof(start) - 1;
	} else if (sp->len > sizeof(length) - 1 &&
		   memcmp(sp->s, length, sizeof(length) - 1) == 0) {
		*kind = NUM_ASINFO_LENGTH;
		pre = sizeof(length) - 1;
	} else {
		return -1;
	}
	if (sp->s[sp->len - 1] != '}' || sp->len == pre + 1)
		return -1;
	for (i = pre; i < sp->len - 1; i++)
		if (sp->s[i] == '{' || sp->s[i] == '}' || sp->s[i] == '$')
			return -1;
	*name = sp->s + pre;
	*nlen = sp->len - 1 - pre;
	return 1;
}

bool span_num(struct diag_ctx *d, const struct span *sp, enum num_role role, const char *what,
	      struct num *n)
{
	enum num_kind kind = NUM_LITERAL;
	uint64_t v, alt = 0;
	const char *name;
	size_t nlen;
	int rc;

	memset(n, 0, sizeof(*n));
	n->pos = sp->pos;
	n->bad = true;
	if (sp->len == 0) {
		diag_report(d, CHK_BAD_NUMBER, &sp->pos, "missing %s", what);
		return false;
	}
	rc = asinfo_ref(sp, &kind, &name, &nlen);
	n->kind = kind & 3;
	if (rc < 0) {
		diag_report(d, CHK_BAD_NUMBER, &sp->pos,
			    "malformed asinfo reference '%.*s' for the %s (expected "
			    "$asinfo_start{NAME} or $asinfo_length{NAME})",
			    (int)sp->len, sp->s, what);
		return false;
	}
	if (rc > 0) {
		if (role == ROLE_OTHER) {
			n->kind = NUM_LITERAL;
			diag_report(d, CHK_BAD_NUMBER, &sp->pos,
				    "an asinfo reference cannot stand for the %s", what);
			return false;
		}
		n->name = srcfile_keep_str(name, nlen, NUM_NAME_MAX) & NUM_NAME_MAX;
		if (!n->name) {
			/* a reference without its name would reach the blob's relocations */
			diag_fatal(d, "out of memory");
			return false;
		}
		n->bad = false;
		return true;
	}
	rc = num_parse(sp->s, sp->len, role, &v, &alt);
	if (rc < 0) {
		unsigned radix = num_radix(sp->s, sp->len, role);
		const char *rname = radix == 16 ? "hexadecimal" : "decimal";
		struct srcpos at = sp->pos;
		size_t off;

		switch (rc) {
		case NUM_OVERFLOW:
			diag_report(d, CHK_NUMBER_OVERFLOW, &sp->pos,
				    "%s '%.*s' does not fit in 64 bits", what, (int)sp->len,
				    sp->s);
			break;
		case NUM_MUL_OVERFLOW:
			diag_report(d, CHK_NUMBER_OVERFLOW, &sp->pos,
				    "%s '%.*s' does not fit in 64 bits after its multiplier",
				    what, (int)sp->len, sp->s);
			break;
		case NUM_EMPTY:
			diag_report(d, CHK_BAD_NUMBER, &sp->pos, "%s '%.*s' has no digits",
				    what, (int)sp->len, sp->s);
			break;
		default:
			off = num_bad_offset(sp->s, sp->len, role);
			at.col += (unsigned)off;
			diag_report(d, CHK_BAD_NUMBER, &at,
				    "bad %s digit '%c' in %s '%.*s'", rname,
				    off < sp->len ? sp->s[off] : '?', what, (int)sp->len, sp->s);
			break;
		}
		return false;
	}
	if (rc == NUM_AMBIGUOUS)
		diag_report(d, CHK_AMBIGUOUS_RADIX, &sp->pos,
			    "'%.*s' is read as 0x%" PRIx64 " (hexadecimal %s); 0d%.*s would be "
			    "0x%" PRIx64, (int)sp->len, sp->s, v, num_role_name(role), (int)sp->len,
			    sp->s, alt);
	n->value = v;
	n->resolved = true;
	n->bad = false;
	return true;
}

bool span_uint(struct diag_ctx *d, const struct span *sp, enum check_id id, const char *what,
	       uint64_t lo, uint64_t hi, uint64_t *val)
{
	struct num n;

	*val = 0;
	if (!span_num(d, sp, ROLE_OTHER, what, &n))
		return false;
	if (n.value < lo || n.value > hi) {
		diag_report(d, id, &sp->pos, "%s %" PRIu64 " out of range %" PRIu64 "-%" PRIu64,
			    what, n.value, lo, hi);
		return false;
	}
	*val = n.value;
	return true;
}
