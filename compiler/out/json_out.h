/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Blob → JSON of the resolved policy (schemas/policy.schema.json): fixed key
 * order, 2-space indent, 64-bit values as "0x..." strings.
 */
#ifndef SMMU_JSON_OUT_H
#define SMMU_JSON_OUT_H

#include <stddef.h>
#include <stdio.h>
#include "blob/blob.h"

/* Writes the JSON for a validated view; 0, or -1 on a write error. */
int json_write(const struct smmub_view *v, FILE *out);

/* The same into a malloc'd NUL-terminated buffer; NULL on ENOMEM. */
char *json_string(const struct smmub_view *v, size_t *len);

#endif
