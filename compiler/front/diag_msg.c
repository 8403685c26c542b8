/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Diagnostics are composed in memory (diag.h, struct diag_msg) and
 * written whole: stderr is unbuffered, and writing piece by piece cost
 * about 75 write() calls a diagnostic. An error, and what waits before
 * it, is written at once; warnings and notes wait until DM_BATCH bytes
 * are composed, other output comes (diag_flush), the run ends, or the
 * process crashes (dm_flush_on_crash): 500,000 warnings in about a
 * thousand writes instead of 500,000.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "front/diag_msg.h"

/* Warnings and notes wait until this many bytes are composed. */
#define DM_BATCH (64u << 10)

static char *msg_data(struct diag_msg *m)
{
	return m->heap ? m->heap : m->small;
}

static size_t msg_cap(const struct diag_msg *m)
{
	return m->heap ? m->cap : sizeof(m->small);
}

/* The run whose waiting diagnostics a crash writes out. */
static struct diag_ctx *volatile crash_ctx;

/* What waits, in one write() (stderr has no buffer to split it). */
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

void dm_end(struct diag_ctx *d, bool now)
{
	if (now || d->msg.len >= DM_BATCH)
		dm_flush(d);
}

void dm_release(struct diag_ctx *d)
{
	if (crash_ctx == d)
		crash_ctx = NULL;
	dm_flush(d);
}


static void on_crash(int sig)
{
	struct diag_ctx *d = crash_ctx;

	/* write() only: async-signal-safe; a diagnostic half composed shows as such */
	if (d && d->msg.len && write(fileno(d->out), msg_data(&d->msg), d->msg.len) < 0)
		d->msg.len = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

void dm_flush_on_crash(struct diag_ctx *d)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };

	crash_ctx = d;
#if defined(__SANITIZE_ADDRESS__)
	/* the sanitizer's report of the crash is worth more than the warnings */
	(void)sigs;
	(void)on_crash;
#else
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_crash);
#endif
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
	struct diag_msg *m = &d->msg;

	/* the common case first, without msg_room's call */
	if (n <= msg_cap(m) - m->len) {
		memcpy(msg_data(m) + m->len, s, n);
		m->len += n;
		return;
	}
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

/*
 * fmt as vsnprintf would write it, into buf (size bytes), without its
 * machinery: vsnprintf was half the cost of a warning (500,000
 * ambiguous-radix warnings). Only %%, %s, %.*s, %c, and d, u or x with no
 * length, z (not d), l or ll: no flags, no widths, which is all the
 * messages of the checks use. The length written, or -1 for another
 * conversion or no room (then nothing of it counts).
 */
static long plain_vfmt(char *buf, size_t size, const char *fmt, va_list ap)
{
	char *o = buf, *end = buf + size, num[24];
	const char *f = fmt, *s;
	size_t n, k;
	uint64_t v;
	long long sv;
	bool neg;
	int prec;
	char mod;

	for (; *f; f++) {
		if (*f != '%') {
			/* the text up to the next conversion in one piece */
			const char *pc = strchr(f, '%');

			n = pc ? (size_t)(pc - f) : strlen(f);
			if (n > (size_t)(end - o))
				return -1;
			memcpy(o, f, n);
			o += n;
			f += n - 1;
			continue;
		}
		f++;
		s = num;
		n = 1;
		switch (*f) {
		case '%':
			num[0] = '%';
			break;
		case 'c':
			num[0] = (char)va_arg(ap, int);
			break;
		case 's':
			s = va_arg(ap, const char *);
			s = s ? s : "(null)";
			n = strlen(s);
			break;
		case '.':
			if (f[1] != '*' || f[2] != 's')
				return -1;
			f += 2;
			prec = va_arg(ap, int);
			s = va_arg(ap, const char *);
			if (!s) {
				/* glibc's: all of "(null)" or nothing */
				s = "(null)";
				n = prec >= 0 && prec < 6 ? 0 : 6;
			} else {
				n = prec < 0 ? strlen(s) : strnlen(s, (size_t)prec);
			}
			break;
		default:
			mod = 0;
			if (*f == 'z' || *f == 'l') {
				mod = f[0] == 'l' && f[1] == 'l' ? 'L' : f[0];
				f += mod == 'L' ? 2 : 1;
			}
			if (*f != 'd' && *f != 'u' && *f != 'x')
				return -1;
			neg = false;
			if (*f == 'd') {
				if (mod == 'z')
					return -1;
				sv = mod == 'L' ? va_arg(ap, long long)
				     : mod == 'l' ? va_arg(ap, long) : va_arg(ap, int);
				neg = sv < 0;
				v = neg ? -(uint64_t)sv : (uint64_t)sv;
			} else if (mod == 'z') {
				v = va_arg(ap, size_t);
			} else if (mod == 'L') {
				v = va_arg(ap, unsigned long long);
			} else if (mod == 'l') {
				v = va_arg(ap, unsigned long);
			} else {
				v = va_arg(ap, unsigned);
			}
			k = sizeof(num);
			do
				num[--k] = "0123456789abcdef"[v % (*f == 'x' ? 16 : 10)];
			while ((v /= (*f == 'x' ? 16 : 10)) != 0);
			if (neg)
				num[--k] = '-';
			s = num + k;
			n = sizeof(num) - k;
			break;
		}
		if (n > (size_t)(end - o))
			return -1;
		memcpy(o, s, n);
		o += n;
	}
	return (long)(o - buf);
}

void dm_vfmt(struct diag_ctx *d, const char *fmt,
							   va_list ap)
{
	struct diag_msg *m = &d->msg;
	char buf[512];
	va_list aq;
	long len;
	int n;

	va_copy(aq, ap);
	len = plain_vfmt(buf, sizeof(buf), fmt, aq);
	va_end(aq);
	if (len >= 0) {
		dm_mem(d, buf, (size_t)len);
		return;
	}
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
