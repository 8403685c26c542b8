/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Source positions. Every token, AST node and lowered record carries one, so
 * that every diagnostic and every fault report can name file:line:col.
 */
#ifndef SMMU_SRCPOS_H
#define SMMU_SRCPOS_H

#include <stddef.h>
#include <stdint.h>

/*
 * A file of the srcfile table (srcfile.c), valid until srcfile_free_all():
 * a 32-bit number, not a pointer, so that a position is three 32-bit words
 * (at 10^6 lines a config holds millions of them). 0 is no file.
 */
typedef uint32_t srcfile_id;

/*
 * Positions may be copied freely. Lines and columns count from 1; 0 means
 * "no position" (command line -e words use file "<command line>").
 */
struct srcpos {
	srcfile_id file;
	unsigned line;
	unsigned col;
};

/* Interns a file name: never 0 (out of memory: a file named "<unknown>"). */
srcfile_id srcfile_intern(const char *name);

/* The name of file: NULL for 0, "<unknown>" for a number never given. */
const char *srcfile_name(srcfile_id file);

/*
 * Remembers the text of a source file so diagnostics can print the line with
 * a caret. 'text' is copied. Returns 0, or -1 on allocation failure.
 */
int srcfile_set_text(srcfile_id file, const char *text, size_t len);

/* The text of line 'line' of 'file' (without newline) or NULL; *len set. */
const char *srcfile_line(srcfile_id file, unsigned line, size_t *len);

void srcfile_free_all(void);

#endif
