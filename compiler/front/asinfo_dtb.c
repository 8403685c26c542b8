/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * asinfo map from a device-tree blob: the children of /reserved-memory are
 * the regions (name up to '@'; reg decoded with the parent's #address-cells
 * and #size-cells; only the first address/size pair counts). Children
 * without reg are dynamic reservations with no fixed place and are skipped.
 * The blob is untrusted input: fdt_check_full() vets it before any read.
 * The walk itself is runtime/iommu/fdt_regions.c, shared with smmuman's late
 * binding, so compile time and boot read a device tree the same way.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "front/asinfo_int.h"
#include "iommu/fdt_regions.h"

struct dtb_ctx {
	struct asinfo_map *m;
	const char *path;
	struct diag_ctx *d;
	int errors;
	bool oom;
};

/* One /reserved-memory child: every problem named, none stopping the rest. */
static int on_region(void *arg, const char *name, size_t n, uint64_t start, uint64_t size,
		     int reg_len, int need_len)
{
	struct dtb_ctx *c = arg;
	struct srcpos none = {0, 0, 0};
	char key[256];

	if (reg_len < need_len) {
		diag_fatal(c->d, "%s: /reserved-memory/%s: reg has %d bytes, needs %d", c->path,
			   name, reg_len, need_len);
		c->errors++;
	} else if (n == 0) {
		diag_fatal(c->d, "%s: /reserved-memory/%s: empty region name", c->path, name);
		c->errors++;
	} else if (size == 0) {
		diag_fatal(c->d, "%s: /reserved-memory/%s: size 0", c->path, name);
		c->errors++;
	} else if (start + (size - 1) < start) {
		diag_fatal(c->d, "%s: /reserved-memory/%s: region goes past the 64-bit "
			   "address space", c->path, name);
		c->errors++;
	} else if (snprintf(key, sizeof(key), "%.*s", (int)n, name), asinfo_find(c->m, key)) {
		diag_fatal(c->d, "%s: /reserved-memory/%s: duplicate region '%s'", c->path, name,
			   key);
		c->errors++;
	} else if (asinfo_add(c->m, name, n, start, size, &none) < 0) {
		c->oom = true;
		return -1;
	}
	return 0;
}

int asinfo_read_dtb(struct asinfo_map *m, const char *path, const char *buf, size_t len,
		    struct diag_ctx *d)
{
	struct dtb_ctx c = { m, path, d, 0, false };
	int ac = 0, sc = 0, rc;

	rc = fdt_check_full(buf, len);
	if (rc < 0) {
		diag_fatal(d, "%s: not a valid device-tree blob: %s", path, fdt_strerror(rc));
		return -1;
	}
	rc = fdt_regions(buf, len, on_region, &c, &ac, &sc);
	if (c.oom) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	if (rc == -FDT_ERR_BADNCELLS) {
		diag_fatal(d, "%s: /reserved-memory: #address-cells and #size-cells must be 1 "
			   "or 2 (they are %d and %d)", path, ac, sc);
		return -1;
	}
	if (rc < 0) {
		diag_fatal(d, "%s: /reserved-memory: %s", path, fdt_strerror(rc));
		return -1;
	}
	return c.errors ? -1 : 0;
}
