/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the device-tree suites share: output arrays poisoned before every
 * parse, a tree buffer, and a node's path for exact assertions.
 */
#ifndef SMMU_TESTS_SMMUV3_FDT_TB_H
#define SMMU_TESTS_SMMUV3_FDT_TB_H

#include <stdio.h>
#include <libfdt.h>
#include <string.h>

#include "smmuv3/smmuv3_fdt.h"

#define CAP 16
static struct smmuv3_fdt_unit units[CAP];
static struct smmuv3_fdt_host hosts[CAP];
static struct smmuv3_fdt_map maps[CAP];
static struct smmuv3_fdt_master masters[CAP];
static struct smmuv3_fdt_stream streams[CAP];
static struct smmuv3_fdt_info info;
static char tree[1 << 18];

/* Reads dir/name into tree; returns its length (the test fails if it cannot). */
static inline size_t load_tree(const char *dir, const char *name)
{
	char path[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(tree, 1, sizeof(tree), f);
	fclose(f);
	return n;
}

static inline int parse_len(const void *fdt, size_t len)
{
	memset(&info, 0, sizeof(info));
	memset(units, 0xa5, sizeof(units));
	memset(hosts, 0xa5, sizeof(hosts));
	memset(maps, 0xa5, sizeof(maps));
	memset(masters, 0xa5, sizeof(masters));
	memset(streams, 0xa5, sizeof(streams));
	info.units = units;
	info.units_cap = CAP;
	info.hosts = hosts;
	info.hosts_cap = CAP;
	info.maps = maps;
	info.maps_cap = CAP;
	info.masters = masters;
	info.masters_cap = CAP;
	info.streams = streams;
	info.streams_cap = CAP;
	return smmuv3_fdt_parse(fdt, len, &info);
}

static inline int parse(const void *fdt)
{
	return parse_len(fdt, fdt_totalsize(fdt));
}

static inline const char *path_of(const void *fdt, int node)
{
	static char p[256];

	if (node < 0 || fdt_get_path(fdt, node, p, sizeof(p)))
		return "?";
	return p;
}

/* Unit i is the node at path, its registers at base (size bytes), with this phandle. */
static inline void check_unit(size_t i, const void *fdt, const char *path, uint64_t base,
			      uint64_t size, uint32_t phandle, bool coherent)
{
	CU_ASSERT_STRING_EQUAL(path_of(fdt, units[i].node), path);
	CU_ASSERT_EQUAL(units[i].base, base);
	CU_ASSERT_EQUAL(units[i].size, size);
	CU_ASSERT_EQUAL(units[i].phandle, phandle);
	CU_ASSERT_EQUAL(units[i].coherent, coherent);
}

#endif
