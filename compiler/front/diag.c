/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Diagnostics output: gcc-like text with the source line and a caret, or one
 * JSON array for tools. Which checks exist and their defaults live in
 * checklist.c; this file only decides levels and prints.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "front/diag.h"
#include "front/diag_msg.h"

static const char progname[] = "smmucc";

void diag_init(struct diag_ctx *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->format = DIAG_FMT_TEXT;
	for (int i = 0; i < CHK_COUNT; i++)
		d->level[i] = check_default_level((enum check_id)i);
}

/*
 * -W/-E raise a check and, so that it can run, its prerequisites. A check
 * turned off comes back at no less than its default level.
 */
static void raise_level(struct diag_ctx *d, enum check_id id, enum diag_level lvl)
{
	const enum check_id *p;

	if (d->level[id] == DIAG_OFF)
		d->level[id] = check_default_level(id);
	if (d->level[id] < lvl)
		d->level[id] = lvl;
	for (p = check_prereqs(id); *p != CHK_COUNT; p++)
		raise_level(d, *p, lvl);
}

/* Turning a check off turns off what cannot run without it. */
static void disable(struct diag_ctx *d, enum check_id id)
{
	d->level[id] = DIAG_OFF;
	for (int i = 0; i < CHK_COUNT; i++) {
		const enum check_id *p;

		for (p = check_prereqs((enum check_id)i); *p != CHK_COUNT; p++)
			if (*p == id && d->level[i] != DIAG_OFF)
				disable(d, (enum check_id)i);
	}
}

int diag_set_warning(struct diag_ctx *d, const char *name)
{
	bool off = strncmp(name, "no-", 3) == 0;
	int id = check_lookup(off ? name + 3 : name);

	if (id < 0)
		return -1;
	if (off)
		disable(d, (enum check_id)id);
	else
		raise_level(d, (enum check_id)id, DIAG_WARNING);
	return 0;
}

int diag_set_error(struct diag_ctx *d, const char *name)
{
	bool off = strncmp(name, "no-", 3) == 0;
	int id = check_lookup(off ? name + 3 : name);

	if (id < 0)
		return -1;
	if (!off)
		raise_level(d, (enum check_id)id, DIAG_ERROR);
	else if (d->level[id] == DIAG_ERROR)
		d->level[id] = DIAG_WARNING; /* -E no-NAME undoes -E NAME */
	return 0;
}

static enum diag_level effective(const struct diag_ctx *d, enum check_id id)
{
	enum diag_level l = d->level[id];

	return (l == DIAG_WARNING && d->werror) ? DIAG_ERROR : l;
}

bool diag_failed(const struct diag_ctx *d, enum check_id id)
{
	return d->count[id] > 0 && effective(d, id) == DIAG_ERROR;
}

static const char *level_word(enum diag_level l)
{
	switch (l) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	default:
		return "off";
	}
}

/* NULL on allocation failure; callers then show the format itself. */
__attribute__((format(printf, 1, 0))) static char *format_msg(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

static bool has_pos(const struct srcpos *pos)
{
	return pos && pos->file && pos->line;
}

/* The line text without a trailing CR (files written on Windows). */
static const char *source_line(const struct srcpos *pos, size_t *len)
{
	const char *s;

	if (!has_pos(pos))
		return NULL;
	s = srcfile_line(pos->file, pos->line, len);
	if (s && *len && s[*len - 1] == '\r')
		(*len)--;
	return s;
}

/* ---- text ------------------------------------------------------------ */

/*
 * A file name, with control bytes as C escapes: a #line marker may name a
 * file "a\nb.smmu:1:1: error: ...", which raw would forge a diagnostic.
 */
static void text_file(struct diag_ctx *d, const char *s)
{
	size_t plain = 0;

	/* most names have no control byte: in one piece */
	while ((unsigned char)s[plain] >= 0x20 && s[plain] != 0x7f)
		plain++;
	if (!s[plain]) {
		dm_mem(d, s, plain);
		return;
	}
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t run;

		if (c == '\n')
			dm_str(d, "\\n");
		else if (c == '\t')
			dm_str(d, "\\t");
		else if (c < 0x20 || c == 0x7f)
			dm_fmt(d, "\\%03o", c);
		if (c < 0x20 || c == 0x7f) {
			s++;
			continue;
		}
		for (run = 1; (unsigned char)s[run] >= 0x20 && s[run] != 0x7f; run++)
			;
		dm_mem(d, s, run);
		s += run;
	}
}

/* ":N" in decimal: a printf call per position was a tenth of a warning's cost. */
static void text_num(struct diag_ctx *d, unsigned v)
{
	char b[12];
	size_t i = sizeof(b);

	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	b[--i] = ':';
	dm_mem(d, b + i, sizeof(b) - i);
}

static void text_where(struct diag_ctx *d, const struct srcpos *pos)
{
	if (!has_pos(pos)) {
		dm_str(d, progname);
		dm_str(d, ": ");
		return;
	}
	text_file(d, srcfile_name(pos->file));
	text_num(d, pos->line);
	if (pos->col)
		text_num(d, pos->col);
	dm_mem(d, ": ", 2);
}

/*
 * Bytes of a long line shown around the caret: a diagnostic's size must
 * not grow with the line's, or one long line with many errors prints
 * gigabytes.
 */
#define SRC_WINDOW 160

/* The window [*from, *to) of a line len bytes long; returns the caret's byte. */
static size_t src_window(const struct srcpos *pos, size_t len, size_t *from, size_t *to)
{
	size_t at = pos->col && pos->col - 1 < len ? pos->col - 1 : len;

	*from = len > SRC_WINDOW && at > SRC_WINDOW / 2 ? at - SRC_WINDOW / 2 : 0;
	*to = len - *from > SRC_WINDOW ? *from + SRC_WINDOW : len;
	return at;
}

/* Control bytes but the tab: one load a byte of a caret line. */
static const bool ctl_byte[256] = {
	[0x00 ... 0x08] = true,
	[0x0a ... 0x1f] = true,
	[0x7f] = true,
};

static bool is_ctl(unsigned char c)
{
	return ctl_byte[c];
}

/* Where the run of bytes that are not is_ctl from i ends, before n. */
static size_t plain_run(const char *s, size_t i, size_t n)
{
	while (i < n && !is_ctl((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * Source bytes as text, control bytes as C escapes (a comment may hold
 * terminal escape sequences); or, for the caret line, blanks of the same
 * width, tabs kept so that the caret lines up. Runs of plain bytes go in
 * one piece.
 */
static void text_bytes(struct diag_ctx *d, const char *s, size_t n, bool blanks)
{
	size_t i = 0, run;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (is_ctl(c)) {
			if (blanks)
				dm_str(d, "    ");
			else
				dm_fmt(d, "\\%03o", c);
			i++;
			continue;
		}
		run = plain_run(s, i, n);
		if (!blanks) {
			dm_mem(d, s + i, run - i);
			i = run;
			continue;
		}
		while (i < run) {
			const char *tab = memchr(s + i, '\t', run - i);
			size_t end = tab ? (size_t)(tab - s) : run;

			dm_fill(d, ' ', end - i);
			if (tab)
				dm_chr(d, '\t');
			i = tab ? end + 1 : end;
		}
	}
}

/* The source line (a window of it, if long), then a caret that lines up. */
static void text_source(struct diag_ctx *d, const struct srcpos *pos)
{
	size_t len, from = 0, to, at;
	const char *s = source_line(pos, &len);

	if (!s)
		return;
	at = src_window(pos, len, &from, &to);
	if (from)
		dm_str(d, "...");
	text_bytes(d, s + from, to - from, false);
	dm_str(d, to < len ? "...\n" : "\n");
	if (!pos->col)
		return;
	if (from)
		dm_str(d, "   ");
	text_bytes(d, s + from, (at < to ? at : to) - from, true);
	dm_str(d, "^\n");
}

/* ---- JSON ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s, or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, c = s[0] & 0x07;
	else
		return 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return k;
}

/* A JSON string; bytes that are not UTF-8 become U+FFFD so output stays valid. */
static void json_str(struct diag_ctx *d, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;

	dm_chr(d, '"');
	while (i < n) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			dm_chr(d, '\\');
			dm_chr(d, (char)c);
			i++;
		} else if (c == '\n') {
			dm_str(d, "\\n");
			i++;
		} else if (c == '\t') {
			dm_str(d, "\\t");
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			dm_fmt(d, "\\u%04x", c);
			i++;
		} else if ((k = utf8_len(s + i, n - i)) != 0) {
			dm_mem(d, str + i, k);
			i += k;
		} else {
			dm_str(d, "\\ufffd");
			i++;
		}
	}
	dm_chr(d, '"');
}

/* A window of a line as one JSON string, "..." where it was cut. */
static void json_cut(struct diag_ctx *d, const char *s, size_t n, bool head, bool tail)
{
	char buf[SRC_WINDOW + 7];
	size_t k = 0;

	if (head)
		memcpy(buf, "...", 3), k = 3;
	memcpy(buf + k, s, n);
	k += n;
	if (tail)
		memcpy(buf + k, "...", 3), k += 3;
	json_str(d, buf, k);
}

static void json_cstr(struct diag_ctx *d, const char *s)
{
	if (s)
		json_str(d, s, strlen(s));
	else
		dm_str(d, "null");
}

static void json_pos(struct diag_ctx *d, const struct srcpos *pos)
{
	dm_str(d, "\"file\":");
	json_cstr(d, has_pos(pos) ? srcfile_name(pos->file) : NULL);
	dm_fmt(d, ",\"line\":%u,\"column\":%u", has_pos(pos) ? pos->line : 0,
		has_pos(pos) ? pos->col : 0);
}

static void json_close_item(struct diag_ctx *d)
{
	if (d->json_item)
		dm_str(d, "]}");
	d->json_item = 0;
}

/* Starts an object and leaves its "notes" array open for diag_note_at. */
static void json_begin_item(struct diag_ctx *d, const struct srcpos *pos, const char *level,
			    const char *check, const char *msg)
{
	size_t len;
	const char *src = source_line(pos, &len);

	json_close_item(d);
	dm_str(d, d->json_open ? ",\n" : "[\n");
	d->json_open = true;
	dm_chr(d, '{');
	json_pos(d, pos);
	dm_fmt(d, ",\"level\":\"%s\",\"check\":", level);
	json_cstr(d, check);
	dm_str(d, ",\"message\":");
	json_cstr(d, msg);
	dm_str(d, ",\"source\":");
	if (src) {
		size_t from, to;

		/* a window of a long line, as in text, marked by "..." at a cut */
		src_window(pos, len, &from, &to);
		if (from || to < len)
			json_cut(d, src + from, to - from, from > 0, to < len);
		else
			json_str(d, src, len);
	} else
		dm_str(d, "null");
	dm_str(d, ",\"notes\":[");
	d->json_item = 1;
}

/* ---- reporting ------------------------------------------------------- */

/*
 * One diagnostic, written once complete. Text goes straight into the
 * diagnostic being composed; JSON needs the message as a string to escape.
 */
__attribute__((format(printf, 5, 0))) static void emit(struct diag_ctx *d,
							const struct srcpos *pos,
							enum diag_level lvl, const char *check,
							const char *fmt, va_list ap)
{
	if (d->format == DIAG_FMT_JSON) {
		char *msg = format_msg(fmt, ap);

		json_begin_item(d, pos, level_word(lvl), check, msg ? msg : fmt);
		free(msg);
	} else {
		text_where(d, pos);
		dm_str(d, level_word(lvl));
		dm_str(d, ": ");
		dm_vfmt(d, fmt, ap);
		if (check) {
			dm_mem(d, " [", 2);
			dm_str(d, check);
			dm_chr(d, ']');
		}
		dm_chr(d, '\n');
		text_source(d, pos);
	}
	d->last_urgent = lvl == DIAG_ERROR;
	dm_end(d, d->last_urgent);
}

void diag_report(struct diag_ctx *d, enum check_id id, const struct srcpos *pos,
		 const char *fmt, ...)
{
	enum diag_level lvl;
	va_list ap;

	if ((unsigned)id >= CHK_COUNT || d->level[id] == DIAG_OFF) {
		d->last_shown = false;
		return;
	}
	lvl = effective(d, id);
	d->count[id]++;
	if (lvl == DIAG_ERROR)
		d->errors++;
	else if (lvl == DIAG_WARNING)
		d->warnings++;
	else
		d->notes++;
	va_start(ap, fmt);
	emit(d, pos, lvl, check_name(id), fmt, ap);
	va_end(ap);
	d->last_shown = true;
}

void diag_note_at(struct diag_ctx *d, const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (!d->last_shown)
		return;
	va_start(ap, fmt);
	if (d->format == DIAG_FMT_JSON) {
		msg = format_msg(fmt, ap);
		if (d->json_item) {
			dm_str(d, d->json_item == 2 ? ",{" : "{");
			d->json_item = 2;
			json_pos(d, pos);
			dm_str(d, ",\"message\":");
			json_cstr(d, msg ? msg : fmt);
			dm_chr(d, '}');
		}
		free(msg);
	} else {
		text_where(d, pos);
		dm_str(d, "note: ");
		dm_vfmt(d, fmt, ap);
		dm_chr(d, '\n');
		text_source(d, pos);
	}
	va_end(ap);
	/* a note goes out with its diagnostic */
	dm_end(d, d->last_urgent);
}

void diag_fatal(struct diag_ctx *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(d, NULL, DIAG_ERROR, NULL, fmt, ap);
	va_end(ap);
	d->last_shown = false;
}

void diag_finish(struct diag_ctx *d)
{
	if (d->format == DIAG_FMT_JSON) {
		json_close_item(d);
		dm_str(d, d->json_open ? "\n]\n" : "[]\n");
		d->json_open = false;
	}
	dm_release(d);
}

void diag_flush(struct diag_ctx *d)
{
	dm_flush(d);
}

void diag_flush_on_crash(struct diag_ctx *d)
{
	dm_flush_on_crash(d);
}
