/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * asinfo map from a device-tree blob: the children of /reserved-memory are
 * the regions (name up to '@'; reg decoded with the parent's #address-cells
 * and #size-cells; only the first address/size pair counts). Children
 * without reg are dynamic reservations with no fixed place and are skipped.
 * The blob is untrusted input: fdt_check_full() vets it before any read.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <string.h>
#include "asinfo_int.h"

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

static int prop_cells(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return dflt;
	if (len != 4)
		return -1;
	return (int)fdt32_to_cpu(*p);
}

int asinfo_read_dtb(struct asinfo_map *m, const char *path, const char *buf, size_t len,
		    struct diag_ctx *d)
{
	int rm, node, ac, sc, errors = 0, rc;
	struct srcpos none = {NULL, 0, 0};

	rc = fdt_check_full(buf, len);
	if (rc < 0) {
		diag_fatal(d, "%s: not a valid device-tree blob: %s", path, fdt_strerror(rc));
		return -1;
	}
	rm = fdt_path_offset(buf, "/reserved-memory");
	if (rm < 0)
		return 0; /* no reservations: every lookup fails by name */
	/* the devicetree specification's defaults */
	ac = prop_cells(buf, rm, "#address-cells", 2);
	sc = prop_cells(buf, rm, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		diag_fatal(d, "%s: /reserved-memory: #address-cells and #size-cells must be 1 "
			   "or 2 (they are %d and %d)", path, ac, sc);
		return -1;
	}
	fdt_for_each_subnode(node, buf, rm) {
		int nl, rl;
		const char *name = fdt_get_name(buf, node, &nl), *at;
		const fdt32_t *reg = fdt_getprop(buf, node, "reg", &rl);
		uint64_t start, size;
		size_t n;

		if (!name || !reg)
			continue;
		at = memchr(name, '@', (size_t)nl);
		n = at ? (size_t)(at - name) : (size_t)nl;
		if (rl < (ac + sc) * 4) {
			diag_fatal(d, "%s: /reserved-memory/%s: reg has %d bytes, needs %d", path,
				   name, rl, (ac + sc) * 4);
			errors++;
			continue;
		}
		start = cells(reg, ac);
		size = cells(reg + ac, sc);
		if (n == 0) {
			diag_fatal(d, "%s: /reserved-memory/%s: empty region name", path, name);
			errors++;
		} else if (size == 0) {
			diag_fatal(d, "%s: /reserved-memory/%s: size 0", path, name);
			errors++;
		} else if (start + (size - 1) < start) {
			diag_fatal(d, "%s: /reserved-memory/%s: region goes past the 64-bit "
				   "address space", path, name);
			errors++;
		} else {
			char key[256];

			snprintf(key, sizeof(key), "%.*s", (int)n, name);
			if (asinfo_find(m, key)) {
				diag_fatal(d, "%s: /reserved-memory/%s: duplicate region '%s'",
					   path, name, key);
				errors++;
			} else if (asinfo_add(m, name, n, start, size, &none) < 0) {
				diag_fatal(d, "out of memory");
				return -1;
			}
		}
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND) {
		diag_fatal(d, "%s: /reserved-memory: %s", path, fdt_strerror(node));
		return -1;
	}
	return errors ? -1 : 0;
}
