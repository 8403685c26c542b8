/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Composing one diagnostic (struct diag_msg, diag.h) and writing it whole:
 * for diag.c only.
 */
#ifndef SMMU_DIAG_MSG_H
#define SMMU_DIAG_MSG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "front/diag.h"

/* Appends to the diagnostic being composed. */
void dm_mem(struct diag_ctx *d, const char *s, size_t n);
void dm_str(struct diag_ctx *d, const char *s);
void dm_chr(struct diag_ctx *d, char c);
void dm_fill(struct diag_ctx *d, char c, size_t n);
void dm_vfmt(struct diag_ctx *d, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void dm_fmt(struct diag_ctx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes what waits with one write() (stderr is unbuffered). */
void dm_flush(struct diag_ctx *d);
/* A diagnostic is complete: written now if now (an error), else when a batch is full. */
void dm_end(struct diag_ctx *d, bool now);
/* Written, and the buffer freed (the run ends). */
void dm_release(struct diag_ctx *d);
/* A fatal signal writes what waits before the process dies. */
void dm_flush_on_crash(struct diag_ctx *d);

#endif
