/* SPDX-License-Identifier: BSD-2-Clause */
#include <libfdt.h>
#include <string.h>

#include "iommu/fdt_regions.h"

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* A cell count, or the specification's default when absent; -1 if malformed. */
static int read_cells(const void *fdt, int node, const char *prop, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	if (!p)
		return dflt;
	return len == 4 ? (int)fdt32_to_cpu(*p) : -1;
}

int fdt_regions(const void *fdt, size_t size, fdt_region_fn fn, void *arg, int *acp, int *scp)
{
	int parent, node, ac, sc, rc;

	rc = fdt_check_full(fdt, size);
	if (rc)
		return rc;
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent == -FDT_ERR_NOTFOUND)
		return 0;
	if (parent < 0)
		return parent;
	ac = read_cells(fdt, parent, "#address-cells", 2);
	sc = read_cells(fdt, parent, "#size-cells", 1);
	if (acp)
		*acp = ac;
	if (scp)
		*scp = sc;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	fdt_for_each_subnode(node, fdt, parent) {
		const char *name = fdt_get_name(fdt, node, NULL);
		const fdt32_t *reg;
		const char *at;
		int len, need = (ac + sc) * 4;
		uint64_t start = 0, rsize = 0;

		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!name || !reg)
			continue;
		at = strchr(name, '@');
		if (len >= need) {
			start = cells(reg, ac);
			rsize = cells(reg + ac, sc);
		}
		rc = fn(arg, name, at ? (size_t)(at - name) : strlen(name), start, rsize, len, need);
		if (rc)
			return rc;
	}
	return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

struct find_arg {
	const char *name;
	uint64_t start, size;
	int found;
};

static int find_cb(void *arg, const char *name, size_t namelen, uint64_t start, uint64_t size,
		   int reg_len, int need_len)
{
	struct find_arg *f = arg;

	if (reg_len >= need_len && !f->found && strlen(f->name) == namelen &&
	    !memcmp(f->name, name, namelen)) {
		f->found = 1;
		f->start = start;
		f->size = size;
	}
	return 0;
}

int fdt_region_find(const void *fdt, size_t size, const char *name, uint64_t *start,
		    uint64_t *length)
{
	struct find_arg f = { name, 0, 0, 0 };

	if (fdt_regions(fdt, size, find_cb, &f, NULL, NULL) || !f.found)
		return -1;
	*start = f.start;
	*length = f.size;
	return 0;
}
