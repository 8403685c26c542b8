/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading a file to its end. sysfs and procfs hand out at most a page per
 * read() and report sizes that are not the content's (4096, or 0), pipes
 * deliver what is there: one read() is never a whole file. Shared by the
 * compiler (sources, asinfo maps) and smmuman (the blob, ACPI tables, the
 * device tree).
 */
#ifndef SMMU_READALL_H
#define SMMU_READALL_H

#include <stddef.h>

/*
 * Reads fd until end of file into a new buffer with a NUL byte after the
 * content (not counted in *len). More than max bytes fails with EFBIG, so
 * a device or an endless FIFO cannot grow it without bound. Returns the
 * buffer (the caller's to free), or NULL with errno set; EINTR is retried.
 */
char *read_all_max(int fd, size_t max, size_t *len);

/* read_all_max on the file at path (opened read-only, close-on-exec). */
char *read_file_max(const char *path, size_t max, size_t *len);

/*
 * A flattened device tree at path, read up to the end of its used blocks
 * as its header states them (the free space after them is never read),
 * with totalsize in the copy set to the bytes read; a file whose header
 * does not say (not a version 17 tree) is read whole. Same contract as
 * read_file_max; libfdt must still check the result (readfdt.c).
 */
char *read_fdt_max(const char *path, size_t max, size_t *len);

#endif
