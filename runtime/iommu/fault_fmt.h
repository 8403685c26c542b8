/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faults in the user's language: a unit's fault record (requester id,
 * address, access, reason) named with the policy's symbols, e.g.
 * "pci:0:18.0 (allow foo, board.smmu:12) denied write at 0xf8004000:
 * write denied (reason 0x5)".
 */
#ifndef SMMU_FAULT_FMT_H
#define SMMU_FAULT_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"

/* A fault as a unit recorded it, in every architecture's terms. */
struct iommu_fault {
	uint32_t sid;	     /* requester id (PCI) or StreamID (stream) */
	uint64_t addr;	     /* the address the device used */
	bool write;
	unsigned reason;     /* the unit's fault reason code */
	const char *reason_text;
	bool stream;	     /* sid is an SMMU StreamID: the policy says whose */
	bool has_addr;	     /* with stream: the record has an address and access */
	/*
	 * Records of one access the unit split up (QEMU's SMMUv3: one per 4
	 * bytes), merged: how many (0 or 1: one), and the last one's address.
	 */
	unsigned count;
	uint64_t last_addr;
};

typedef void (*iommu_fault_fn)(void *arg, const struct iommu_fault *f);

/* Writes the decoded fault (no newline); returns what snprintf returned. */
int fault_format(const struct smmub_view *v, const struct iommu_fault *f, char *buf, size_t size);

#endif
