/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Editing the VT-d table sections of a policy blob, for crafting attacks
 * on the boot-time proof: set any word of the pages (runs are split or
 * added as needed), add a relocation, then reseal the CRC. Works on the
 * raw bytes (section table, contract, runs, relocations), so it can make
 * blobs the writer never would; the result keeps the layout rules the
 * blob reader and vtd_tables_view check, unless an edit breaks them.
 */
#ifndef SMMU_TESTS_TABEDIT_H
#define SMMU_TESTS_TABEDIT_H

#include <stddef.h>
#include <stdint.h>

struct tabedit {
	unsigned char *b; /* malloc'd, 8-aligned */
	size_t len;
};

/* A little-endian field of width bytes at p, read or written byte by byte. */
uint64_t te_get(const unsigned char *p, unsigned width);
void te_put(unsigned char *p, unsigned width, uint64_t x);

/* Copies blob into t. 0, or -1 (no memory). */
int te_load(struct tabedit *t, const void *blob, size_t len);
void te_free(struct tabedit *t);

/* Word index of page page (0 when no run covers it). */
uint64_t te_word(const struct tabedit *t, uint32_t page, unsigned index);

/*
 * Sets the word, splitting or adding runs (value 0 removes it). The
 * relocations are left as they are. 0, or -1 (no tables, page out of
 * range, no memory).
 */
int te_set_word(struct tabedit *t, uint32_t page, unsigned index, uint64_t value);

/* Adds byte offset off to the relocations, in order (and the contract's count). */
int te_add_reloc(struct tabedit *t, uint64_t off);

/* Removes relocation off if listed. */
int te_del_reloc(struct tabedit *t, uint64_t off);

/* The header's CRC made right again. */
void te_reseal(struct tabedit *t);

#endif
