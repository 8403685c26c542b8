# SPDX-License-Identifier: BSD-2-Clause
# The compiler is a library of modules plus the smmucc driver, so unit tests
# and fuzz harnesses link the same code.
noinst_LIBRARIES += compiler/libsmmucc.a
compiler_libsmmucc_a_SOURCES =
compiler_libsmmucc_a_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
include compiler/frontend.mk
include compiler/backend.mk
include compiler/driver.mk
include compiler/policy.mk
