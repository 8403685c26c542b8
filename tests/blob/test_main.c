/* SPDX-License-Identifier: BSD-2-Clause */
/* The blob reader/builder tests: one CUnit program, several suites. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include "tests.h"

int main(void)
{
	unsigned fails;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (add_reader_suite() || add_negative_suite() || add_flip_suite() || add_write_suite()) {
		fprintf(stderr, "test_blob: cannot register suites: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	fails = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	if (CU_get_error() != CUE_SUCCESS)
		fails++;
	CU_cleanup_registry();
	return fails ? 1 : 0;
}
