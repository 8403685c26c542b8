/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Names and strings from a blob or the firmware on their way to a terminal
 * or the log: a file name "x.smmu\r\e[1mDSS: forged" must not forge a line
 * or drive the terminal. One rule everywhere: C-style \ooo for bytes below
 * 0x20 and from 0x7f up, "\\" for a backslash, every other byte as it is.
 */
#ifndef SMMU_ESCAPE_H
#define SMMU_ESCAPE_H

#include <stddef.h>

/* The longest escape of one byte ("\377"). */
#define ESC_MAX_PER_BYTE 4

/*
 * Writes s escaped into buf (size > 0), NUL-terminated; an escape that
 * does not fit whole is left out, with what follows. Returns buf, so it
 * can be an argument of printf. A NULL s is written as "?".
 */
const char *esc_str(const char *s, char *buf, size_t size);

/*
 * The log's backstop, in place on a NUL-terminated line of capacity size:
 * control bytes (below 0x20, and 0x7f up) become \ooo; backslashes stay,
 * so text already escaped by esc_str is not escaped twice. Truncates at
 * the capacity.
 */
void esc_controls(char *line, size_t size);

#endif
