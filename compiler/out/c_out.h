/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Blob → C source, so an integrator can link the policy into an image:
 *   const unsigned char NAME[] __attribute__((aligned(8))) = { ... };
 *   const unsigned long NAME_size = N;
 */
#ifndef SMMU_C_OUT_H
#define SMMU_C_OUT_H

#include <stddef.h>
#include <stdio.h>

#define C_OUT_DEFAULT_NAME "smmu_policy"

/* 1 if name is a C identifier this writer accepts (and NAME_size is one too). */
int c_out_name_ok(const char *name);

/* Writes the source for len bytes of blob; 0, or -1 (bad name: EINVAL, write error). */
int c_out_write(const void *blob, size_t len, const char *name, FILE *out);

/* The same into a malloc'd NUL-terminated buffer; NULL with errno set on error. */
char *c_out_string(const void *blob, size_t len, const char *name, size_t *outlen);

#endif
