# SPDX-License-Identifier: BSD-2-Clause
# What every architecture shares: the table-page encoding, records to input.
check_PROGRAMS += tests/iommu/test_pages
tests_iommu_test_pages_SOURCES = tests/iommu/test_pages.c
tests_iommu_test_pages_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_iommu_test_pages_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/iommu/test_pages
check_PROGRAMS += tests/iommu/test_input
tests_iommu_test_input_SOURCES = tests/iommu/test_input.c
tests_iommu_test_input_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_iommu_test_input_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/iommu/test_input
check_PROGRAMS += tests/iommu/test_pool
tests_iommu_test_pool_SOURCES = tests/iommu/test_pool.c
tests_iommu_test_pool_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_iommu_test_pool_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/iommu/test_pool
