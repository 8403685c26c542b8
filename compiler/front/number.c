/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Numeric literals: see number.h. Everything here is a pure function of its
 * arguments so the scanner can call it on the hot path and the fuzzers can
 * compare it against a model.
 */
#include <stdbool.h>
#include "front/number.h"

/* Splits s into prefix, digits and multiplier; the parts share one rule. */
struct num_parts {
	const char *digits;
	size_t ndigits;
	unsigned radix;
	bool prefixed;
	unsigned shift;   /* 0, 10, 20 or 30 */
	size_t mul_off;   /* offset of the multiplier letter, when shift != 0 */
};

static void split(const char *s, size_t len, enum num_role role, struct num_parts *p)
{
	p->digits = s;
	p->ndigits = len;
	p->radix = role == ROLE_ADDRESS ? 16 : 10;
	p->prefixed = false;
	p->shift = 0;
	p->mul_off = 0;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'd' || s[1] == 'D')) {
		p->radix = (s[1] == 'x' || s[1] == 'X') ? 16 : 10;
		p->prefixed = true;
		p->digits += 2;
		p->ndigits -= 2;
	}
	/* Multipliers are for addresses and lengths only; elsewhere a K is a bad digit. */
	if (role != ROLE_OTHER && p->ndigits > 0) {
		switch (p->digits[p->ndigits - 1]) {
		case 'k':
		case 'K':
			p->shift = 10;
			break;
		case 'm':
		case 'M':
			p->shift = 20;
			break;
		case 'g':
		case 'G':
			p->shift = 30;
			break;
		default:
			break;
		}
		if (p->shift) {
			p->ndigits--;
			p->mul_off = (size_t)(p->digits - s) + p->ndigits;
		}
	}
}

/* A byte's digit value plus one, 0 for none: one load a digit. */
static const unsigned char digit_1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* The value of digit c, or a value no radix takes (UINT_MAX). */
static unsigned digit_value(char c)
{
	return (unsigned)digit_1[(unsigned char)c] - 1u;
}

/* Reads digits in radix; NUM_OK, NUM_EMPTY, NUM_BAD_DIGIT or NUM_OVERFLOW. */
static int read_digits(const char *d, size_t n, unsigned radix, uint64_t *out, size_t *bad)
{
	/*
	 * No division a digit (it was the number reader's cost): v * radix + dv
	 * fits exactly when v is below lim, or equal to it with dv at most rem;
	 * split() gives only radix 10 or 16, so both are constants.
	 */
	const uint64_t lim = radix == 16 ? UINT64_MAX / 16 : UINT64_MAX / 10;
	const unsigned rem = radix == 16 ? UINT64_MAX % 16 : UINT64_MAX % 10;
	uint64_t v = 0;
	bool overflow = false;
	size_t i;

	*out = 0;
	if (n == 0) {
		*bad = 0;
		return NUM_EMPTY;
	}
	/* 15 hexadecimal or 19 decimal digits always fit: no test a digit */
	if (n <= (radix == 16 ? 15u : 19u)) {
		for (i = 0; i < n; i++) {
			unsigned dv = digit_value(d[i]);

			if (dv >= radix) {
				*bad = i;
				return NUM_BAD_DIGIT;
			}
			v = v * radix + dv;
		}
		*out = v;
		return NUM_OK;
	}
	for (i = 0; i < n; i++) {
		unsigned dv = digit_value(d[i]);

		if (dv >= radix) {
			*bad = i;
			return NUM_BAD_DIGIT;
		}
		/* Keep scanning after an overflow: a bad digit is the better message. */
		if (v > lim || (v == lim && dv > rem))
			overflow = true;
		else
			v = v * radix + dv;
	}
	if (overflow)
		return NUM_OVERFLOW;
	*out = v;
	return NUM_OK;
}

static int scale(uint64_t *v, unsigned shift)
{
	if (shift && *v > (UINT64_MAX >> shift))
		return NUM_MUL_OVERFLOW;
	*v <<= shift;
	return NUM_OK;
}

int num_parse(const char *s, size_t len, enum num_role role, uint64_t *val, uint64_t *alt)
{
	struct num_parts p;
	uint64_t v, other;
	size_t bad;
	int rc;

	*val = 0;
	split(s, len, role, &p);
	rc = read_digits(p.digits, p.ndigits, p.radix, &v, &bad);
	if (rc == NUM_OK)
		rc = scale(&v, p.shift);
	if (rc != NUM_OK)
		return rc;
	*val = v;
	/*
	 * Only a default of hexadecimal is a trap: nobody reads the length 16K
	 * as 0x16 * 1024, but the address 64K is 0x19000, not 65536.
	 */
	if (p.prefixed || !p.shift || p.radix != 16)
		return NUM_OK;
	/* Unprefixed with a multiplier: does decimal read it differently? */
	if (read_digits(p.digits, p.ndigits, 10, &other, &bad) != NUM_OK ||
	    scale(&other, p.shift) != NUM_OK || other == v)
		return NUM_OK;
	if (alt)
		*alt = other;
	return NUM_AMBIGUOUS;
}

unsigned num_radix(const char *s, size_t len, enum num_role role)
{
	struct num_parts p;

	split(s, len, role, &p);
	return p.radix;
}

size_t num_bad_offset(const char *s, size_t len, enum num_role role)
{
	struct num_parts p;
	uint64_t v;
	size_t bad;

	split(s, len, role, &p);
	if (read_digits(p.digits, p.ndigits, p.radix, &v, &bad) != NUM_BAD_DIGIT)
		return len;
	return (size_t)(p.digits - s) + bad;
}

const char *num_strerror(int status)
{
	switch (status) {
	case NUM_OK:
	case NUM_AMBIGUOUS:
		return "valid";
	case NUM_EMPTY:
		return "no digits";
	case NUM_BAD_DIGIT:
		return "bad digit";
	case NUM_OVERFLOW:
		return "does not fit in 64 bits";
	case NUM_MUL_OVERFLOW:
		return "multiplier overflows 64 bits";
	default:
		return "invalid number";
	}
}

const char *num_role_name(enum num_role role)
{
	switch (role) {
	case ROLE_ADDRESS:
		return "address";
	case ROLE_LENGTH:
		return "length";
	default:
		return "number";
	}
}
