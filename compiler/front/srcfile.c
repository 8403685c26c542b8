/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * File names and texts for source positions. Names are interned once, and a
 * struct srcpos holds a file's number (its index + 1), so it is three 32-bit
 * words and can be copied freely; texts are kept so
 * that diagnostics can show the line with a caret. The line index of a text
 * is built only when a diagnostic first asks for one of its lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "front/ntab.h"
#include "front/srcfile.h"

struct sfile {
	char *name;
	char *text;      /* NULL when no text was given */
	size_t len;
	size_t *lines;   /* offsets of line starts, built lazily */
	size_t nlines;
	/* appended to (srcfile_append_line): room, newlines, room for lines */
	size_t cap, newlines, lines_cap;
};

static struct sfile *files;
static size_t nfiles;
static struct ntab index_;
/* srcfile_keep_str's strings: string n is strs[n - 1] */
static char **strs;
static size_t nstrs;
/* what the parser read this run, an @include read again counting again */
static size_t nread_files, nread_bytes;

static bool name_eq(const void *ctx, size_t item, const void *key)
{
	(void)ctx;
	return strcmp(files[item].name, key) == 0;
}

/* out of memory: a name that keeps positions printable, and no text */
#define UNKNOWN_ID UINT32_MAX

/* A file by its number: an index, so no lookup (diagnostics ask often). */
static struct sfile *find(srcfile_id id)
{
	if (id == 0 || id > nfiles)
		return NULL;
	return &files[id - 1];
}

static struct sfile *intern(const char *name)
{
	long i = ntab_find(&index_, ntab_hash_str(name), name_eq, NULL, name);
	struct sfile *f, *nf;
	char *copy;

	if (i >= 0)
		return &files[i];
	if (nfiles >= UNKNOWN_ID - 1)
		return NULL;
	nf = grow_array(files, nfiles, sizeof(*files));
	if (!nf)
		return NULL;
	files = nf;
	copy = strdup(name);
	if (!copy || ntab_add(&index_, ntab_hash_str(name), nfiles) < 0) {
		free(copy);
		return NULL;
	}
	f = &files[nfiles++];
	memset(f, 0, sizeof(*f));
	f->name = copy;
	return f;
}

srcfile_id srcfile_intern(const char *name)
{
	struct sfile *f = intern(name);

	return f ? (srcfile_id)(f - files) + 1 : UNKNOWN_ID;
}

const char *srcfile_name(srcfile_id id)
{
	struct sfile *f = find(id);

	if (f)
		return f->name;
	return id ? "<unknown>" : NULL;
}

int srcfile_adopt_text(srcfile_id file, char *text, size_t len)
{
	struct sfile *f = find(file);

	if (!f) {
		free(text);
		return -1;
	}
	free(f->text);
	free(f->lines);
	f->text = text;
	f->len = len;
	f->lines = NULL;
	f->nlines = 0;
	f->cap = f->newlines = f->lines_cap = 0;
	return 0;
}

/* A line starting at start, when the line index exists already. */
static int add_line(struct sfile *f, size_t start)
{
	if (!f->lines)
		return 0;
	if (f->nlines == f->lines_cap) {
		size_t *nl = realloc(f->lines, 2 * f->lines_cap * sizeof(*nl));

		if (!nl)
			return -1;
		f->lines = nl;
		f->lines_cap *= 2;
	}
	f->lines[f->nlines++] = start;
	return 0;
}

int srcfile_append_line(srcfile_id file, const char *text, size_t len, size_t *offset,
			unsigned *line)
{
	struct sfile *f = find(file);
	size_t sep, need;

	if (!f)
		return -1;
	if (f->text && !f->cap) {
		/* a text adopted whole: counted once, then grown by doubling */
		f->cap = f->len + 1;
		for (size_t i = 0; i < f->len; i++)
			f->newlines += f->text[i] == '\n';
	}
	sep = f->text ? 1 : 0;
	need = f->len + sep + len + 1;
	if (need <= len || need > (SIZE_MAX >> 1))
		return -1;
	if (need > f->cap) {
		size_t cap = f->cap ? f->cap : 256;
		char *nt;

		while (cap < need)
			cap *= 2;
		nt = realloc(f->text, cap);
		if (!nt)
			return -1;
		f->text = nt;
		f->cap = cap;
	}
	if (sep) {
		f->text[f->len++] = '\n';
		f->newlines++;
		if (add_line(f, f->len))
			return -1;
	}
	*offset = f->len;
	*line = (unsigned)(f->newlines + 1);
	memcpy(f->text + f->len, text, len);
	f->text[f->len + len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n') {
			f->newlines++;
			if (add_line(f, f->len + i + 1))
				return -1;
		}
	f->len += len;
	return 0;
}

int srcfile_set_text(srcfile_id file, const char *text, size_t len)
{
	char *copy = malloc(len + 1);

	if (!copy)
		return -1;
	memcpy(copy, text, len);
	copy[len] = '\0';
	return srcfile_adopt_text(file, copy, len);
}

const char *srcfile_text(srcfile_id file, size_t *len)
{
	struct sfile *f = find(file);

	*len = 0;
	if (!f || !f->text)
		return NULL;
	*len = f->len;
	return f->text;
}

/* Both passes by memchr: a byte loop here was a twentieth of a --check run. */
static int build_lines(struct sfile *f)
{
	const char *p, *end = f->text + f->len;
	size_t n = 1, k = 0;

	for (p = f->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	f->lines = malloc(n * sizeof(*f->lines));
	if (!f->lines)
		return -1;
	f->lines[k++] = 0;
	for (p = f->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		f->lines[k++] = (size_t)(p - f->text) + 1;
	f->nlines = n;
	f->lines_cap = n;
	return 0;
}

const char *srcfile_line(srcfile_id file, unsigned line, size_t *len)
{
	struct sfile *f = find(file);
	size_t start, end;
	const char *nl;

	*len = 0;
	if (!f || !f->text || line == 0)
		return NULL;
	if (!f->lines && build_lines(f) < 0)
		return NULL;
	if (line > f->nlines)
		return NULL;
	start = f->lines[line - 1];
	/* A final empty "line" after the last newline is no line. */
	if (start == f->len && line > 1)
		return NULL;
	nl = memchr(f->text + start, '\n', f->len - start);
	end = nl ? (size_t)(nl - f->text) : f->len;
	*len = end - start;
	return f->text + start;
}

uint32_t srcfile_keep_str(const char *s, size_t len, uint32_t max)
{
	char **n, *copy;

	if (nstrs >= max)
		return 0;
	n = grow_array(strs, nstrs, sizeof(*strs));
	if (!n)
		return 0;
	strs = n;
	copy = strndup(s, len);
	if (!copy)
		return 0;
	strs[nstrs++] = copy;
	return (uint32_t)nstrs;
}

const char *srcfile_str(uint32_t id)
{
	return id && id <= nstrs ? strs[id - 1] : NULL;
}

void srcfile_count_read(size_t len)
{
	nread_files++;
	nread_bytes += len;
}

void srcfile_reads(size_t *nfiles_read, size_t *nbytes_read)
{
	*nfiles_read = nread_files;
	*nbytes_read = nread_bytes;
}

void srcfile_free_all(void)
{
	size_t i;

	for (i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].text);
		free(files[i].lines);
	}
	free(files);
	files = NULL;
	nfiles = 0;
	for (i = 0; i < nstrs; i++)
		free(strs[i]);
	free(strs);
	strs = NULL;
	nstrs = 0;
	ntab_free(&index_);
	nread_files = 0;
	nread_bytes = 0;
}
