/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the blob reader: the split between blob.c (header, section
 * table, accessors, lookups) and blob_check.c (the rules on entries).
 */
#ifndef SMMU_BLOB_INT_H
#define SMMU_BLOB_INT_H

#include <stddef.h>
#include "blob/blob.h"

#define L32(x) smmub_le32(x)
#define L64(x) smmub_le64(x)

/* Absolute offset of field at byte 'field' of entry i of known section t. */
static inline uint64_t blob_field_off(const struct smmub_view *v, uint32_t t, uint32_t i,
				      size_t field)
{
	return v->sec[t].offset + (uint64_t)i * v->sec[t].stride + field;
}

/*
 * Checks every entry of the known sections of a view whose header and
 * section table are sound. Returns 0 or -SMMUB_ERR_* with *bad set.
 */
int blob_check_entries(const struct smmub_view *v, uint64_t *bad);

/* First RULES index that is a reserved line (end of the sets' rules). */
uint32_t blob_set_rules_end(const struct smmub_view *v);

#endif
