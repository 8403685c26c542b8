/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals of the asinfo map shared by asinfo.c and its two readers. */
#ifndef SMMU_ASINFO_INT_H
#define SMMU_ASINFO_INT_H

#include <stddef.h>
#include <stdint.h>
#include "front/frontend.h"
#include "front/ntab.h"

struct asinfo_region {
	char *name;
	uint64_t start, length;
	struct srcpos pos; /* where it was defined */
};

/* A YAML map fills regs; a device-tree blob is kept whole with its index. */
struct asinfo_map {
	char *file;
	struct asinfo_region *regs;
	size_t n;
	struct ntab index;
	char *dtb;
	struct fdt_region_index *dt;
};

const struct asinfo_region *asinfo_find(const struct asinfo_map *m, const char *name);
/* 0, or -1 on allocation failure. */
int asinfo_add(struct asinfo_map *m, const char *name, size_t nlen, uint64_t start,
	       uint64_t length, const struct srcpos *pos);

/*
 * Fill m; -1 after reporting every problem. Both take buf: the YAML reader
 * hands it to srcfile.c, the DTB reader keeps it in m (the index points into it).
 */
int asinfo_read_yaml(struct asinfo_map *m, const char *path, char *buf, size_t len,
		     struct diag_ctx *d);
int asinfo_read_dtb(struct asinfo_map *m, const char *path, char *buf, size_t len,
		    struct diag_ctx *d);

/*
 * A reference into a device-tree map: 0 and *start, *length; 1 if it is
 * left to boot (under late_bind, a name the tree lacks or a region the OS
 * places at boot); else -1, with the reason reported at pos (if d is set).
 */
int asinfo_dt_lookup(const struct asinfo_map *m, struct diag_ctx *d, const struct srcpos *pos,
		     const char *name, bool late_bind, uint64_t *start, uint64_t *length);

#endif
