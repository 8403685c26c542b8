/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d firmware discovery for smmuman's backends: the ACPI DMAR table's
 * units (DRHDs) and reserved regions (RMRR endpoints of segment 0).
 */
#ifndef SMMU_VTD_FIRMWARE_H
#define SMMU_VTD_FIRMWARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "iommu/backend.h"
#include "vtd/dmar.h"

/* What an ACPI DMAR table tells smmuman: arrays are malloc'ed, sized from the table. */
struct rt_firmware {
	struct rt_unit *units;  /* one per DRHD, in table order */
	size_t nunits;
	struct rt_rmrr *rmrrs;  /* one per PCI endpoint an RMRR names on segment 0 */
	size_t nrmrrs;
	/* RMRR endpoints on another segment: not granted (the first is named) */
	size_t other_segment;
	uint16_t other_seg;
	uint64_t other_base, other_limit;
};

/* The largest ACPI DMAR table read (bytes). */
#define RT_DMAR_MAX_BYTES (1u << 20)

/*
 * Reads the ACPI DMAR table at path to its end (a sysfs file, a pipe) and
 * fills fw: every DRHD, every RMRR device scope (one entry per endpoint),
 * all of them, whatever their number. sec resolves scope paths through
 * bridges (NULL: such a path is an error). Returns 0, or -1 with the
 * reason (fw is then empty).
 */
int backend_read_dmar(const char *path, dmar_secondary_bus_fn sec, void *sec_arg,
		      struct rt_firmware *fw, char *why, size_t whylen);
void backend_firmware_free(struct rt_firmware *fw);
/* The warning for RMRRs ignored on other segments into buf; false: none. */
bool backend_other_segment(const struct rt_firmware *fw, char *buf, size_t len);

#endif
