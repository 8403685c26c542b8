/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The policy blob builder. The caller fills entries (struct smmub_* from
 * schemas/smmub.h, fields little-endian: use htole32/htole64) and adds them
 * section by section; strings are interned here. blobw_finish lays the blob
 * out (header, section table, sections in ascending type order, 8-aligned,
 * zero padding), sets the CRC32C and then validates its own output with the
 * reader: what the compiler emits, the loader accepts. Same calls give the
 * same bytes.
 */
#ifndef SMMU_BLOBWRITE_H
#define SMMU_BLOBWRITE_H

#include <stddef.h>
#include <stdint.h>
#include "smmub.h"

struct smmub_view;

struct blobw;

struct blobw *blobw_new(void);
void blobw_free(struct blobw *b);

/*
 * Offset of s in STRINGS (0 for "" and NULL), adding it on first use.
 * Returns SMMUB_NONE on allocation failure (then blobw_finish fails too).
 */
uint32_t blobw_str(struct blobw *b, const char *s);

/*
 * Adds a section: count entries of entry_size bytes each, copied. A type may
 * be added once; STRINGS is made by the builder (adding it is an error).
 * Returns 0, or -1 (duplicate type, STRINGS, bad size, no memory).
 */
int blobw_section(struct blobw *b, uint32_t type, const void *entries, uint32_t count,
		  uint32_t entry_size);

/* Header flags (enum smmub_flags); 0 by default. */
void blobw_set_flags(struct blobw *b, uint32_t flags);

/* Header versions; SMMUB_VERSION / SMMUB_LAST_COMP_VERSION by default. */
void blobw_set_version(struct blobw *b, uint32_t version, uint32_t last_comp);

/*
 * Lays out and checks the blob. On success returns 0 and a malloc'd buffer
 * (*out, *len; free() it). On failure returns -SMMUB_ERR_* (the reader's
 * verdict on what was built, an internal error of the caller, with the byte
 * offset in *bad_offset if not NULL; or -SMMUB_ERR_NOSPACE).
 */
int blobw_finish(struct blobw *b, void **out, size_t *len, uint64_t *bad_offset);

/* The same, keeping the view it validated (the blob is validated once). */
int blobw_finish_view(struct blobw *b, void **out, size_t *len, struct smmub_view *v,
		      uint64_t *bad_offset);

/* As blobw_finish without the validation: for tests that build bad blobs. */
int blobw_finish_unchecked(struct blobw *b, void **out, size_t *len);

#endif
