/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>

#include "daemon/log.h"
#include "daemon/safety.h"

static const char *const level_names[] = { "none", "warn", "required" };

bool safety_blob_from_safety_compiler(const struct smmub_view *v)
{
	struct smmub_secinfo si;
	const struct smmub_producer *p;

	if (smmub_find_section(v, SMMUB_SEC_PRODUCER, &si) || si.count < 1 ||
	    si.stride < sizeof(*p))
		return false;
	p = (const struct smmub_producer *)(const void *)si.data;
	return smmub_le32(p->flags) & SMMUB_PROD_SAFETY_VARIANT;
}

/* The level for component name: its own line, else the global response. */
static unsigned level_for(const struct smmub_view *v, const char *name, unsigned global)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_SAFETY);

	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_safety *s = smmub_safety(v, i);

		if (!strcmp(smmub_str(v, smmub_le32(s->component)), name))
			return smmub_le32(s->level);
	}
	return global;
}

int safety_check(const struct smmub_view *v, bool safety_build, const struct component *c,
		 size_t n, char *why, size_t whylen)
{
	const struct smmub_settings *st = smmub_settings(v);
	unsigned global = safety_build ? SMMUB_SAFETY_REQUIRED : SMMUB_SAFETY_NONE;

	if (smmub_le32(st->flags) & SMMUB_SET_SAFETY_GIVEN)
		global = smmub_le32(st->safety);
	for (size_t i = 0; i < n; i++) {
		unsigned lvl = level_for(v, c[i].name, global);

		if (c[i].safety_variant)
			continue;
		if (lvl > SMMUB_SAFETY_REQUIRED)
			lvl = SMMUB_SAFETY_REQUIRED;
		log_msg(LOG_LVL_DEBUG1, "safety: %s is not a safety variant (safety %s)", c[i].name,
			level_names[lvl]);
		if (lvl == SMMUB_SAFETY_WARN)
			log_msg(LOG_LVL_WARN, "component %s is not a safety variant", c[i].name);
		if (lvl == SMMUB_SAFETY_REQUIRED) {
			snprintf(why, whylen,
				 "component %s is not a safety variant and safety is required",
				 c[i].name);
			return 1;
		}
	}
	return 0;
}
