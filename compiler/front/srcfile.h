/* SPDX-License-Identifier: BSD-2-Clause */
/* Front-end-only additions to srcpos.h. */
#ifndef SMMU_SRCFILE_H
#define SMMU_SRCFILE_H

#include <stddef.h>
#include <stdint.h>
#include "front/srcpos.h"

/*
 * Like srcfile_set_text(), but takes ownership of text (malloc'd, len bytes,
 * followed by one NUL) instead of copying it: the parser scans the same
 * buffer the caret lines come from. Replaces an earlier text of the file.
 * On failure text is freed and -1 returned.
 */
int srcfile_adopt_text(srcfile_id file, char *text, size_t len);

/*
 * Appends text (len bytes) to file's text as a line of its own (after a
 * newline if there is text already), growing the buffer by doubling, so
 * that n appends cost O(total length): the -e options of a command line.
 * *offset and *line: where the appended text starts. 0, or -1 (no
 * memory; the file keeps its text).
 */
int srcfile_append_line(srcfile_id file, const char *text, size_t len, size_t *offset,
			unsigned *line);

/*
 * Strings kept for the run, by number (1, 2, ...): the asinfo names of
 * numbers (struct num). srcfile_keep_str copies s[0..len); 0 when out of
 * memory or past max. srcfile_str(0) is NULL.
 */
uint32_t srcfile_keep_str(const char *s, size_t len, uint32_t max);
const char *srcfile_str(uint32_t id);

/* The whole text of file, or NULL; *len set. A NUL follows it (the scanner stops there). */
const char *srcfile_text(srcfile_id file, size_t *len);

/*
 * The parser's count of source files read and their bytes, for the limits
 * of a run (parse.h); srcfile_free_all() ends the run and resets both.
 */
void srcfile_count_read(size_t len);
void srcfile_reads(size_t *nfiles_read, size_t *nbytes_read);

#endif
