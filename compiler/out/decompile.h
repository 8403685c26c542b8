/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Blob → canonical .smmu text. Every statement that has a symbol is
 * preceded by a '#line N "FILE"' marker (FILE as a C string literal, with
 * C escapes) and indented so its keyword sits at the symbol's column:
 * compiling the text gives the same blob again.
 */
#ifndef SMMU_DECOMPILE_H
#define SMMU_DECOMPILE_H

#include <stddef.h>
#include <stdio.h>
#include "blob/blob.h"

/*
 * The first name of v (set, device, unit, asinfo name, component, user)
 * that is not a word of smmu(5), quoted with C escapes, malloc'd; NULL if
 * every name is one. Such a blob cannot be decompiled: the name would
 * print as other statements. File names are always printable (escaped).
 */
char *decompile_bad_name(const struct smmub_view *v);

/* Writes the text for a validated view; 0, or -1 on a write error. */
int decompile_write(const struct smmub_view *v, FILE *out);

/* The same into a malloc'd buffer (NUL-terminated, *len without it); NULL on ENOMEM. */
char *decompile_string(const struct smmub_view *v, size_t *len);

#endif
