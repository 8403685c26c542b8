/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals of the asinfo map shared by asinfo.c and its two readers. */
#ifndef SMMU_ASINFO_INT_H
#define SMMU_ASINFO_INT_H

#include <stddef.h>
#include <stdint.h>
#include "front/frontend.h"

struct asinfo_region {
	char *name;
	uint64_t start, length;
	struct srcpos pos; /* where it was defined (line 0 for a DTB) */
};

const struct asinfo_region *asinfo_find(const struct asinfo_map *m, const char *name);
/* 0, or -1 on allocation failure. */
int asinfo_add(struct asinfo_map *m, const char *name, size_t nlen, uint64_t start,
	       uint64_t length, const struct srcpos *pos);

/* Fill m; -1 after reporting every problem. The YAML reader takes buf. */
int asinfo_read_yaml(struct asinfo_map *m, const char *path, char *buf, size_t len,
		     struct diag_ctx *d);
int asinfo_read_dtb(struct asinfo_map *m, const char *path, const char *buf, size_t len,
		    struct diag_ctx *d);

#endif
