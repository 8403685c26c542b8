/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Answers on a topology smmuv3_fdt_parse (smmuv3_fdt.c) filled in: a PCI
 * requester id's unit and StreamID, the master at an address, and the
 * error texts. Apart from the reader, whose hostile-input walk of the tree
 * is long enough on its own; nothing here reads the tree.
 */
#include "smmuv3/smmuv3_fdt.h"

int smmuv3_fdt_pci_sid(const struct smmuv3_fdt_info *info, size_t host, uint32_t rid,
		       size_t *unit, uint32_t *sid)
{
	const struct smmuv3_fdt_host *h;

	if (!info || !info->hosts || host >= info->n_hosts || host >= info->hosts_cap ||
	    !unit || !sid)
		return -SMMUV3_FDT_ERR_BADARG;
	h = &info->hosts[host];
	if (!h->has_map)
		return -SMMUV3_FDT_ERR_NO_MAP;
	if (h->n_maps && (!info->maps || h->first_map + h->n_maps > info->maps_cap))
		return -SMMUV3_FDT_ERR_BADARG;
	rid &= h->map_mask;
	for (size_t i = h->first_map; i < h->first_map + h->n_maps; i++) {
		const struct smmuv3_fdt_map *m = &info->maps[i];

		if (rid < m->rid_base || rid - m->rid_base >= m->length)
			continue;
		if (m->unit == SMMUV3_FDT_NONE)
			return -SMMUV3_FDT_ERR_OTHER;
		*unit = m->unit;
		*sid = rid - m->rid_base + m->sid_base;
		return 0;
	}
	return -SMMUV3_FDT_ERR_UNMAPPED;
}

int smmuv3_fdt_master_at(const struct smmuv3_fdt_info *info, uint64_t paddr, size_t *master)
{
	size_t n, found = SMMUV3_FDT_NONE;

	if (!info || !master || (info->n_masters && !info->masters))
		return -SMMUV3_FDT_ERR_BADARG;
	n = info->n_masters < info->masters_cap ? info->n_masters : info->masters_cap;
	for (size_t i = 0; i < n; i++) {
		if (!info->masters[i].has_addr || info->masters[i].addr != paddr)
			continue;
		if (found != SMMUV3_FDT_NONE)
			return -SMMUV3_FDT_ERR_AMBIGUOUS;
		found = i;
	}
	if (found == SMMUV3_FDT_NONE)
		return -SMMUV3_FDT_ERR_NO_MASTER;
	*master = found;
	return 0;
}

static const char *const errtext[SMMUV3_FDT_ERR_MAX + 1] = {
	[0] = "success",
	[SMMUV3_FDT_ERR_BADARG] = "invalid argument",
	[SMMUV3_FDT_ERR_TREE] = "not a valid flattened device tree",
	[SMMUV3_FDT_ERR_DEPTH] = "nodes nested too deep",
	[SMMUV3_FDT_ERR_CELLS] = "#address-cells or #size-cells not one cell, or above 2",
	[SMMUV3_FDT_ERR_REG] = "reg shorter than one address and size",
	[SMMUV3_FDT_ERR_RANGES] = "ranges not whole entries",
	[SMMUV3_FDT_ERR_UNIT_REG] =
		"SMMUv3 reg: missing, no CPU address, size 0, wraps, or not 64 KiB aligned",
	[SMMUV3_FDT_ERR_UNIT_CELLS] = "SMMUv3 #iommu-cells is not <1>",
	[SMMUV3_FDT_ERR_IOMMU_CELLS] = "#iommu-cells not one cell, or above 8",
	[SMMUV3_FDT_ERR_TOO_MANY] = "more than 256 IOMMU nodes",
	[SMMUV3_FDT_ERR_DUP_PHANDLE] = "an IOMMU's phandle is also another node's",
	[SMMUV3_FDT_ERR_PHANDLE] = "reference to a phandle no node has",
	[SMMUV3_FDT_ERR_NOT_IOMMU] = "reference to a node without #iommu-cells",
	[SMMUV3_FDT_ERR_IOMMUS_LEN] = "iommus not whole phandle and specifier entries",
	[SMMUV3_FDT_ERR_MAP_LEN] =
		"iommu-map not whole 4-cell entries, or iommu-map-mask not one cell",
	[SMMUV3_FDT_ERR_MAP_ENTRY] =
		"iommu-map entry of length 0, wrapping 32 bits, or with a base outside the mask",
	[SMMUV3_FDT_ERR_BUDGET] = "address translation work beyond the tree's size",
	[SMMUV3_FDT_ERR_NOSPACE] = "output arrays too small",
	[SMMUV3_FDT_ERR_NO_MAP] = "host bridge has no iommu-map",
	[SMMUV3_FDT_ERR_UNMAPPED] = "no iommu-map entry covers the requester id",
	[SMMUV3_FDT_ERR_OTHER] = "requester id mapped to another IOMMU or a disabled unit",
	[SMMUV3_FDT_ERR_NO_MASTER] = "no master's first reg starts at the address",
	[SMMUV3_FDT_ERR_AMBIGUOUS] = "two masters' first reg start at the address",
};

const char *smmuv3_fdt_strerror(int err)
{
	int e = err < 0 ? -err : err;

	if (err > 0 || e > SMMUV3_FDT_ERR_MAX || !errtext[e])
		return "unknown SMMUv3 device-tree error";
	return errtext[e];
}
