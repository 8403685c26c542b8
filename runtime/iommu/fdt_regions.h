/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Named memory regions of a device tree: the children of /reserved-memory.
 * One walk and one naming rule, used by smmucc --asinfo DTB and by smmuman's
 * late binding at boot, so that a name means the same region at compile
 * time and at boot (smmu(5), ASINFO):
 *
 *  - a region is named by its node name ("memory@85700000"), by the node
 *    name up to '@' ("memory"), and by every label /__symbols__ gives it (a
 *    symbol whose value is the node's path);
 *  - children whose status is other than "okay" or "ok" are no region;
 *  - a name that fits several regions is ambiguous, and only an error where
 *    it is looked up;
 *  - a region whose reg has several (address, size) entries is named entry
 *    by entry: NAME#N is entry N (from 0) under any of its names;
 *  - a region with size or alloc-ranges and no reg is placed by the OS at
 *    boot: it has a name, but no address to give.
 *
 * The walk reads the blob in place; the index (fdt_regidx.c) is built in one
 * pass and answers a lookup in time independent of the tree's size.
 */
#ifndef SMMU_FDT_REGIONS_H
#define SMMU_FDT_REGIONS_H

#include <stddef.h>
#include <stdint.h>

enum fdt_region_kind {
	FDT_REGION_REG,     /* has reg */
	FDT_REGION_DYNAMIC, /* size or alloc-ranges, no reg */
	FDT_REGION_NOREG,   /* neither */
};

struct fdt_region {
	const char *node;  /* node name, NUL-terminated, in the blob */
	size_t len;        /* strlen(node) */
	size_t baselen;    /* its length up to '@' */
	const void *reg;   /* reg (big-endian cells), or NULL */
	int reg_len;       /* bytes of reg */
	int ac, sc;        /* the parent's #address-cells, #size-cells */
	enum fdt_region_kind kind;
};

/*
 * fdt_check_full, after refusing what libfdt 1.6.1 cannot check safely (a
 * tree before version 16: -FDT_ERR_BADVERSION). Every reader of an
 * untrusted tree calls this first.
 */
int fdt_tree_check(const void *fdt, size_t size);

/* Called once per region, in tree order; a non-zero return stops the walk. */
typedef int (*fdt_region_fn)(void *arg, const struct fdt_region *r);
/* Called once per /__symbols__ label naming a child (node, nodelen bytes). */
typedef int (*fdt_label_fn)(void *arg, const char *label, const char *node, size_t nodelen);

/*
 * Checks the blob with fdt_check_full, then calls fn for every enabled
 * child of /reserved-memory, then lfn (if not NULL) for every label of a
 * child. Returns 0, a libfdt error (negative, see fdt_strerror), or what a
 * callback returned if non-zero. A missing /reserved-memory is no region
 * at all (0). Cells other than 1 or 2 are -FDT_ERR_BADNCELLS with their
 * values in *ac, *sc (may be NULL).
 */
int fdt_regions(const void *fdt, size_t size, fdt_region_fn fn, fdt_label_fn lfn, void *arg,
		int *ac, int *sc);

/* The number of whole (address, size) entries of r's reg, or -1 if reg is not whole. */
int fdt_region_nentries(const struct fdt_region *r);
/* Entry i of r's reg (i < fdt_region_nentries(r)). */
void fdt_region_entry(const struct fdt_region *r, int i, uint64_t *start, uint64_t *size);

/* ---- the index and the lookup (fdt_regidx.c) ---- */

struct fdt_region_index;

/*
 * Walks the blob once (fdt_regions) into a new index in *ix; the index
 * points into fdt, which must outlive it. Returns 0, a libfdt error, or
 * -FDT_ERR_NOSPACE when out of memory (*ac, *sc as for fdt_regions).
 */
int fdt_region_index(const void *fdt, size_t size, struct fdt_region_index **ix, int *ac,
		     int *sc);
void fdt_region_index_free(struct fdt_region_index *ix);
size_t fdt_region_count(const struct fdt_region_index *ix);

enum fdt_lookup {
	FDT_LOOKUP_OK,        /* start and size are the region's */
	FDT_LOOKUP_NONE,      /* no region has that name */
	FDT_LOOKUP_AMBIGUOUS, /* ncand regions have it; cand[] the first of them */
	FDT_LOOKUP_DYNAMIC,   /* placed by the OS at boot: bind it late */
	FDT_LOOKUP_NOREG,     /* neither reg nor size */
	FDT_LOOKUP_BADREG,    /* reg is not whole (address, size) entries */
	FDT_LOOKUP_SEVERAL,   /* nentries entries: name one as NAME#N */
	FDT_LOOKUP_NO_ENTRY,  /* NAME#N with N not below nentries */
	FDT_LOOKUP_EMPTY,     /* the entry's size is 0 */
	FDT_LOOKUP_WRAPS,     /* start + size goes past the 64-bit address space */
};

#define FDT_LOOKUP_MAX_CAND 8

struct fdt_lookup_result {
	enum fdt_lookup status;
	const struct fdt_region *r; /* the region named (from DYNAMIC on) */
	size_t ncand;
	const struct fdt_region *cand[FDT_LOOKUP_MAX_CAND];
	int entry, nentries; /* entry asked for (-1: none), entries of r */
	uint64_t start, size;
};

/* Looks name up by the rule above; returns res->status. */
enum fdt_lookup fdt_region_lookup(const struct fdt_region_index *ix, const char *name,
				  struct fdt_lookup_result *res);

/*
 * One name in a blob, for late binding at boot (an smmub_asinfo_fn's
 * answer): 0 and start/size when the lookup is FDT_LOOKUP_OK, else
 * SMMUB_ASINFO_AMBIGUOUS, SMMUB_ASINFO_NO_PLACE or SMMUB_ASINFO_NONE (also
 * for a blob that is not a valid device tree).
 */
int fdt_region_find(const void *fdt, size_t size, const char *name, uint64_t *start,
		    uint64_t *length);
/* The same on an index built once (NULL: a blob that is no valid tree). */
int fdt_region_answer(const struct fdt_region_index *ix, const char *name, uint64_t *start,
		      uint64_t *length);

#endif
