/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One CUnit suite as a table, run verbosely: the main() of a test program.
 * Exit status 0 all passed, 1 a test failed, 2 CUnit could not be set up.
 */
#ifndef SMMU_TESTS_CU_RUN_H
#define SMMU_TESTS_CU_RUN_H

#include <CUnit/Basic.h>
#include <stddef.h>

struct cu_case {
	const char *name;
	CU_TestFunc fn;
};

static inline int cu_run(const char *suite, const struct cu_case *cases, size_t n)
{
	CU_pSuite s;
	unsigned fails;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite(suite, NULL, NULL);
	for (size_t i = 0; s && i < n; i++)
		if (!CU_add_test(s, cases[i].name, cases[i].fn))
			s = NULL;
	if (!s) {
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	fails = CU_get_number_of_failures();
	CU_cleanup_registry();
	return fails ? 1 : 0;
}

#define CU_RUN(suite, cases) cu_run(suite, cases, sizeof(cases) / sizeof((cases)[0]))

#endif
