/* SPDX-License-Identifier: BSD-2-Clause */
/* The walk over /reserved-memory; the naming rule is in fdt_regions.h. */
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

/* A string property of exactly len bytes, its NUL the last; else NULL. */
static const char *str_prop(const char *v, int len)
{
	return v && len > 0 && v[len - 1] == '\0' && strlen(v) == (size_t)len - 1 ? v : NULL;
}

/*
 * The devicetree specification's "okay" (and the older "ok") enable a
 * node; an absent status does too. Anything else, a malformed value
 * included, leaves the node out: a region nobody can name is safe.
 */
static int status_ok(const char *v, int len)
{
	v = str_prop(v, len);
	return v && (!strcmp(v, "okay") || !strcmp(v, "ok"));
}

/*
 * The properties that make r, in one pass over the node's (a lookup per
 * name would pass over them once each); the first of a repeated name
 * counts, as with fdt_getprop. 0 if the node is not enabled.
 */
static int node_props(const void *fdt, int node, struct fdt_region *r)
{
	int prop, len, status = 0, dynamic = 0, enabled = 1;
	const char *name;
	const void *v;

	fdt_for_each_property_offset(prop, fdt, node) {
		v = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!v || !name)
			continue;
		if (!strcmp(name, "reg") && !r->reg) {
			r->reg = v;
			r->reg_len = len;
		} else if (!strcmp(name, "size") || !strcmp(name, "alloc-ranges")) {
			dynamic = 1;
		} else if (!strcmp(name, "status") && !status) {
			status = 1;
			enabled = status_ok(v, len);
		}
	}
	r->kind = r->reg ? FDT_REGION_REG : dynamic ? FDT_REGION_DYNAMIC : FDT_REGION_NOREG;
	return enabled;
}

/*
 * The labels of /reserved-memory's children: a /__symbols__ property whose
 * value is "/PARENT/CHILD" (one path, PARENT the node the walk used).
 */
static int labels(const void *fdt, const char *parent, fdt_label_fn lfn, void *arg)
{
	size_t plen = strlen(parent);
	int sym = fdt_path_offset(fdt, "/__symbols__"), prop, rc;

	if (sym < 0)
		return sym == -FDT_ERR_NOTFOUND ? 0 : sym;
	fdt_for_each_property_offset(prop, fdt, sym) {
		const char *label, *v;
		int len;

		v = fdt_getprop_by_offset(fdt, prop, &label, &len);
		v = str_prop(v, len);
		if (!v || !label || v[0] != '/' || strncmp(v + 1, parent, plen) ||
		    v[1 + plen] != '/' || !v[2 + plen] || strchr(v + 2 + plen, '/'))
			continue;
		rc = lfn(arg, label, v + 2 + plen, strlen(v + 2 + plen));
		if (rc)
			return rc;
	}
	return prop == -FDT_ERR_NOTFOUND ? 0 : prop;
}

int fdt_tree_check(const void *fdt, size_t size)
{
	/*
	 * libfdt 1.6.1's fdt_check_full reads a NULL root name in a tree
	 * before version 16 whose root name has no '/' (a fuzzer's find):
	 * such trees (dtc writes version 17) never reach it.
	 */
	if (size >= sizeof(struct fdt_header) && !fdt_check_header(fdt) && fdt_version(fdt) < 16)
		return -FDT_ERR_BADVERSION;
	return fdt_check_full(fdt, size);
}

int fdt_regions(const void *fdt, size_t size, fdt_region_fn fn, fdt_label_fn lfn, void *arg,
		int *acp, int *scp)
{
	int parent, node, ac, sc, rc;
	const char *pname;

	rc = fdt_tree_check(fdt, size);
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
		struct fdt_region r = { .ac = ac, .sc = sc };
		const char *at;

		r.node = fdt_get_name(fdt, node, NULL);
		if (!r.node || !node_props(fdt, node, &r))
			continue;
		r.len = strlen(r.node);
		at = strchr(r.node, '@');
		r.baselen = at ? (size_t)(at - r.node) : r.len;
		rc = fn(arg, &r);
		if (rc)
			return rc;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return node;
	pname = fdt_get_name(fdt, parent, NULL);
	return lfn && pname ? labels(fdt, pname, lfn, arg) : 0;
}

int fdt_region_nentries(const struct fdt_region *r)
{
	int one = (r->ac + r->sc) * 4;

	if (r->kind != FDT_REGION_REG || r->reg_len <= 0 || r->reg_len % one)
		return -1;
	return r->reg_len / one;
}

void fdt_region_entry(const struct fdt_region *r, int i, uint64_t *start, uint64_t *size)
{
	const fdt32_t *p = (const fdt32_t *)r->reg + i * (r->ac + r->sc);

	*start = cells(p, r->ac);
	*size = cells(p + r->ac, r->sc);
}
