/* SPDX-License-Identifier: BSD-2-Clause */
/* The suites of the blob test program (tests/blob/test_main.c). */
#ifndef SMMU_TEST_BLOB_TESTS_H
#define SMMU_TEST_BLOB_TESTS_H

int add_reader_suite(void);
int add_negative_suite(void);
int add_flip_suite(void);
int add_write_suite(void);

#endif
