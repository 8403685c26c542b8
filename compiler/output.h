/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Atomic file output: a file is either written completely or left as it
 * was. Nothing half-written is ever visible under the final name.
 */
#ifndef SMMU_OUTPUT_H
#define SMMU_OUTPUT_H

#include <stddef.h>

/*
 * Writes len bytes of data to path ("-" is standard output). A file is
 * written to a temporary file in the same directory, synced and renamed
 * over path. Returns 0, or -1 with errno set and no temporary file left;
 * the caller reports "smmucc: error: cannot write PATH: strerror(errno)".
 */
int output_write(const char *path, const void *data, size_t len);

#endif
