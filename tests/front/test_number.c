/* SPDX-License-Identifier: BSD-2-Clause */
/* Numbers of the .smmu language: every notation, role, multiplier, overflow. */
#include <CUnit/Basic.h>
#include <string.h>
#include "cu_run.h"
#include "front/number.h"

static int parse(const char *s, enum num_role role, uint64_t *v, uint64_t *alt)
{
	return num_parse(s, strlen(s), role, v, alt);
}

/* A string parses to exactly rc and, on NUM_OK, to want (a failure leaves 0). */
struct num_case {
	const char *s;
	enum num_role role;
	int rc;
	uint64_t want;
};

static void check(const struct num_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 7;

		CU_ASSERT_EQUAL(parse(c[i].s, c[i].role, &v, NULL), c[i].rc);
		CU_ASSERT_EQUAL(v, c[i].rc == NUM_OK ? c[i].want : 0);
	}
}

#define CHECK(cases) check(cases, CU_COUNT(cases))

static void test_defaults(void)
{
	static const struct num_case cases[] = {
		{"4000", ROLE_ADDRESS, NUM_OK, 0x4000},
		{"e6ef0000", ROLE_ADDRESS, NUM_OK, 0xe6ef0000},
		{"DEADbeef", ROLE_ADDRESS, NUM_OK, 0xdeadbeef},
		{"4096", ROLE_LENGTH, NUM_OK, 4096},
		{"4096", ROLE_OTHER, NUM_OK, 4096},
		{"0", ROLE_LENGTH, NUM_OK, 0},
		{"0", ROLE_ADDRESS, NUM_OK, 0},
		{"00018", ROLE_OTHER, NUM_OK, 18},
	};

	CHECK(cases);
}

static void test_prefixes(void)
{
	static const struct num_case cases[] = {
		{"0x4000", ROLE_ADDRESS, NUM_OK, 0x4000},
		{"0X4000", ROLE_LENGTH, NUM_OK, 0x4000},
		{"0x1000", ROLE_OTHER, NUM_OK, 0x1000},
		{"0d16384", ROLE_ADDRESS, NUM_OK, 16384},
		{"0D4096", ROLE_LENGTH, NUM_OK, 4096},
		{"0d18", ROLE_OTHER, NUM_OK, 18},
		{"0x0", ROLE_ADDRESS, NUM_OK, 0},
		/* 0d always means decimal, even where the default is hexadecimal */
		{"0d10", ROLE_ADDRESS, NUM_OK, 10},
	};

	CHECK(cases);
}

/* The seed's list of equivalent allow lines: start 0x4000, length 0x1000. */
static void test_seed_equivalences(void)
{
	static const char *const starts[] = {"0x4000", "4000", "0x4000", "0x4000",
					     "0d16384", "0d16384", "0d16384"};
	static const char *const lens[] = {"4096", "4096", "0x1000", "0d4096",
					   "4096", "0d4096", "0x1000"};
	static const struct num_case cases[] = {
		{"4K", ROLE_ADDRESS, NUM_OK, 0x1000},
		{"1k", ROLE_LENGTH, NUM_OK, 0x400},
	};

	for (size_t i = 0; i < 7; i++) {
		const struct num_case line[] = {
			{starts[i], ROLE_ADDRESS, NUM_OK, 0x4000},
			{lens[i], ROLE_LENGTH, NUM_OK, 0x1000},
		};

		CHECK(line);
	}
	CHECK(cases);
}

static void test_multipliers(void)
{
	static const struct num_case cases[] = {
		{"1K", ROLE_LENGTH, NUM_OK, 1024},
		{"1k", ROLE_LENGTH, NUM_OK, 1024},
		{"2M", ROLE_LENGTH, NUM_OK, 2u << 20},
		{"2m", ROLE_LENGTH, NUM_OK, 2u << 20},
		{"3G", ROLE_LENGTH, NUM_OK, 3ull << 30},
		{"3g", ROLE_LENGTH, NUM_OK, 3ull << 30},
		{"0x10K", ROLE_LENGTH, NUM_OK, 0x4000},
		{"0d10K", ROLE_ADDRESS, NUM_OK, 10240},
		{"0x1M", ROLE_ADDRESS, NUM_OK, 0x100000},
		{"8G", ROLE_ADDRESS, NUM_OK, 8ull << 30},
		/* multipliers are for addresses and lengths only */
		{"4K", ROLE_OTHER, NUM_BAD_DIGIT, 0},
		{"1M", ROLE_OTHER, NUM_BAD_DIGIT, 0},
	};

	CHECK(cases);
}

static void test_ambiguous(void)
{
	uint64_t v = 0, alt = 0;

	/* address 10K: hexadecimal 0x10 * 1024, decimal would be 10 * 1024 */
	CU_ASSERT_EQUAL(parse("10K", ROLE_ADDRESS, &v, &alt), NUM_AMBIGUOUS);
	CU_ASSERT_EQUAL(v, 0x4000);
	CU_ASSERT_EQUAL(alt, 0x2800);
	/* the address 64K: 0x64 * 1024, not 65536 */
	CU_ASSERT_EQUAL(parse("64K", ROLE_ADDRESS, &v, &alt), NUM_AMBIGUOUS);
	CU_ASSERT_EQUAL(v, 0x19000);
	CU_ASSERT_EQUAL(alt, 0x10000);
	/* a length is decimal by default, as anyone reads it: never ambiguous */
	alt = 0;
	CU_ASSERT_EQUAL(parse("64K", ROLE_LENGTH, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(v, 0x10000);
	CU_ASSERT_EQUAL(alt, 0);
	CU_ASSERT_EQUAL(parse("16K", ROLE_LENGTH, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(v, 0x4000);
	CU_ASSERT_EQUAL(parse("10M", ROLE_LENGTH, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(v, 10ull << 20);
	CU_ASSERT_EQUAL(parse("16M", ROLE_ADDRESS, &v, &alt), NUM_AMBIGUOUS);
	CU_ASSERT_EQUAL(v, 0x16ull << 20);
	CU_ASSERT_EQUAL(alt, 16ull << 20);
	/* one digit: both readings agree */
	CU_ASSERT_EQUAL(parse("4K", ROLE_ADDRESS, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(parse("9G", ROLE_LENGTH, &v, &alt), NUM_OK);
	/* prefixed or without multiplier: never ambiguous */
	CU_ASSERT_EQUAL(parse("0x10K", ROLE_ADDRESS, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(parse("0d10K", ROLE_ADDRESS, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(parse("4000", ROLE_ADDRESS, &v, &alt), NUM_OK);
	/* hex digits have no decimal reading */
	CU_ASSERT_EQUAL(parse("a0K", ROLE_ADDRESS, &v, &alt), NUM_OK);
	CU_ASSERT_EQUAL(v, 0xa0ull << 10);
	/* alt may be NULL */
	CU_ASSERT_EQUAL(parse("10K", ROLE_ADDRESS, &v, NULL), NUM_AMBIGUOUS);
}

static void test_bad(void)
{
	static const struct num_case cases[] = {
		{"", ROLE_ADDRESS, NUM_EMPTY, 0},
		{"0x", ROLE_ADDRESS, NUM_EMPTY, 0},
		{"0d", ROLE_LENGTH, NUM_EMPTY, 0},
		{"K", ROLE_LENGTH, NUM_EMPTY, 0},
		{"0xK", ROLE_LENGTH, NUM_EMPTY, 0},
		{"12a", ROLE_LENGTH, NUM_BAD_DIGIT, 0},
		{"0d12a", ROLE_ADDRESS, NUM_BAD_DIGIT, 0},
		{"0x1g2", ROLE_ADDRESS, NUM_BAD_DIGIT, 0},
		{"xyz", ROLE_ADDRESS, NUM_BAD_DIGIT, 0},
		{"-1", ROLE_OTHER, NUM_BAD_DIGIT, 0},
		{"1 ", ROLE_OTHER, NUM_BAD_DIGIT, 0},
		{"1KK", ROLE_LENGTH, NUM_BAD_DIGIT, 0},
	};

	/* where the first bad character is (the whole length: none) */
	static const struct {
		const char *s;
		enum num_role role;
		size_t off;
	} offs[] = {
		{"0x1g2", ROLE_ADDRESS, 3},
		{"12a", ROLE_LENGTH, 2},
		{"4K", ROLE_OTHER, 1},
		{"123", ROLE_OTHER, 3},
	};

	CHECK(cases);
	for (size_t i = 0; i < CU_COUNT(offs); i++)
		CU_ASSERT_EQUAL(num_bad_offset(offs[i].s, strlen(offs[i].s), offs[i].role),
				offs[i].off);
	CU_ASSERT_STRING_EQUAL(num_strerror(NUM_BAD_DIGIT), "bad digit");
	CU_ASSERT_STRING_EQUAL(num_strerror(NUM_OVERFLOW), "does not fit in 64 bits");
}

static void test_overflow(void)
{
	uint64_t v;
	static const struct num_case cases[] = {
		{"0xffffffffffffffff", ROLE_ADDRESS, NUM_OK, UINT64_MAX},
		{"ffffffffffffffff", ROLE_ADDRESS, NUM_OK, UINT64_MAX},
		{"18446744073709551615", ROLE_LENGTH, NUM_OK, UINT64_MAX},
		{"0x10000000000000000", ROLE_ADDRESS, NUM_OVERFLOW, 0},
		{"18446744073709551616", ROLE_LENGTH, NUM_OVERFLOW, 0},
		{"99999999999999999999999", ROLE_OTHER, NUM_OVERFLOW, 0},
		/* the largest values a multiplier still fits, and one more */
		{"0x3fffffffffffffK", ROLE_ADDRESS, NUM_OK, 0x3fffffffffffffull << 10},
		{"0x40000000000000K", ROLE_ADDRESS, NUM_MUL_OVERFLOW, 0},
		{"0xfffffffffffM", ROLE_LENGTH, NUM_OK, 0xfffffffffffull << 20},
		{"0x100000000000M", ROLE_LENGTH, NUM_MUL_OVERFLOW, 0},
		{"17179869183G", ROLE_LENGTH, NUM_OK, 17179869183ull << 30},
		{"17179869184G", ROLE_LENGTH, NUM_MUL_OVERFLOW, 0},
		{"18446744073709551616K", ROLE_LENGTH, NUM_OVERFLOW, 0},
	};

	CHECK(cases);
	/* a bad digit wins over an overflow: it is the better message */
	CU_ASSERT_EQUAL(parse("99999999999999999999999z", ROLE_LENGTH, &v, NULL),
			NUM_BAD_DIGIT);
}

static void test_radix(void)
{
	CU_ASSERT_EQUAL(num_radix("10", 2, ROLE_ADDRESS), 16);
	CU_ASSERT_EQUAL(num_radix("10", 2, ROLE_LENGTH), 10);
	CU_ASSERT_EQUAL(num_radix("10", 2, ROLE_OTHER), 10);
	CU_ASSERT_EQUAL(num_radix("0d10", 4, ROLE_ADDRESS), 10);
	CU_ASSERT_EQUAL(num_radix("0x10", 4, ROLE_LENGTH), 16);
	CU_ASSERT_STRING_EQUAL(num_role_name(ROLE_ADDRESS), "address");
	CU_ASSERT_STRING_EQUAL(num_role_name(ROLE_LENGTH), "length");
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"default radix per role", test_defaults},
		{"0x and 0d prefixes", test_prefixes},
		{"the seed's seven equivalent forms", test_seed_equivalences},
		{"K, M, G multipliers", test_multipliers},
		{"ambiguous radix", test_ambiguous},
		{"bad digits", test_bad},
		{"64-bit overflow", test_overflow},
		{"radix and role names", test_radix},
	};

	return CU_RUN("number", cases);
}
