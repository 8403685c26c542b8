/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Numeric literals of the .smmu language (smmu(5), "Numbers"): pure
 * functions, no allocation, usable by the compiler and the runtime alike.
 *
 * The role of an argument decides its default radix (address: hexadecimal,
 * length and other: decimal); 0x/0X and 0d/0D force one. Addresses and
 * lengths may end in K, M or G (either case: x 1024, 1024^2, 1024^3).
 */
#ifndef SMMU_NUMBER_H
#define SMMU_NUMBER_H

#include <stddef.h>
#include <stdint.h>
#include "front/ast.h"

enum num_status {
	NUM_OK = 0,
	/*
	 * Valid, read in hexadecimal by default (an address), but decimal
	 * would give another value (an unprefixed number with a multiplier,
	 * such as the address 10K); *alt holds the decimal reading. A length
	 * is decimal by default and never ambiguous.
	 */
	NUM_AMBIGUOUS = 1,
	NUM_EMPTY = -1,          /* no digits ("", "0x", "K") */
	NUM_BAD_DIGIT = -2,      /* a character that is no digit of the radix */
	NUM_OVERFLOW = -3,       /* the digits do not fit in 64 bits */
	NUM_MUL_OVERFLOW = -4,   /* the multiplier takes the value past 64 bits */
};

/*
 * Parses s[0..len). On NUM_OK and NUM_AMBIGUOUS *val is the value; on
 * NUM_AMBIGUOUS *alt (if alt is not NULL) is the decimal reading.
 * Returns a negative enum num_status on error (*val is then 0).
 */
int num_parse(const char *s, size_t len, enum num_role role, uint64_t *val, uint64_t *alt);

/* The radix s is read in (16 or 10), from its prefix or its role. */
unsigned num_radix(const char *s, size_t len, enum num_role role);

/* Offset of the first character that makes s a NUM_BAD_DIGIT, else len. */
size_t num_bad_offset(const char *s, size_t len, enum num_role role);

/* A short English text for a negative status ("bad digit", ...). */
const char *num_strerror(int status);

/* "address", "length" or "number": for messages. */
const char *num_role_name(enum num_role role);

#endif
