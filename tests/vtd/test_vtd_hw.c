/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for the parts of runtime/vtd/vtd_hw.c that need no hardware: the
 * argument checks (which must refuse before /dev/mem is touched) and close
 * on an unopened unit. Mapping real registers is tested in the QEMU guest
 * (tests/e2e/bringup.sh, case vtd-regs).
 */
#include <CUnit/Basic.h>
#include <string.h>

#include "vtd/vtd_hw.h"

static void test_misaligned(void)
{
	struct unit_io io;
	char err[256];

	memset(&io, 0x5a, sizeof(io));
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90010, 0xc000000, 0x1000, &io, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "register base 0xfed90010, table memory 0xc000000+0x1000: "
				    "not 4 KiB aligned");
	CU_ASSERT_PTR_NULL(io.ctx);
	CU_ASSERT_PTR_NULL(io.read32);
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0xc000800, 0x1000, &io, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0xc000000, 0x1800, &io, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "register base 0xfed90000, table memory 0xc000000+0x1800: "
				    "not 4 KiB aligned");
	/* A short message buffer truncates, never overflows. */
	memset(err, 'x', sizeof(err));
	CU_ASSERT_EQUAL(vtd_hw_open(1, 0, 0, &io, err, 9), -1);
	CU_ASSERT_STRING_EQUAL(err, "register");
	CU_ASSERT_EQUAL(err[9], 'x');
}

static void test_no_io(void)
{
	char err[64];

	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0, 0, NULL, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "vtd_hw_open: no unit_io");
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0, 0, NULL, NULL, 0), -1);
}

static void test_close_unopened(void)
{
	struct unit_io io;

	memset(&io, 0, sizeof(io));
	vtd_hw_close(&io);
	vtd_hw_close(NULL);
	CU_ASSERT_PTR_NULL(io.ctx);
	CU_ASSERT_EQUAL(io.table_size, 0);
}

int main(void)
{
	CU_pSuite suite;
	unsigned fails;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	suite = CU_add_suite("vtd_hw", NULL, NULL);
	if (!suite || !CU_add_test(suite, "misaligned arguments", test_misaligned) ||
	    !CU_add_test(suite, "no unit_io", test_no_io) ||
	    !CU_add_test(suite, "close unopened", test_close_unopened)) {
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (CU_basic_run_tests() != CUE_SUCCESS) {
		CU_cleanup_registry();
		return 1;
	}
	fails = CU_get_number_of_failures();
	CU_cleanup_registry();
	return fails ? 1 : 0;
}
