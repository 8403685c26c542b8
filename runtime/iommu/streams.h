/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * StreamIDs, for every SMMU architecture (smmu(5), "StreamIDs"): a `use
 * UNIT SID` parameter gives a device's StreamID (on a PCI spec covering
 * several functions, the StreamID of its first function, the others
 * following in requester-id order, as a device tree's iommu-map does);
 * otherwise a PCI function's StreamID is its requester id. A
 * memory-mapped master has the StreamID its `use` line gives, and none
 * without one. Both directions: a device's StreamID for the tables and
 * probes, and the device a recorded StreamID names, for fault messages.
 */
#ifndef SMMU_IOMMU_STREAMS_H
#define SMMU_IOMMU_STREAMS_H

#include <stdbool.h>
#include <stdint.h>
#include "blob/blob.h"

/*
 * The StreamID of DEVICES entry i for requester id rid (ignored for a
 * mem: master); use false: `use` parameters ignored (a guest). 0, or -1
 * when it has none (a mem: master without one, or beyond 32 bits).
 */
int iommu_entry_stream(const struct smmub_view *v, uint32_t i, uint32_t rid, bool use,
		       uint32_t *sid);

/* The StreamID of a PCI requester id (mem false) or of the mem: master at mmio. As above. */
int iommu_stream_of(const struct smmub_view *v, bool mem, uint32_t rid, uint64_t mmio,
		    uint32_t *sid);

/*
 * The device StreamID sid names: a PCI requester id (*mem false, *rid) or
 * a mem: master (*mem true, *mmio). 0, or -1 when no device of the policy
 * sends it.
 */
int iommu_stream_device(const struct smmub_view *v, uint32_t sid, bool *mem, uint32_t *rid,
			uint64_t *mmio);

#endif
