/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <string.h>

#include "util/escape.h"

static bool is_control(unsigned char c)
{
	return c < 0x20 || c >= 0x7f;
}

static size_t put_octal(char *out, unsigned char c)
{
	out[0] = '\\';
	out[1] = (char)('0' + (c >> 6));
	out[2] = (char)('0' + ((c >> 3) & 7));
	out[3] = (char)('0' + (c & 7));
	return 4;
}

const char *esc_str(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	if (!s)
		s = "?";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t need = is_control(c) ? 4 : c == '\\' ? 2 : 1;

		if (n + need >= size)
			break;
		if (is_control(c))
			n += put_octal(buf + n, c);
		else if (c == '\\')
			buf[n++] = '\\', buf[n++] = '\\';
		else
			buf[n++] = (char)c;
	}
	buf[n] = 0;
	return buf;
}

void esc_controls(char *line, size_t size)
{
	size_t len = strlen(line), ctl = 0;

	for (size_t i = 0; i < len; i++)
		ctl += is_control((unsigned char)line[i]);
	if (!ctl)
		return;
	/* back to front, in place: each control grows by 3 bytes */
	size_t end = len + 3 * ctl;

	while (end >= size) {
		/* drop the tail that cannot fit, whole characters at a time */
		unsigned char c = (unsigned char)line[--len];

		end -= is_control(c) ? 4 : 1;
	}
	line[end] = 0;
	while (len > 0) {
		unsigned char c = (unsigned char)line[--len];

		if (is_control(c)) {
			end -= 4;
			put_octal(line + end, c);
		} else {
			line[--end] = (char)c;
		}
	}
}
