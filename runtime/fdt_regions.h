/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Named memory regions of a device tree: the children of /reserved-memory,
 * each named by its node name up to '@', with the first (address, size)
 * pair of its reg decoded with the parent's #address-cells / #size-cells.
 * Used by smmucc --asinfo DTB and by smmuman's late binding at boot; reads
 * the blob in place, allocates nothing.
 */
#ifndef SMMU_FDT_REGIONS_H
#define SMMU_FDT_REGIONS_H

#include <stddef.h>
#include <stdint.h>

/* Called once per region; name is not NUL-terminated (namelen bytes). */
typedef int (*fdt_region_fn)(void *arg, const char *name, size_t namelen, uint64_t start,
			     uint64_t size, int node_offset);

/*
 * Checks the blob with fdt_check_full, then calls fn for every child of
 * /reserved-memory that has a reg property (nodes without one are dynamic
 * reservations: skipped). Returns 0, a libfdt error (negative, see
 * fdt_strerror), or what fn returned if non-zero. A missing
 * /reserved-memory is no region at all (0). *bad_node gets the offset of
 * a node whose reg or cells are malformed (then -FDT_ERR_BADVALUE or
 * -FDT_ERR_BADNCELLS).
 */
int fdt_regions(const void *fdt, size_t size, fdt_region_fn fn, void *arg, int *bad_node);

/* Finds one region by name: 0 and start/size, or -1. */
int fdt_region_find(const void *fdt, size_t size, const char *name, uint64_t *start,
		    uint64_t *length);

#endif
