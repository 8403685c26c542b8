/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One diagnostic is composed in memory and written with one write() when
 * complete (diag.h, struct diag_msg): stderr is unbuffered, and writing
 * piece by piece cost about 75 write() calls a diagnostic. Nothing is kept
 * past the end of its diagnostic, so a crash loses nothing reported.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/diag_msg.h"

static char *msg_data(struct diag_msg *m)
{
	return m->heap ? m->heap : m->small;
}

static size_t msg_cap(const struct diag_msg *m)
{
	return m->heap ? m->cap : sizeof(m->small);
}

/* The diagnostic so far in one write() (stderr has no buffer to split it). */
void dm_flush(struct diag_ctx *d)
{
	struct diag_msg *m = &d->msg;

	if (m->len)
		fwrite(msg_data(m), 1, m->len, d->out);
	fflush(d->out);
	free(m->heap);
	m->heap = NULL;
	m->len = 0;
	m->cap = 0;
}

/*
 * Room for n more bytes. Out of memory, the text so far is written and
 * false returned if n still does not fit: a diagnostic in two writes
 * rather than one lost.
 */
static bool msg_room(struct diag_ctx *d, size_t n)
{
	struct diag_msg *m = &d->msg;
	size_t ncap = msg_cap(m);
	char *h;

	if (n <= ncap - m->len)
		return true;
	while (n > ncap - m->len) {
		if (ncap > SIZE_MAX / 2)
			goto full;
		ncap *= 2;
	}
	h = realloc(m->heap, ncap);
	if (!h)
		goto full;
	if (!m->heap)
		memcpy(h, m->small, m->len);
	m->heap = h;
	m->cap = ncap;
	return true;
full:
	dm_flush(d);
	return n <= sizeof(m->small);
}

void dm_mem(struct diag_ctx *d, const char *s, size_t n)
{
	if (!msg_room(d, n)) {
		fwrite(s, 1, n, d->out);
		return;
	}
	memcpy(msg_data(&d->msg) + d->msg.len, s, n);
	d->msg.len += n;
}

void dm_fill(struct diag_ctx *d, char c, size_t n)
{
	if (!msg_room(d, n)) {
		while (n--)
			fputc(c, d->out);
		return;
	}
	memset(msg_data(&d->msg) + d->msg.len, c, n);
	d->msg.len += n;
}

void dm_str(struct diag_ctx *d, const char *s)
{
	dm_mem(d, s, strlen(s));
}

void dm_chr(struct diag_ctx *d, char c)
{
	if (d->msg.len < msg_cap(&d->msg))
		msg_data(&d->msg)[d->msg.len++] = c;
	else
		dm_mem(d, &c, 1);
}

void dm_vfmt(struct diag_ctx *d, const char *fmt,
							   va_list ap)
{
	struct diag_msg *m = &d->msg;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(msg_data(m) + m->len, msg_cap(m) - m->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n < msg_cap(m) - m->len) {
		m->len += (size_t)n;
		return;
	}
	if (!msg_room(d, (size_t)n + 1)) {
		vfprintf(d->out, fmt, ap);
		return;
	}
	vsnprintf(msg_data(m) + m->len, (size_t)n + 1, fmt, ap);
	m->len += (size_t)n;
}

void dm_fmt(struct diag_ctx *d, const char *fmt,
							  ...)
{
	va_list ap;

	va_start(ap, fmt);
	dm_vfmt(d, fmt, ap);
	va_end(ap);
}
