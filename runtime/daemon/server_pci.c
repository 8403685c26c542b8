/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The platform's PCI devices, for a wildcard attach (SMMU_PCI_FIELD_ANY):
 * the entries of a sysfs-style directory ("0000:00:03.0"), segment 0, as
 * requester ids, sorted. Names are hostile: only the exact form counts.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/server_int.h"

/* At most this many devices: a PCI segment holds 65,536 functions. */
#define PCI_MAX 65536u

static int by_rid(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* "0000:BB:DD.F": the requester id, or -1. */
static long rid_of(const char *name)
{
	unsigned seg, bus, dev, fn;
	char tail;

	if (strlen(name) != 12 || name[4] != ':' || name[7] != ':' || name[10] != '.' ||
	    sscanf(name, "%4x:%2x:%2x.%1x%c", &seg, &bus, &dev, &fn, &tail) != 4)
		return -1;
	if (seg || dev > 31 || fn > 7)
		return -1;
	return (long)(bus << 8 | dev << 3 | fn);
}

int srv_pci_list(const char *dir, uint32_t **rids, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	uint32_t *r = NULL;
	size_t k = 0, cap = 0;

	*rids = NULL;
	*n = 0;
	if (!d)
		return -ENOENT;
	while ((e = readdir(d))) {
		long rid = rid_of(e->d_name);

		if (rid < 0)
			continue;
		if (k == PCI_MAX)
			break;
		if (k == cap) {
			uint32_t *p = realloc(r, (cap ? cap * 2 : 64) * sizeof(*p));

			if (!p) {
				free(r);
				closedir(d);
				return -ENOMEM;
			}
			r = p;
			cap = cap ? cap * 2 : 64;
		}
		r[k++] = (uint32_t)rid;
	}
	closedir(d);
	if (k)
		qsort(r, k, sizeof(*r), by_rid);
	*rids = r;
	*n = k;
	return 0;
}
