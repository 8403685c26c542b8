/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit suites as tables, run verbosely: the main() of a test program.
 * Exit status 0 all passed, 1 a test or a suite's setup/teardown failed,
 * 2 CUnit could not be set up.
 */
#ifndef SMMU_TESTS_CU_RUN_H
#define SMMU_TESTS_CU_RUN_H

#include <CUnit/Basic.h>
#include <stddef.h>

struct cu_case {
	const char *name;
	CU_TestFunc fn;
};

/* A suite with its fixture: init runs before its first test, fini after its last. */
struct cu_suite {
	const char *name;
	CU_InitializeFunc init;
	CU_CleanupFunc fini;
	const struct cu_case *cases;
	size_t n;
};

static inline int cu_run_suites(const struct cu_suite *suites, size_t ns)
{
	CU_pSuite s = NULL;
	unsigned fails;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t k = 0; k < ns; k++) {
		s = CU_add_suite(suites[k].name, suites[k].init, suites[k].fini);
		for (size_t i = 0; s && i < suites[k].n; i++)
			if (!CU_add_test(s, suites[k].cases[i].name, suites[k].cases[i].fn))
				s = NULL;
		if (!s)
			break;
	}
	if (!s) {
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	fails = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return fails ? 1 : 0;
}

static inline int cu_run(const char *suite, const struct cu_case *cases, size_t n)
{
	const struct cu_suite one = {suite, NULL, NULL, cases, n};

	return cu_run_suites(&one, 1);
}

#define CU_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define CU_RUN(suite, cases) cu_run(suite, cases, CU_COUNT(cases))

#endif
