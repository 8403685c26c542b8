/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test fixture for the front end: parse text or files with diagnostics
 * captured in memory, so tests assert exact messages and check names.
 */
#ifndef SMMU_TEST_FIXTURE_H
#define SMMU_TEST_FIXTURE_H

#include <CUnit/Basic.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cu_run.h"
#include "front/frontend.h"

struct fx {
	struct config *cfg;
	struct diag_ctx d;
	FILE *out;
	char *buf;
	size_t len;
};

static inline void fx_begin(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	f->out = open_memstream(&f->buf, &f->len);
	diag_init(&f->d, f->out);
	f->cfg = config_new();
}

/* The file name of tests/front/data, in a static buffer. */
static inline const char *fx_data(const char *name)
{
	static char path[PATH_MAX];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/tests/front/data/%s", top ? top : ".", name);
	return path;
}

/* Parse words (as smmucc -e) and build the model. */
static inline void fx_words(struct fx *f, const char *text)
{
	fx_begin(f);
	parse_words(f->cfg, &f->d, text);
	sema_build(f->cfg, &f->d, NULL, false);
	diag_flush(&f->d); /* warnings wait in batches */
	fflush(f->out);
}

static inline void fx_end(struct fx *f)
{
	config_free(f->cfg);
	fclose(f->out);
	free(f->buf);
	srcfile_free_all();
}

/* The diagnostics printed so far contain s. */
static inline int fx_has(struct fx *f, const char *s)
{
	diag_flush(&f->d); /* warnings wait in batches */
	fflush(f->out);
	if (!strstr(f->buf, s)) {
		fprintf(stderr, "\nexpected \"%s\" in:\n%s\n", s, f->buf);
		return 0;
	}
	return 1;
}

/* Every one of n strings occurs in the diagnostics: an assertion each. */
static inline void fx_has_all(struct fx *f, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		CU_ASSERT(fx_has(f, want[i]));
}

#define FX_HAS_ALL(f, ...)                                                                  \
	fx_has_all((f), (const char *const[]){__VA_ARGS__},                                 \
		   sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* How often s occurs in the diagnostics. */
static inline unsigned fx_count(struct fx *f, const char *s)
{
	unsigned n = 0;
	const char *p = f->buf;

	diag_flush(&f->d); /* warnings wait in batches */
	fflush(f->out);
	while (p && (p = strstr(p, s))) {
		n++;
		p += strlen(s);
	}
	return n;
}

/* Line n (from 1) of the diagnostics, without its newline, in a static buffer. */
static inline const char *fx_line(struct fx *f, unsigned n)
{
	static char line[512];
	const char *p = f->buf;

	diag_flush(&f->d); /* warnings wait in batches */
	fflush(f->out);
	while (p && --n)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p)
		return "";
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

#endif
