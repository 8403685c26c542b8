/* SPDX-License-Identifier: BSD-2-Clause */
/* Frames written out by hand in tests: bytes from hex digits. */
#ifndef SMMU_TESTS_PROTO_HEX_H
#define SMMU_TESTS_PROTO_HEX_H

#include <stdint.h>
#include <stdio.h>

/* Bytes from hex digits into out; blanks are for the reader. */
static inline size_t hex(const char *s, uint8_t *out)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned v;

		if (*s == ' ')
			continue;
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
		s++;
	}
	return n;
}

/* A frame header: magic, version 1, then op, seq and len as hex. */
#define HDR(op, seq, len) "534d4d50 0100 " op " " seq " " len " "

#endif
