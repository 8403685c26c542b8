/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test fixture for the front end: parse text or files with diagnostics
 * captured in memory, so tests assert exact messages and check names.
 */
#ifndef SMMU_TEST_FIXTURE_H
#define SMMU_TEST_FIXTURE_H

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Parse words (as smmucc -e) and build the model. */
static inline void fx_words(struct fx *f, const char *text)
{
	fx_begin(f);
	parse_words(f->cfg, &f->d, text);
	sema_build(f->cfg, &f->d, NULL, false);
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
	fflush(f->out);
	if (!strstr(f->buf, s)) {
		fprintf(stderr, "\nexpected \"%s\" in:\n%s\n", s, f->buf);
		return 0;
	}
	return 1;
}

/* How often s occurs in the diagnostics. */
static inline unsigned fx_count(struct fx *f, const char *s)
{
	unsigned n = 0;
	const char *p = f->buf;

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

	fflush(f->out);
	while (p && --n)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p)
		return "";
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

struct test_case {
	const char *n;
	void (*f)(void);
};

static inline int run_suite(const char *name, const struct test_case *t, size_t nt)
{
	CU_pSuite s;
	unsigned fails;
	size_t i;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite(name, NULL, NULL);
	if (!s)
		return 1;
	for (i = 0; i < nt; i++)
		if (!CU_add_test(s, t[i].n, t[i].f))
			return 1;
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	fails = CU_get_number_of_failures();
	CU_cleanup_registry();
	return fails || CU_get_error() ? 1 : 0;
}

#define RUN(name, tests)                                                                    \
	run_suite((name), (tests), sizeof(tests) / sizeof((tests)[0]))

#endif
