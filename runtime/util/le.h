/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Little-endian 64-bit words at any address: the tables every
 * architecture builds are little-endian, and a word in a page need not be
 * aligned for the compiler's idea of a uint64_t.
 */
#ifndef SMMU_UTIL_LE_H
#define SMMU_UTIL_LE_H

#include <endian.h>
#include <stdint.h>
#include <string.h>

static inline void le64_put(uint8_t *p, uint64_t v)
{
	v = htole64(v);
	memcpy(p, &v, sizeof(v));
}

static inline uint64_t le64_get(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

#endif
