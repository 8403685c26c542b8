/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Source positions. Every token, AST node and lowered record carries one, so
 * that every diagnostic and every fault report can name file:line:col.
 */
#ifndef SMMU_SRCPOS_H
#define SMMU_SRCPOS_H

/*
 * 'file' points at a string interned in the srcfile table (srcfile.c) and
 * lives until srcfile_free_all(); positions may be copied freely.
 * Lines and columns count from 1; 0 means "no position" (command line -e
 * words use file "<command line>").
 */
struct srcpos {
	const char *file;
	unsigned line;
	unsigned col;
};

/* Interns a file name; returns a pointer stable until srcfile_free_all(). */
const char *srcfile_intern(const char *name);

/*
 * Remembers the text of a source file so diagnostics can print the line with
 * a caret. 'text' is copied. Returns 0, or -1 on allocation failure.
 */
int srcfile_set_text(const char *file, const char *text, size_t len);

/* The text of line 'line' of 'file' (without newline) or NULL; *len set. */
const char *srcfile_line(const char *file, unsigned line, size_t *len);

void srcfile_free_all(void);

#endif
