# SPDX-License-Identifier: BSD-2-Clause
# The blob reader: one definition of a valid policy blob (see schemas/README.md).
runtime_libsmmurt_a_SOURCES += runtime/blob.c runtime/blob.h runtime/blob_check.c \
	runtime/blob_check.h runtime/blob_check_grants.c \
	runtime/blob_int.h runtime/crc32c.c runtime/crc32c.h \
	runtime/readall.c runtime/readall.h
