# SPDX-License-Identifier: BSD-2-Clause
# The client wire format: in libsmmurt for smmuman, compiled again into
# libsmmu (client/local.mk), which links nothing else of libsmmurt.
runtime_libsmmurt_a_SOURCES += runtime/proto/proto.c runtime/proto/proto.h
