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

struct fault_rec {
	uint16_t sid;
	uint64_t addr;
	bool write;
	unsigned reason;     /* the unit's fault reason code */
	const char *reason_text;
};

/* Writes the decoded fault (no newline); returns what snprintf returned. */
int fault_format(const struct smmub_view *v, const struct fault_rec *f, char *buf, size_t size);

#endif
