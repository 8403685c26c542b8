/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The architecture table, and the choice of architecture a blob makes.
 * Adding an architecture: its entry here, and HACKING.md's checklist.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "iommu/arch.h"
#include "iommu/pages.h"
#include "util/escape.h"
#include "smmuv3/smmuv3_arch.h"
#include "vtd/vtd_arch.h"

const struct iommu_arch *const iommu_arch_table[] = {
	&iommu_arch_vtd,
	&iommu_arch_smmuv3,
	NULL,
};

static void (*log_sink)(int level, const char *msg);

void iommu_set_log(void (*sink)(int level, const char *msg))
{
	log_sink = sink;
}

void iommu_log(int level, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	if (!log_sink)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_sink(level, msg);
}

int iommu_tables_fail(struct iommu_tables_out *out, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
	return status;
}

int iommu_add_runs(iommu_section_fn add, void *ctx, uint32_t type, const uint8_t *pages,
		   size_t npages)
{
	struct smmub_run *r;
	size_t n;
	int rc;

	if (iommu_runs_encode(pages, npages, &r, &n))
		return -1;
	rc = add(ctx, type, r, (uint32_t)n, sizeof(*r));
	free(r);
	return rc;
}

const struct iommu_arch *iommu_arch_by_type(uint32_t t)
{
	for (size_t i = 0; iommu_arch_table[i]; i++)
		if (iommu_arch_table[i]->type == t)
			return iommu_arch_table[i];
	return NULL;
}

const struct iommu_arch *iommu_arch_by_profile(const char *s)
{
	for (size_t i = 0; iommu_arch_table[i]; i++) {
		const char *p = iommu_arch_table[i]->profile_prefix;

		if (p && !strncmp(s, p, strlen(p)))
			return iommu_arch_table[i];
	}
	return NULL;
}

const struct iommu_arch *iommu_arch_default(void)
{
	/*
	 * The platform smmuman runs on without a word from the policy (a
	 * corrupt blob names none): its units are the ones to block. An
	 * aarch64 build blocks SMMUv3 units; VT-d would find no DMAR there
	 * and leave an SMMUv3 that bypasses while disabled (QEMU has no GBPA).
	 */
#if defined(__aarch64__)
	return &iommu_arch_smmuv3;
#else
	return &iommu_arch_vtd;
#endif
}

const char *iommu_arch_names(void)
{
	static char names[128];

	if (!names[0])
		for (size_t i = 0, n = 0; iommu_arch_table[i] && n < sizeof(names); i++)
			n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "",
					      iommu_arch_table[i]->name);
	return names;
}

/* "file:line" of the smmu line i, for messages */
static void smmu_line(const struct smmub_view *v, uint32_t i, char *buf, size_t size)
{
	const struct smmub_symbol *s = smmub_sym(v, smmub_le32(smmub_smmu(v, i)->sym));
	char e[256];

	if (s)
		snprintf(buf, size, " (%s:%u)", esc_str(smmub_str(v, smmub_le32(s->file)), e, sizeof(e)),
			 smmub_le32(s->line));
	else
		buf[0] = 0;
}

const struct iommu_arch *iommu_arch_for_blob(const struct smmub_view *v, char *why,
					     size_t whylen)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_SMMUS), t;
	const struct iommu_arch *a;
	char at[320], at2[320];

	if (!n)
		return iommu_arch_default();
	t = smmub_le32(smmub_smmu(v, 0)->type);
	for (uint32_t i = 1; i < n; i++) {
		uint32_t ti = smmub_le32(smmub_smmu(v, i)->type);

		if (ti == t)
			continue;
		smmu_line(v, 0, at, sizeof(at));
		smmu_line(v, i, at2, sizeof(at2));
		snprintf(why, whylen, "the policy is for two IOMMU architectures, %s%s and %s%s: "
			 "smmuman drives one", smmub_smmu_type_name(t), at, smmub_smmu_type_name(ti),
			 at2);
		return NULL;
	}
	a = iommu_arch_by_type(t);
	if (!a) {
		smmu_line(v, 0, at, sizeof(at));
		snprintf(why, whylen, "the policy is for smmu %s%s, and this build has no %s "
			 "architecture (it has %s)", smmub_smmu_type_name(t), at,
			 smmub_smmu_type_name(t), iommu_arch_names());
	}
	return a;
}
