/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_board.h"

static void *alloc(size_t n, size_t sz)
{
	return calloc(n ? n : 1, sz);
}

static size_t segment0_host(const struct smmuv3_fdt_info *in)
{
	size_t first = SMMUV3_FDT_NONE;

	for (size_t i = 0; i < in->n_hosts; i++) {
		if (in->hosts[i].has_domain && in->hosts[i].domain == 0)
			return i;
		if (!in->hosts[i].has_domain && first == SMMUV3_FDT_NONE)
			first = i;
	}
	return first;
}

int smmuv3_board_parse(const void *fdt, size_t len, struct smmuv3_fdt_info *in, size_t *host0)
{
	int rc;

	memset(in, 0, sizeof(*in));
	*host0 = SMMUV3_FDT_NONE;
	rc = smmuv3_fdt_parse(fdt, len, in);
	if (rc != -SMMUV3_FDT_ERR_NOSPACE)
		return rc;
	in->units = alloc(in->n_units, sizeof(*in->units));
	in->hosts = alloc(in->n_hosts, sizeof(*in->hosts));
	in->maps = alloc(in->n_maps, sizeof(*in->maps));
	in->masters = alloc(in->n_masters, sizeof(*in->masters));
	in->streams = alloc(in->n_streams, sizeof(*in->streams));
	if (!in->units || !in->hosts || !in->maps || !in->masters || !in->streams)
		return 1;
	in->units_cap = in->n_units;
	in->hosts_cap = in->n_hosts;
	in->maps_cap = in->n_maps;
	in->masters_cap = in->n_masters;
	in->streams_cap = in->n_streams;
	rc = smmuv3_fdt_parse(fdt, len, in);
	if (!rc)
		*host0 = segment0_host(in);
	return rc;
}

void smmuv3_board_free(struct smmuv3_fdt_info *in)
{
	free(in->units);
	free(in->hosts);
	free(in->maps);
	free(in->masters);
	free(in->streams);
	memset(in, 0, sizeof(*in));
}

int smmuv3_board_stream(const struct smmuv3_fdt_info *in, size_t host0, bool mem, uint32_t rid,
			uint64_t mmio, size_t *unit, uint32_t *sid)
{
	const struct smmuv3_fdt_master *m;
	size_t k;
	int rc;

	if (!mem)
		return host0 == SMMUV3_FDT_NONE
			       ? -SMMUV3_FDT_ERR_NO_MAP
			       : smmuv3_fdt_pci_sid(in, host0, rid, unit, sid);
	if ((rc = smmuv3_fdt_master_at(in, mmio, &k)))
		return rc;
	m = &in->masters[k];
	if (m->n_streams != 1)
		return m->n_streams ? -SMMUV3_FDT_ERR_AMBIGUOUS : -SMMUV3_FDT_ERR_UNMAPPED;
	*unit = in->streams[m->first_stream].unit;
	*sid = in->streams[m->first_stream].sid;
	return 0;
}
