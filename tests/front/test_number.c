/* SPDX-License-Identifier: BSD-2-Clause */
/* Numbers of the .smmu language: every notation, role, multiplier, overflow. */
#include <CUnit/Basic.h>
#include <string.h>
#include "front/number.h"

static int parse(const char *s, enum num_role role, uint64_t *v, uint64_t *alt)
{
	return num_parse(s, strlen(s), role, v, alt);
}

/* NUM_OK and exactly this value */
#define OK(s, role, want)                                                    \
	do {                                                                 \
		uint64_t v_ = 7;                                             \
		CU_ASSERT_EQUAL(parse((s), (role), &v_, NULL), NUM_OK);      \
		CU_ASSERT_EQUAL(v_, (uint64_t)(want));                       \
	} while (0)

#define FAILS(s, role, rc)                                                   \
	do {                                                                 \
		uint64_t v_ = 7;                                             \
		CU_ASSERT_EQUAL(parse((s), (role), &v_, NULL), (rc));        \
		CU_ASSERT_EQUAL(v_, 0);                                      \
	} while (0)

static void test_defaults(void)
{
	OK("4000", ROLE_ADDRESS, 0x4000);
	OK("e6ef0000", ROLE_ADDRESS, 0xe6ef0000);
	OK("DEADbeef", ROLE_ADDRESS, 0xdeadbeef);
	OK("4096", ROLE_LENGTH, 4096);
	OK("4096", ROLE_OTHER, 4096);
	OK("0", ROLE_LENGTH, 0);
	OK("0", ROLE_ADDRESS, 0);
	OK("00018", ROLE_OTHER, 18);
}

static void test_prefixes(void)
{
	OK("0x4000", ROLE_ADDRESS, 0x4000);
	OK("0X4000", ROLE_LENGTH, 0x4000);
	OK("0x1000", ROLE_OTHER, 0x1000);
	OK("0d16384", ROLE_ADDRESS, 16384);
	OK("0D4096", ROLE_LENGTH, 4096);
	OK("0d18", ROLE_OTHER, 18);
	OK("0x0", ROLE_ADDRESS, 0);
	/* 0d always means decimal, even where the default is hexadecimal */
	OK("0d10", ROLE_ADDRESS, 10);
}

/* The seed's list of equivalent allow lines: start 0x4000, length 0x1000. */
static void test_seed_equivalences(void)
{
	static const char *const starts[] = {"0x4000", "4000", "0x4000", "0x4000",
					     "0d16384", "0d16384", "0d16384"};
	static const char *const lens[] = {"4096", "4096", "0x1000", "0d4096",
					   "4096", "0d4096", "0x1000"};
	size_t i;

	for (i = 0; i < 7; i++) {
		OK(starts[i], ROLE_ADDRESS, 0x4000);
		OK(lens[i], ROLE_LENGTH, 0x1000);
	}
	OK("4K", ROLE_ADDRESS, 0x1000);
	OK("1k", ROLE_LENGTH, 0x400);
}

static void test_multipliers(void)
{
	OK("1K", ROLE_LENGTH, 1024);
	OK("1k", ROLE_LENGTH, 1024);
	OK("2M", ROLE_LENGTH, 2u << 20);
	OK("2m", ROLE_LENGTH, 2u << 20);
	OK("3G", ROLE_LENGTH, 3ull << 30);
	OK("3g", ROLE_LENGTH, 3ull << 30);
	OK("0x10K", ROLE_LENGTH, 0x4000);
	OK("0d10K", ROLE_ADDRESS, 10240);
	OK("0x1M", ROLE_ADDRESS, 0x100000);
	OK("8G", ROLE_ADDRESS, 8ull << 30);
	/* multipliers are for addresses and lengths only */
	FAILS("4K", ROLE_OTHER, NUM_BAD_DIGIT);
	FAILS("1M", ROLE_OTHER, NUM_BAD_DIGIT);
}

static void test_ambiguous(void)
{
	uint64_t v = 0, alt = 0;

	/* address 10K: hexadecimal 0x10 * 1024, decimal would be 10 * 1024 */
	CU_ASSERT_EQUAL(parse("10K", ROLE_ADDRESS, &v, &alt), NUM_AMBIGUOUS);
	CU_ASSERT_EQUAL(v, 0x4000);
	CU_ASSERT_EQUAL(alt, 0x2800);
	/* length 64K: decimal 65536, hexadecimal would be 0x64 * 1024 */
	CU_ASSERT_EQUAL(parse("64K", ROLE_LENGTH, &v, &alt), NUM_AMBIGUOUS);
	CU_ASSERT_EQUAL(v, 0x10000);
	CU_ASSERT_EQUAL(alt, 0x19000);
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
	const char *s;

	FAILS("", ROLE_ADDRESS, NUM_EMPTY);
	FAILS("0x", ROLE_ADDRESS, NUM_EMPTY);
	FAILS("0d", ROLE_LENGTH, NUM_EMPTY);
	FAILS("K", ROLE_LENGTH, NUM_EMPTY);
	FAILS("0xK", ROLE_LENGTH, NUM_EMPTY);
	FAILS("12a", ROLE_LENGTH, NUM_BAD_DIGIT);
	FAILS("0d12a", ROLE_ADDRESS, NUM_BAD_DIGIT);
	FAILS("0x1g2", ROLE_ADDRESS, NUM_BAD_DIGIT);
	FAILS("xyz", ROLE_ADDRESS, NUM_BAD_DIGIT);
	FAILS("-1", ROLE_OTHER, NUM_BAD_DIGIT);
	FAILS("1 ", ROLE_OTHER, NUM_BAD_DIGIT);
	FAILS("1KK", ROLE_LENGTH, NUM_BAD_DIGIT);
	s = "0x1g2";
	CU_ASSERT_EQUAL(num_bad_offset(s, strlen(s), ROLE_ADDRESS), 3);
	s = "12a";
	CU_ASSERT_EQUAL(num_bad_offset(s, strlen(s), ROLE_LENGTH), 2);
	s = "4K";
	CU_ASSERT_EQUAL(num_bad_offset(s, strlen(s), ROLE_OTHER), 1);
	s = "123";
	CU_ASSERT_EQUAL(num_bad_offset(s, strlen(s), ROLE_OTHER), 3);
	CU_ASSERT_STRING_EQUAL(num_strerror(NUM_BAD_DIGIT), "bad digit");
	CU_ASSERT_STRING_EQUAL(num_strerror(NUM_OVERFLOW), "does not fit in 64 bits");
}

static void test_overflow(void)
{
	uint64_t v;

	OK("0xffffffffffffffff", ROLE_ADDRESS, UINT64_MAX);
	OK("ffffffffffffffff", ROLE_ADDRESS, UINT64_MAX);
	OK("18446744073709551615", ROLE_LENGTH, UINT64_MAX);
	FAILS("0x10000000000000000", ROLE_ADDRESS, NUM_OVERFLOW);
	FAILS("18446744073709551616", ROLE_LENGTH, NUM_OVERFLOW);
	FAILS("99999999999999999999999", ROLE_OTHER, NUM_OVERFLOW);
	/* the largest values a multiplier still fits, and one more */
	OK("0x3fffffffffffffK", ROLE_ADDRESS, 0x3fffffffffffffull << 10);
	FAILS("0x40000000000000K", ROLE_ADDRESS, NUM_MUL_OVERFLOW);
	OK("0xfffffffffffM", ROLE_LENGTH, 0xfffffffffffull << 20);
	FAILS("0x100000000000M", ROLE_LENGTH, NUM_MUL_OVERFLOW);
	OK("17179869183G", ROLE_LENGTH, 17179869183ull << 30);
	FAILS("17179869184G", ROLE_LENGTH, NUM_MUL_OVERFLOW);
	FAILS("18446744073709551616K", ROLE_LENGTH, NUM_OVERFLOW);
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
	CU_pSuite s;
	unsigned fails;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("number", NULL, NULL);
	if (!s || !CU_add_test(s, "default radix per role", test_defaults) ||
	    !CU_add_test(s, "0x and 0d prefixes", test_prefixes) ||
	    !CU_add_test(s, "the seed's seven equivalent forms", test_seed_equivalences) ||
	    !CU_add_test(s, "K, M, G multipliers", test_multipliers) ||
	    !CU_add_test(s, "ambiguous radix", test_ambiguous) ||
	    !CU_add_test(s, "bad digits", test_bad) ||
	    !CU_add_test(s, "64-bit overflow", test_overflow) ||
	    !CU_add_test(s, "radix and role names", test_radix)) {
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	fails = CU_get_number_of_failures();
	CU_cleanup_registry();
	return fails || CU_get_error() ? 1 : 0;
}
