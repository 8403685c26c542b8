/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Atomic file output: a file is either written completely or left as it
 * was. Nothing half-written is ever visible under the final name. Device
 * nodes, FIFOs and symlinks stay what they are.
 */
#ifndef SMMU_OUTPUT_H
#define SMMU_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes len bytes of data to path ("-" is standard output). A regular
 * file (new, or replaced keeping its mode, and its owner as root) is
 * written to a temporary file in the same directory and renamed over
 * path. A character or block device or a FIFO is opened and written
 * through, never replaced. A symlink is followed: its final target is
 * written as above and the link stays. A directory fails with EISDIR, a
 * dangling symlink with ENOENT, a socket with ENXIO. Returns 0, or -1
 * with errno set and no temporary file left; the caller reports
 * "smmucc: error: cannot write PATH: strerror(errno)".
 */
int output_write(const char *path, const void *data, size_t len);

/*
 * What fn(v, stream) writes, into a malloc'd buffer (NUL-terminated,
 * *len without the NUL); NULL when out of memory or write fails.
 */
struct smmub_view;
char *output_string(int (*fn)(const struct smmub_view *v, FILE *out),
		    const struct smmub_view *v, size_t *len);

#endif
