/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blobwalk: walk a policy blob's prebuilt VT-d tables the way the unit
 * will, on the host, so the end-to-end test can show which page size and
 * which domain a guest DMA goes through (the guest sees only allow/deny).
 *
 *   blobwalk BLOB [BUS:DEV.FN IOVA r|w]...
 *
 * Prints "TABLES levels=L pages=N sizes=4K[,2M][,1G]", then per query
 * "WALK BB:DD.F IOVA r|w ok page=4K|2M|1G did=N" or "... fault reason=0xR".
 * The tables are relocated to a notional base (0xc000000) first, as
 * smmuman does. Exit status: 0 ok, 1 the blob is invalid or has no
 * tables, 2 usage or I/O error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_pt.h"
#include "vtd/vtd_walk.h"

#define BASE 0xc000000ull

static void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

static const char *size_name(uint64_t size)
{
	return size == (1ull << 30) ? "1G" : size == (1ull << 21) ? "2M" : "4K";
}

static int query(const uint8_t *mem, uint64_t npages, const struct vtd_walk_cfg *cfg,
		 char **q)
{
	struct vtd_mem m = { mem, BASE, npages * 4096 };
	struct vtd_walk_res r;
	unsigned bus, dev, fn;
	unsigned long long iova;
	char *end;

	if (sscanf(q[0], "%x:%x.%u", &bus, &dev, &fn) != 3 || bus > 255 || dev > 31 || fn > 7)
		return -1;
	errno = 0;
	iova = strtoull(q[1], &end, 0);
	if (errno || *end || (strcmp(q[2], "r") && strcmp(q[2], "w")))
		return -1;
	vtd_walk(&m, cfg, BASE, (uint16_t)(bus << 8 | dev << 3 | fn), iova, q[2][0] == 'w', &r);
	printf("WALK %02x:%02x.%u 0x%llx %s ", bus, dev, fn, iova, q[2]);
	if (r.status == VTD_WALK_OK)
		printf("ok page=%s did=%u\n", size_name(r.page_size), r.did);
	else if (r.status == VTD_WALK_FAULT)
		printf("fault reason=0x%x\n", r.reason);
	else
		printf("outside-table-memory at 0x%" PRIx64 "\n", r.bad_addr);
	return 0;
}

int main(int argc, char **argv)
{
	struct smmub_view v;
	struct vtd_tables_view t;
	struct vtd_profile prof;
	struct vtd_walk_cfg cfg;
	uint64_t bad = 0;
	uint8_t *pages;
	size_t len;
	void *buf;
	int rc;

	if (argc < 2 || (argc - 2) % 3) {
		fprintf(stderr, "usage: blobwalk BLOB [BUS:DEV.FN IOVA r|w]...\n");
		return 2;
	}
	buf = slurp(argv[1], &len);
	if (!buf) {
		fprintf(stderr, "blobwalk: cannot read %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	rc = smmub_validate(buf, len, &v, &bad);
	if (rc == 0)
		rc = vtd_tables_view(&v, &t, &bad);
	if (rc || !t.present) {
		fprintf(stderr, "blobwalk: %s: %s at offset %" PRIu64 "\n", argv[1],
			rc ? smmub_strerror(rc) : "no prebuilt VT-d tables", bad);
		free(buf);
		return 1;
	}
	pages = malloc((size_t)t.npages * 4096);
	if (!pages) {
		free(buf);
		return 2;
	}
	vtd_tables_expand(&t, pages);
	for (uint32_t i = 0; i < t.nrelocs; i++) {
		uint64_t off = vtd_tables_reloc(&t, i), e;

		memcpy(&e, pages + off, sizeof(e));
		e += BASE;
		memcpy(pages + off, &e, sizeof(e));
	}
	printf("TABLES levels=%u pages=%u sizes=4K%s%s\n", t.levels, t.npages,
	       t.sizes_used & SMMUB_VTD_PGSZ_2M ? ",2M" : "",
	       t.sizes_used & SMMUB_VTD_PGSZ_1G ? ",1G" : "");
	prof = (struct vtd_profile){ t.levels, !!(t.sizes_allowed & SMMUB_VTD_PGSZ_2M),
				     !!(t.sizes_allowed & SMMUB_VTD_PGSZ_1G) };
	vtd_walk_cfg_from_profile(&prof, &cfg);
	rc = 0;
	for (int i = 2; i < argc; i += 3) {
		if (query(pages, t.npages, &cfg, argv + i)) {
			fprintf(stderr, "blobwalk: bad query '%s %s %s'\n", argv[i], argv[i + 1],
				argv[i + 2]);
			rc = 2;
		}
	}
	free(pages);
	free(buf);
	return rc;
}
