# SPDX-License-Identifier: BSD-2-Clause
# The blob reader: one definition of a valid policy blob (see schemas/README.md).
runtime_libsmmurt_a_SOURCES += runtime/blob/blob.c runtime/blob/blob.h runtime/blob/blob_read.c \
	runtime/blob/blob_check.c runtime/blob/blob_check.h runtime/blob/blob_check_grants.c \
	runtime/blob/blob_int.h runtime/blob/crc32c.c runtime/blob/crc32c.h
