/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "dmar.h"

#define DMAR_MAX_BYTES (1u << 20)

int backend_policy_units(const struct smmub_view *v, struct rt_unit *u, size_t cap)
{
	uint32_t n = v ? smmub_count(v, SMMUB_SEC_UNITS) : 0;
	int k = 0;

	for (uint32_t i = 0; i < n && (size_t)k < cap; i++) {
		const struct smmub_unit *un = smmub_unit(v, i);
		const struct smmub_smmu *sm = smmub_smmu(v, smmub_le32(un->smmu));
		uint64_t base;

		if (!sm || smmub_le32(sm->type) != SMMUB_SMMU_VTD ||
		    smmub_param(v, smmub_le32(un->param_first), &base))
			continue;
		snprintf(u[k].name, sizeof(u[k].name), "%s", smmub_str(v, smmub_le32(un->name)));
		u[k++].reg_base = base;
	}
	return k;
}

int backend_read_dmar(const char *path, struct rt_unit *u, size_t ucap, struct rt_rmrr *r,
		      size_t rcap, size_t *nr, char *why, size_t whylen)
{
	static struct dmar_scope scopes[512];
	static struct dmar_rmrr rm[RT_MAX_RMRRS];
	struct dmar_unit units[RT_MAX_UNITS];
	struct dmar_info info = { .units = units, .units_cap = RT_MAX_UNITS, .rmrrs = rm,
				  .rmrrs_cap = RT_MAX_RMRRS, .scopes = scopes, .scopes_cap = 512 };
	unsigned char *buf = malloc(DMAR_MAX_BYTES);
	size_t err_off = 0;
	ssize_t len;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	*nr = 0;
	if (fd < 0 || !buf) {
		snprintf(why, whylen, "cannot read the ACPI DMAR table %s: %s", path,
			 strerror(fd < 0 ? errno : ENOMEM));
		free(buf);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	len = read(fd, buf, DMAR_MAX_BYTES);
	close(fd);
	rc = len < 0 ? -1 : dmar_parse(buf, (size_t)len, &info, &err_off);
	free(buf);
	if (rc < 0) {
		snprintf(why, whylen, "ACPI DMAR table %s: %s at offset %zu", path,
			 len < 0 ? strerror(errno) : dmar_strerror(rc), err_off);
		return -1;
	}
	for (size_t i = 0; u && i < info.n_units && i < ucap; i++) {
		snprintf(u[i].name, sizeof(u[i].name), "dmar%zu", i);
		u[i].reg_base = units[i].reg_base;
	}
	/* every endpoint an RMRR names must keep reaching it */
	for (size_t i = 0; i < info.n_rmrrs && i < RT_MAX_RMRRS; i++) {
		for (size_t k = 0; k < rm[i].n_scopes && *nr < rcap; k++) {
			const struct dmar_scope *sc = &scopes[rm[i].first_scope + k];

			if (rm[i].first_scope + k >= 512 || sc->type != DMAR_SCOPE_PCI_ENDPOINT)
				continue;
			r[(*nr)++] = (struct rt_rmrr){ rm[i].base, rm[i].limit,
						       (uint16_t)(sc->bus << 8 | sc->dev << 3 | sc->fn) };
		}
	}
	return (int)(info.n_units < ucap ? info.n_units : ucap);
}
