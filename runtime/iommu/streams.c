/* SPDX-License-Identifier: BSD-2-Clause */
#include "iommu/input.h"
#include "iommu/streams.h"

static bool has_use(const struct smmub_device *dv)
{
	return smmub_le32(dv->flags) & SMMUB_DEVF_USE_PARAM;
}

int iommu_entry_stream(const struct smmub_view *v, uint32_t i, uint32_t rid, bool use,
		       uint32_t *sid)
{
	const struct smmub_device *dv = smmub_device(v, i);
	bool mem = smmub_le32(dv->kind) == SMMUB_DEV_MEM;
	uint64_t p = smmub_le64(dv->use_param);

	if (!use || !has_use(dv)) {
		if (mem)
			return -1;
		*sid = rid;
		return 0;
	}
	/* the spec's first function is its sid field, the parts it does not name 0 */
	if (!mem)
		p += rid - smmub_le32(dv->sid);
	if (p > UINT32_MAX)
		return -1;
	*sid = (uint32_t)p;
	return 0;
}

int iommu_stream_of(const struct smmub_view *v, bool mem, uint32_t rid, uint64_t mmio,
		    uint32_t *sid)
{
	int i = mem ? smmub_lookup_mem(v, mmio) : smmub_lookup_pci(v, rid);

	if (i < 0 && !mem) {
		*sid = rid;
		return 0;
	}
	return i < 0 ? -1 : iommu_entry_stream(v, (uint32_t)i, rid, true, sid);
}

int iommu_stream_device(const struct smmub_view *v, uint32_t sid, bool *mem, uint32_t *rid,
			uint64_t *mmio)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_DEVICES), s;

	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_device *dv = smmub_device(v, i);
		uint32_t kind = smmub_le32(dv->kind), first = smmub_le32(dv->sid);
		uint64_t p = smmub_le64(dv->use_param);
		long cnt;

		if (!has_use(dv) || sid < p)
			continue;
		if (kind == SMMUB_DEV_MEM) {
			if (sid != p)
				continue;
			*mem = true;
			*mmio = smmub_le64(dv->paddr);
			return 0;
		}
		cnt = iommu_pci_expand(kind, first >> 8, (first >> 3) & 31, first & 7, NULL, 0);
		/* the id is this entry's only where no more specific spec owns it */
		if (cnt > 0 && sid - p < (uint64_t)cnt &&
		    smmub_lookup_pci(v, first + (uint32_t)(sid - p)) == (int)i) {
			*mem = false;
			*rid = first + (uint32_t)(sid - p);
			return 0;
		}
	}
	if (sid > 0xffff || iommu_stream_of(v, false, sid, 0, &s) || s != sid)
		return -1;
	*mem = false;
	*rid = sid;
	return 0;
}
