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

/* leN_put(p, v) and leN_get(p) for N = 16, 32, 64: one body, three widths. */
#define LE_ACCESSORS(n)                                                    \
	static inline void le##n##_put(uint8_t *p, uint##n##_t v)         \
	{                                                                  \
		v = htole##n(v);                                           \
		memcpy(p, &v, sizeof(v));                                  \
	}                                                                  \
	static inline uint##n##_t le##n##_get(const uint8_t *p)           \
	{                                                                  \
		uint##n##_t v;                                             \
		memcpy(&v, p, sizeof(v));                                  \
		return le##n##toh(v);                                      \
	}
LE_ACCESSORS(16)
LE_ACCESSORS(32)
LE_ACCESSORS(64)
#undef LE_ACCESSORS

#endif
