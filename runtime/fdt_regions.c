/* SPDX-License-Identifier: BSD-2-Clause */
#include <libfdt.h>
#include <string.h>

#include "fdt_regions.h"

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

static int read_cells(const void *fdt, int node, const char *prop, int *out)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	if (!p) {
		/* the device tree specification's defaults */
		*out = !strcmp(prop, "#address-cells") ? 2 : 1;
		return 0;
	}
	if (len != 4)
		return -FDT_ERR_BADNCELLS;
	*out = (int)fdt32_to_cpu(*p);
	return *out >= 1 && *out <= 2 ? 0 : -FDT_ERR_BADNCELLS;
}

int fdt_regions(const void *fdt, size_t size, fdt_region_fn fn, void *arg, int *bad_node)
{
	int parent, node, ac, sc, rc;

	*bad_node = -1;
	rc = fdt_check_full(fdt, size);
	if (rc)
		return rc;
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent == -FDT_ERR_NOTFOUND)
		return 0;
	if (parent < 0)
		return parent;
	if ((rc = read_cells(fdt, parent, "#address-cells", &ac)) ||
	    (rc = read_cells(fdt, parent, "#size-cells", &sc))) {
		*bad_node = parent;
		return rc;
	}
	fdt_for_each_subnode(node, fdt, parent) {
		const char *name = fdt_get_name(fdt, node, NULL);
		const char *at = strchr(name, '@');
		const fdt32_t *reg;
		int len;

		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		if (len < (ac + sc) * 4) {
			*bad_node = node;
			return -FDT_ERR_BADVALUE;
		}
		rc = fn(arg, name, at ? (size_t)(at - name) : strlen(name), cells(reg, ac),
			cells(reg + ac, sc), node);
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
		   int node)
{
	struct find_arg *f = arg;

	(void)node;
	if (!f->found && strlen(f->name) == namelen && !memcmp(f->name, name, namelen)) {
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
	int bad;

	if (fdt_regions(fdt, size, find_cb, &f, &bad) || !f.found)
		return -1;
	*start = f.start;
	*length = f.size;
	return 0;
}
