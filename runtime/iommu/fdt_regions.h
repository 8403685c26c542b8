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

/*
 * Called once per region; name is the node name (NUL-terminated), the
 * region's name its first namelen bytes. reg_len is the length of reg in
 * bytes; start and size are valid only when it holds both cells.
 */
typedef int (*fdt_region_fn)(void *arg, const char *name, size_t namelen, uint64_t start,
			     uint64_t size, int reg_len, int need_len);

/*
 * Checks the blob with fdt_check_full, then calls fn for every child of
 * /reserved-memory that has a reg property (nodes without one are dynamic
 * reservations: skipped), in order, malformed ones included (reg_len <
 * need_len) so the caller can name each. Returns 0, a libfdt error
 * (negative, see fdt_strerror), or what fn returned if non-zero. A missing
 * /reserved-memory is no region at all (0). Cells other than 1 or 2 are
 * -FDT_ERR_BADNCELLS with their values in *ac, *sc (may be NULL).
 */
int fdt_regions(const void *fdt, size_t size, fdt_region_fn fn, void *arg, int *ac, int *sc);

/* Finds one region by name: 0 and start/size, or -1. */
int fdt_region_find(const void *fdt, size_t size, const char *name, uint64_t *start,
		    uint64_t *length);

#endif
