/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the boot path says: where a policy line is, and the reason for a
 * Design Safe State, kept until boot_run enters it (the modules of the
 * boot path report; only boot.c blocks units).
 */
#include <stdarg.h>
#include <stdio.h>

#include "daemon/boot_int.h"
#include "util/escape.h"

int boot_refuse(struct boot *b, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->why, sizeof(b->why), fmt, ap);
	va_end(ap);
	return status;
}

const char *boot_sym_loc(const struct boot *b, uint32_t i)
{
	static char buf[2][512];
	static int k;
	const struct smmub_symbol *s = smmub_sym(&b->v, i);
	char e[480];

	k ^= 1;
	if (!s)
		return "?";
	snprintf(buf[k], sizeof(buf[k]), "%s:%u",
		 esc_str(smmub_str(&b->v, smmub_le32(s->file)), e, sizeof(e)), smmub_le32(s->line));
	return buf[k];
}
