/* SPDX-License-Identifier: BSD-2-Clause */
/* The suites of the blob test program (tests/blob/test_main.c). */
#ifndef SMMU_TEST_BLOB_TESTS_H
#define SMMU_TEST_BLOB_TESTS_H

#include "cu_run.h"

extern const struct cu_suite reader_suite, negative_suite, flip_suite, write_suite;

#endif
