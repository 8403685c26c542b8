/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Little-endian words at any address: the tables every architecture
 * builds are little-endian, and a word in a page need not be aligned for
 * the compiler's idea of a uint64_t; nor is a field of a client's frame
 * (runtime/proto).
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

static inline void le32_put(uint8_t *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, sizeof(v));
}

static inline uint32_t le32_get(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static inline void le16_put(uint8_t *p, uint16_t v)
{
	v = htole16(v);
	memcpy(p, &v, sizeof(v));
}

static inline uint16_t le16_get(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return le16toh(v);
}

#endif
