/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the asinfo map readers: any bytes are read as
 * smmucc --asinfo reads a file (a device-tree blob if they start with its
 * magic, else YAML). Of a map that loads, every name is looked up:
 * properties: no crash, no sanitizer report, no hang; a name a region has
 * is never "no region"; a region given out is never empty nor wraps; the
 * boot-time lookup (fdt_region_find) answers as the compile-time one.
 *
 * Built with clang -fsanitize=fuzzer by 'make fuzz'; built with
 * -DFUZZ_STANDALONE as a plain program that runs the files named on its
 * command line (make check replays the seed corpus through it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/asinfo_int.h"
#include "front/srcfile.h"
#include "iommu/fdt_regions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct walk {
	struct asinfo_map *m;
	struct diag_ctx *d;
	const void *fdt;
	size_t size;
	unsigned n;
};

static void look_up(struct walk *w, const char *name, int must_exist)
{
	struct fdt_lookup_result res;
	struct srcpos pos = { 0, 0, 0 };
	uint64_t s = 0, l = 0, s2 = 0, l2 = 0;
	enum fdt_lookup st = fdt_region_lookup(w->m->dt, name, &res);

	if (must_exist && st == FDT_LOOKUP_NONE)
		abort(); /* a region's own name did not find it */
	if (st == FDT_LOOKUP_OK && (!res.size || res.start + (res.size - 1) < res.start))
		abort(); /* an empty or wrapping region given out */
	if (st == FDT_LOOKUP_AMBIGUOUS && res.ncand < 2)
		abort();
	/* the message of every outcome; the boot's lookup on a few */
	asinfo_dt_lookup(w->m, w->d, &pos, name, false, &s, &l);
	if (w->n++ < 16 && (fdt_region_find(w->fdt, w->size, name, &s2, &l2) == 0) !=
				   (st == FDT_LOOKUP_OK))
		abort(); /* boot and compile time disagree */
}

static int on_region(void *arg, const struct fdt_region *r)
{
	struct walk *w = arg;
	char *name = malloc(r->baselen + 3);

	look_up(w, r->node, 1);
	if (!name)
		return 0;
	memcpy(name, r->node, r->baselen);
	name[r->baselen] = '\0';
	look_up(w, name, 1);
	memcpy(name + r->baselen, "#1", 3);
	look_up(w, name, 0);
	free(name);
	return 0;
}

static int on_label(void *arg, const char *label, const char *node, size_t nodelen)
{
	struct walk *w = arg;

	(void)node;
	(void)nodelen;
	look_up(w, label, 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct asinfo_map *m;
	struct diag_ctx d;
	char *buf;
	int rc;

	if (!sink)
		sink = fopen("/dev/null", "w");
	m = calloc(1, sizeof(*m));
	buf = malloc(size + 1);
	if (!sink || !m || !buf || !(m->file = strdup("fuzz.asinfo"))) {
		free(m);
		free(buf);
		return 0;
	}
	memcpy(buf, data, size);
	buf[size] = 0;
	diag_init(&d, sink);
	if (size >= 4 && !memcmp(buf, "\xd0\x0d\xfe\xed", 4)) {
		rc = asinfo_read_dtb(m, m->file, buf, size, &d);
		if (rc == 0) {
			struct walk w = { m, &d, buf, size, 0 };

			fdt_regions(buf, size, on_region, on_label, &w, NULL, NULL);
		}
	} else {
		rc = asinfo_read_yaml(m, m->file, buf, size, &d);
		for (size_t i = 0; rc == 0 && i < m->n; i++) {
			uint64_t s = 0, l = 0;

			if (asinfo_lookup(m, m->regs[i].name, &s, &l) || !l || s + (l - 1) < s)
				abort();
		}
	}
	asinfo_free(m);
	srcfile_free_all();
	return 0;
}

#include "fuzz_main.h"
