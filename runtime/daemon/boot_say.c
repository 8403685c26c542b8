/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the boot path says: where a policy line is, and the reason for a
 * Design Safe State, kept until boot_run enters it (the modules of the
 * boot path report; only boot.c blocks units).
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "daemon/boot_int.h"
#include "daemon/log.h"
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

long long boot_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void boot_phase(const struct boot *b, const char *name)
{
	long long now = boot_mono_us();

	log_msg(LOG_LVL_DEBUG1, "phase %s: %lld us after exec (monotonic %lld us)", name,
		now - b->o.t_exec_us, now);
}
