/* SPDX-License-Identifier: BSD-2-Clause */
/* The blob reader/builder tests: one CUnit program, several suites. */
#include "tests.h"

int main(void)
{
	const struct cu_suite suites[] = {reader_suite, negative_suite, flip_suite, write_suite};

	return cu_run_suites(suites, CU_COUNT(suites));
}
