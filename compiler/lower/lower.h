/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Lowering: the checked configuration becomes the policy blob's records.
 *
 * Everything the runtime will trust is decided here: names and numbers are
 * resolved, regions widened to 4 KiB pages and merged, each concrete device
 * gets its one domain, devices with identical grants share a domain, and
 * every table is sorted. The result is a blob that the reader accepts
 * (blobwrite validates its own output), with no translation tables yet;
 * backends (VT-d) append theirs from the records, never from the text.
 */
#ifndef SMMU_LOWER_H
#define SMMU_LOWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "front/ast.h"
#include "front/diag.h"

struct blobw;

struct lower_opts {
	bool late_bind; /* unresolved $asinfo references become relocations */
};

/*
 * Adds every policy section of cfg to bb (which the caller then extends and
 * finishes). Returns 0, or -1 after reporting through d (internal limits,
 * e.g. more than 2^32 - 2 records, or an unresolved number without late
 * binding; the checks have already reported input errors).
 */
int lower_policy(const struct config *cfg, struct diag_ctx *d, const struct lower_opts *o,
		 struct blobw *bb, uint32_t *blob_flags);

#endif
