/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the blob reader, in three layers that call only downwards:
 * blob_read.c (accessors, lookups), blob_check*.c (the rules on entries,
 * which use the lookups), blob.c (header, section table, then the rules).
 */
#ifndef SMMU_BLOB_INT_H
#define SMMU_BLOB_INT_H

#include <stddef.h>
#include "blob/blob.h"

/* Absolute offset of field at byte 'field' of entry i of known section t. */
static inline uint64_t blob_field_off(const struct smmub_view *v, uint32_t t, uint32_t i,
				      size_t field)
{
	return v->sec[t].offset + (uint64_t)i * v->sec[t].stride + field;
}

/* Entry i of the section table at byte 'table' (bounded by the caller). */
static inline const struct smmub_section *blob_sec_entry(const unsigned char *b, uint64_t table,
							 uint32_t i)
{
	return (const struct smmub_section *)(b + table +
					      (uint64_t)i * sizeof(struct smmub_section));
}

/*
 * First index in [lo, hi) of known section t whose little-endian 32-bit
 * field at byte 'field' is >= key; the entries are sorted by that field.
 */
uint32_t blob_lower_u32(const struct smmub_view *v, uint32_t t, size_t field, uint32_t lo,
			uint32_t hi, uint32_t key);

/*
 * blob_check.c: checks every entry of the known sections of a view whose header and
 * section table are sound. Returns 0 or -SMMUB_ERR_* with *bad set.
 */
int blob_check_entries(const struct smmub_view *v, uint64_t *bad);

/* blob_read.c: first RULES index that is a reserved line (end of the sets' rules). */
uint32_t blob_set_rules_end(const struct smmub_view *v);

#endif
