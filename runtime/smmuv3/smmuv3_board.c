/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/input.h"
#include "iommu/streams.h"
#include "smmuv3/smmuv3_board.h"
#include "util/escape.h"
#include "util/readall.h"

/*
 * The arrays' first capacities: any board we know of fits them, so its
 * tree is read once; a larger one is read again into arrays sized by the
 * counts of the first reading, so at most twice, whatever the tree.
 */
#define FIRST_UNITS	16
#define FIRST_HOSTS	16
#define FIRST_MAPS	64
#define FIRST_MASTERS	64
#define FIRST_STREAMS	256

static void free_arrays(struct smmuv3_fdt_info *in)
{
	free(in->units);
	free(in->hosts);
	free(in->maps);
	free(in->masters);
	free(in->streams);
	in->units = NULL;
	in->hosts = NULL;
	in->maps = NULL;
	in->masters = NULL;
	in->streams = NULL;
	in->units_cap = in->hosts_cap = in->maps_cap = in->masters_cap = in->streams_cap = 0;
}

/* Arrays of these capacities (at least one each): 0, or -1 with none. */
static int alloc_arrays(struct smmuv3_fdt_info *in, size_t units, size_t hosts, size_t maps,
			size_t masters, size_t streams)
{
	in->units = calloc(units ? units : 1, sizeof(*in->units));
	in->hosts = calloc(hosts ? hosts : 1, sizeof(*in->hosts));
	in->maps = calloc(maps ? maps : 1, sizeof(*in->maps));
	in->masters = calloc(masters ? masters : 1, sizeof(*in->masters));
	in->streams = calloc(streams ? streams : 1, sizeof(*in->streams));
	if (!in->units || !in->hosts || !in->maps || !in->masters || !in->streams) {
		free_arrays(in);
		return -1;
	}
	in->units_cap = units;
	in->hosts_cap = hosts;
	in->maps_cap = maps;
	in->masters_cap = masters;
	in->streams_cap = streams;
	return 0;
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
	if (alloc_arrays(in, FIRST_UNITS, FIRST_HOSTS, FIRST_MAPS, FIRST_MASTERS, FIRST_STREAMS))
		return 1;
	rc = smmuv3_fdt_parse(fdt, len, in);
	if (rc == -SMMUV3_FDT_ERR_NOSPACE) {
		free_arrays(in);
		if (alloc_arrays(in, in->n_units, in->n_hosts, in->n_maps, in->n_masters,
				 in->n_streams))
			return 1;
		rc = smmuv3_fdt_parse(fdt, len, in);
	}
	/* an error leaves the counts and where, and nothing to free */
	if (rc)
		free_arrays(in);
	else
		*host0 = segment0_host(in);
	return rc;
}

void smmuv3_board_free(struct smmuv3_fdt_info *in)
{
	free_arrays(in);
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

/* The simulated board's tree: the units it declares into info. 0, or -1 with why. */
static int read_board(const char *path, struct smmuv3_fdt_info *info, size_t *host0, char *why,
		      size_t whylen)
{
	char e[512];
	size_t len;
	char *buf = read_fdt_max(path, SMMUV3_BOARD_MAX_SIZE, &len);
	int rc;

	esc_str(path, e, sizeof(e));
	if (!buf) {
		snprintf(why, whylen, "board tree %s: %s", e, strerror(errno));
		return -1;
	}
	rc = smmuv3_board_parse(buf, len, info, host0);
	free(buf);
	if (rc) {
		snprintf(why, whylen, "board tree %s: %s", e,
			 rc == 1 ? "out of memory" : smmuv3_fdt_strerror(rc));
		smmuv3_board_free(info);
		return -1;
	}
	return 0;
}

/*
 * The tree's StreamID for the device a policy StreamID stands for, where
 * the policy took it by rule (no use SID): the tables were built for the
 * rule's, so a tree that says otherwise is a board they do not fit.
 */
static int stream_differs(const struct smmub_view *v, const struct smmuv3_fdt_info *info,
			  size_t host0, uint32_t dev, uint32_t rid, char *why, size_t whylen)
{
	const struct smmub_device *dv = smmub_device(v, dev);
	bool mem = smmub_le32(dv->kind) == SMMUB_DEV_MEM;
	uint32_t want, got;
	size_t unit;
	char name[32];

	if ((smmub_le32(dv->flags) & SMMUB_DEVF_USE_PARAM) ||
	    iommu_entry_stream(v, dev, rid, true, &want) ||
	    smmuv3_board_stream(info, host0, mem, rid, smmub_le64(dv->paddr), &unit, &got) ||
	    got == want)
		return 0;
	if (mem)
		snprintf(name, sizeof(name), "mem:0x%llx",
			 (unsigned long long)smmub_le64(dv->paddr));
	else
		snprintf(name, sizeof(name), "pci:%u:%u.%u", rid >> 8, (rid >> 3) & 31, rid & 7);
	snprintf(why, whylen, "the board's tree gives %s StreamID %u, the policy's tables %u: "
			      "compile it with smmucc --board", name, got, want);
	return 1;
}

/* Every granted device's StreamID as the tree gives it. 0, or 1 with why. */
static int check_streams(const struct smmub_view *v, const struct smmuv3_fdt_info *info,
			 size_t host0, char *why, size_t whylen)
{
	uint32_t n = v ? smmub_count(v, SMMUB_SEC_DEVICES) : 0;

	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_device *dv = smmub_device(v, i);
		uint32_t kind = smmub_le32(dv->kind), first = smmub_le32(dv->sid);
		long cnt;

		if (smmub_le32(dv->domain) == SMMUB_NONE)
			continue;
		if (kind == SMMUB_DEV_MEM) {
			if (stream_differs(v, info, host0, i, 0, why, whylen))
				return 1;
			continue;
		}
		cnt = iommu_pci_expand(kind, first >> 8, (first >> 3) & 31, first & 7, NULL, 0);
		for (long k = 0; k < cnt; k++)
			if (smmub_lookup_pci(v, first + (uint32_t)k) == (int)i &&
			    stream_differs(v, info, host0, i, first + (uint32_t)k, why, whylen))
				return 1;
	}
	return 0;
}

int smmuv3_board_units(const char *path, const struct smmub_view *v, struct rt_unit **u, int n,
		       bool strict, char *why, size_t whylen)
{
	struct smmuv3_fdt_info info;
	size_t host0;
	int rc = 0;

	if (read_board(path, &info, &host0, why, whylen))
		return -1;
	for (int i = 0; strict && i < n && !*why; i++) {
		size_t k = 0;

		while (k < info.n_units && info.units[k].base != (*u)[i].reg_base)
			k++;
		if (k == info.n_units)
			snprintf(why, whylen, "unit %s at 0x%llx is not in the board's tree",
				 (*u)[i].name, (unsigned long long)(*u)[i].reg_base);
	}
	if (n == 0 && info.n_units) {
		*u = calloc(info.n_units, sizeof(**u));
		for (size_t k = 0; *u && k < info.n_units; k++) {
			snprintf((*u)[k].name, sizeof((*u)[k].name), "smmu%zu", k);
			(*u)[k].reg_base = info.units[k].base;
		}
		rc = *u ? (int)info.n_units : -1;
	}
	if (!*why)
		check_streams(v, &info, host0, why, whylen);
	smmuv3_board_free(&info);
	return rc < 0 ? rc : (n ? n : rc);
}
