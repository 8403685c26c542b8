# SPDX-License-Identifier: BSD-2-Clause
# Reading a file to its end under a bound; one escaping rule for every name
# that reaches a terminal or the log.
runtime_libsmmurt_a_SOURCES += runtime/util/readall.c runtime/util/readall.h runtime/util/readfdt.c \
	runtime/util/escape.c runtime/util/escape.h runtime/util/le.h
