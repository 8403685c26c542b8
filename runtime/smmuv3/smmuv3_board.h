/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The board's SMMUv3 topology as smmucc --board and smmuman read it: the
 * tree parsed into arrays of its own (smmuv3_fdt.h fills caller arrays:
 * first ones of a fixed size, which any known board fits, else ones sized
 * by the counts of that first pass), the PCI host bridge the language's
 * specs mean, and a device's unit and StreamID by the tree.
 */
#ifndef SMMU_SMMUV3_BOARD_H
#define SMMU_SMMUV3_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"
#include "iommu/backend.h"
#include "smmuv3/smmuv3_fdt.h"

/* Bound on a tree file: arm64 Linux's MAX_FDT_SIZE. */
#define SMMUV3_BOARD_MAX_SIZE (2u << 20)

/*
 * Parses fdt[0..len) into info (arrays allocated: smmuv3_board_free) and
 * *host0, the host bridge of PCI segment 0 (linux,pci-domain 0, else the
 * first without that property, as Linux numbers them), or SMMUV3_FDT_NONE.
 * Returns 0, the reader's negative code (info->err_node says where), or 1
 * when out of memory.
 */
int smmuv3_board_parse(const void *fdt, size_t len, struct smmuv3_fdt_info *info,
		       size_t *host0);
void smmuv3_board_free(struct smmuv3_fdt_info *info);

/*
 * The unit and StreamID the tree gives a PCI requester id (mem false) or
 * the master whose first reg is at mmio: 0, or a negative SMMUV3_FDT_ERR_*
 * (NO_MAP, UNMAPPED, OTHER: behind no SMMUv3; NO_MASTER; AMBIGUOUS; a
 * master with several StreamIDs on SMMUv3 units is -SMMUV3_FDT_ERR_AMBIGUOUS).
 */
int smmuv3_board_stream(const struct smmuv3_fdt_info *info, size_t host0, bool mem,
			uint32_t rid, uint64_t mmio, size_t *unit, uint32_t *sid);

/*
 * The board's tree at path (a file: --board, or the live /sys/firmware/fdt)
 * against policy v, for both access methods: with the policy's n units
 * (*u), each must be in the tree when strict (the sim: the tree is the
 * whole board; devmem: the policy's unit lines override the firmware);
 * with none, the tree's units into a new *u, named smmuN. Every granted
 * device must have the StreamID in the tree that the tables were built
 * for. Returns the unit count, with why set when the board does not fit
 * the policy (the units still returned, so they can be blocked), or -1
 * with why when the tree cannot be read or memory runs out.
 */
int smmuv3_board_units(const char *path, const struct smmub_view *v, struct rt_unit **u, int n,
		       bool strict, char *why, size_t whylen);

#endif
