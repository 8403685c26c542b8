/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d firmware discovery: the ACPI DMAR table read to its end, its
 * units (DRHDs) and the reserved regions (RMRRs) of segment 0's endpoints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/readall.h"
#include "vtd/vtd_firmware.h"

bool backend_other_segment(const struct rt_firmware *fw, char *buf, size_t len)
{
	if (!fw->other_segment)
		return false;
	snprintf(buf, len, "firmware: %zu RMRR device scope%s outside PCI segment 0 ignored "
		 "(first: segment %u, 0x%llx-0x%llx): the tables are for segment 0 only",
		 fw->other_segment, fw->other_segment == 1 ? "" : "s", fw->other_seg,
		 (unsigned long long)fw->other_base, (unsigned long long)fw->other_limit);
	return true;
}

void backend_firmware_free(struct rt_firmware *fw)
{
	free(fw->units);
	free(fw->rmrrs);
	memset(fw, 0, sizeof(*fw));
}

/* The units and segment-0 RMRR endpoints of a parsed table, into fw. */
static int collect(const struct dmar_info *info, struct rt_firmware *fw)
{
	size_t nep = 0;

	for (size_t i = 0; i < info->n_rmrrs; i++)
		for (size_t k = 0; k < info->rmrrs[i].n_scopes; k++)
			nep += info->scopes[info->rmrrs[i].first_scope + k].type ==
			       DMAR_SCOPE_PCI_ENDPOINT;
	fw->units = calloc(info->n_units ? info->n_units : 1, sizeof(*fw->units));
	fw->rmrrs = calloc(nep ? nep : 1, sizeof(*fw->rmrrs));
	if (!fw->units || !fw->rmrrs)
		return -1;
	for (size_t i = 0; i < info->n_units; i++) {
		snprintf(fw->units[i].name, sizeof(fw->units[i].name), "dmar%zu", i);
		fw->units[i].reg_base = info->units[i].reg_base;
		fw->units[i].segment = info->units[i].segment;
	}
	fw->nunits = info->n_units;
	/* every endpoint an RMRR names must keep reaching it */
	for (size_t i = 0; i < info->n_rmrrs; i++) {
		const struct dmar_rmrr *rm = &info->rmrrs[i];

		for (size_t k = 0; k < rm->n_scopes; k++) {
			const struct dmar_scope *sc = &info->scopes[rm->first_scope + k];

			if (sc->type != DMAR_SCOPE_PCI_ENDPOINT)
				continue;
			/*
			 * The tables are built for segment 0: 01:00.0 of
			 * segment 1 is not 01:00.0 of segment 0.
			 */
			if (rm->segment != 0) {
				if (!fw->other_segment++) {
					fw->other_seg = rm->segment;
					fw->other_base = rm->base;
					fw->other_limit = rm->limit;
				}
				continue;
			}
			fw->rmrrs[fw->nrmrrs++] = (struct rt_rmrr){
				rm->base, rm->limit,
				(uint16_t)(sc->bus << 8 | sc->dev << 3 | sc->fn) };
		}
	}
	return 0;
}

int backend_read_dmar(const char *path, dmar_secondary_bus_fn sec, void *sec_arg,
		      struct rt_firmware *fw, char *why, size_t whylen)
{
	struct dmar_info info = { .secondary_bus = sec, .secondary_bus_arg = sec_arg };
	size_t err_off = 0, len = 0;
	unsigned char *buf;
	int rc;

	memset(fw, 0, sizeof(*fw));
	/* sysfs hands out a page per read(): read to the end */
	buf = (unsigned char *)read_file_max(path, RT_DMAR_MAX_BYTES, &len);
	if (!buf) {
		snprintf(why, whylen, "cannot read the ACPI DMAR table %s: %s", path,
			 errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
		return -1;
	}
	/* a counting pass sizes the arrays: the table decides how many, not us */
	rc = dmar_parse(buf, len, &info, &err_off);
	if (rc == -DMAR_ERR_NOSPACE) {
		info.units = calloc(info.n_units ? info.n_units : 1, sizeof(*info.units));
		info.rmrrs = calloc(info.n_rmrrs ? info.n_rmrrs : 1, sizeof(*info.rmrrs));
		info.scopes = calloc(info.n_scopes ? info.n_scopes : 1, sizeof(*info.scopes));
		info.units_cap = info.n_units;
		info.rmrrs_cap = info.n_rmrrs;
		info.scopes_cap = info.n_scopes;
		rc = !info.units || !info.rmrrs || !info.scopes
			     ? 1
			     : dmar_parse(buf, len, &info, &err_off);
	}
	free(buf);
	if (rc == 0 && collect(&info, fw))
		rc = 1;
	free(info.units);
	free(info.rmrrs);
	free(info.scopes);
	if (rc) {
		if (rc > 0)
			snprintf(why, whylen, "ACPI DMAR table %s: out of memory", path);
		else
			snprintf(why, whylen, "ACPI DMAR table %s: %s at offset %zu", path,
				 dmar_strerror(rc), err_off);
		backend_firmware_free(fw);
		return -1;
	}
	return 0;
}
