/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The limits that keep a run linear in its input (smmu(5) LIMITS): word
 * length, argument lists joined over blanks, files and bytes read through
 * @include, the size of a source, YAML nesting and errors in an asinfo map.
 * Each input here took time quadratic (or exponential) in its size before,
 * so the assertions are on exact diagnostics and counts, never on time.
 */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fixture.h"
#include "front/parse.h"
#include "front/srcfile.h"

#define CL "<command line>"

/* tests/front/limits.tmp/NAME in the build tree, created with its directory. */
static char *tmp(const char *name)
{
	static char path[PATH_MAX];
	const char *top = getenv("top_builddir");

	snprintf(path, sizeof(path), "%s/tests/front/limits.tmp", top ? top : ".");
	CU_ASSERT_FATAL(mkdir(path, 0777) == 0 || errno == EEXIST);
	snprintf(path, sizeof(path), "%s/tests/front/limits.tmp/%s", top ? top : ".", name);
	return path;
}

static void put(const char *name, const char *text)
{
	FILE *fp = fopen(tmp(name), "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	fclose(fp);
}

/* "PREFIX" then n bytes of c then "SUFFIX", malloc'd. */
static char *repeat(const char *prefix, char c, size_t n, const char *suffix)
{
	size_t lp = strlen(prefix), ls = strlen(suffix);
	char *s = malloc(lp + n + ls + 1);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	memcpy(s, prefix, lp);
	memset(s + lp, c, n);
	memcpy(s + lp + n, suffix, ls + 1);
	return s;
}

static void parse_tmp(struct fx *f, const char *name)
{
	fx_begin(f);
	parse_file(f->cfg, &f->d, tmp(name));
	fflush(f->out);
}

/* Parses the words t and expects exactly one error, want, on the first line. */
static void one_error(struct fx *f, const char *t, const char *want)
{
	fx_words(f, t);
	CU_ASSERT_STRING_EQUAL(fx_line(f, 1), want);
	CU_ASSERT_EQUAL(f->d.errors, 1);
}

/* 4096 bytes are a word; 4097 are one error, with no second one after it. */
static void test_word_limit(void)
{
	struct fx f;
	char *t;

	t = repeat("", 'x', MAX_WORD_LEN, "\nforeground");
	fx_words(&f, t);
	CU_ASSERT_EQUAL(f.d.count[CHK_SYNTAX], 0);
	CU_ASSERT_EQUAL(f.d.count[CHK_UNKNOWN_STATEMENT], 1);
	fx_end(&f);
	free(t);

	t = repeat("allow a ", 'x', MAX_WORD_LEN + 1, "\nforeground");
	one_error(&f, t, CL ":1:9: error: word too long (4097 bytes; at most 4096) [syntax]");
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_FOREGROUND);
	fx_end(&f);
	free(t);

	/* an @path is a word too */
	t = repeat("foreground @", 'p', MAX_WORD_LEN, " debug 1");
	one_error(&f, t, CL ":1:12: error: word too long (4097 bytes; at most 4096) [syntax]");
	CU_ASSERT_EQUAL(f.cfg->nstmts, 2);
	fx_end(&f);
	free(t);
}

/* A 10 MB word: one diagnostic, and the lines after it are read. */
static void test_long_token(void)
{
	struct fx f;
	char *t = repeat("foreground\nallow a ", 'x', 10u << 20, "\ndevice pci:0:1.0\n");

	one_error(&f, t, CL ":2:9: error: word too long (10485760 bytes; at most 4096) [syntax]");
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 2);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].kind, STMT_DEVICE);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].pos.line, 3);
	fx_end(&f);
	free(t);
}

/*
 * "1, 1, 1, ..." is one list: each gap is reported while the list is within
 * the word limit (2047 here: "1," is 2 bytes), then the list is one error.
 */
static void test_joined_list(void)
{
	size_t k = 3000, i;
	char *t = malloc(16 + 3 * k + 32), *p = t;
	struct fx f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	p += sprintf(p, "allow a 1,");
	for (i = 0; i < k; i++)
		p += sprintf(p, "\n1,");
	sprintf(p, "\n1 device pci:0:1.0");
	fx_words(&f, t);
	CU_ASSERT_EQUAL(f.d.count[CHK_SPACE_IN_LIST], 2047);
	CU_ASSERT_EQUAL(f.d.count[CHK_SYNTAX], 1);
	CU_ASSERT(fx_has(&f, CL ":1:9: error: argument list too long (6003 bytes; at most "
			     "4096) [syntax]"));
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_DEVICE);
	fx_end(&f);

	/* up to the limit the list is joined as before: 2 + 2 * 2046 + 1 bytes */
	p = t + sprintf(t, "allow a 1,");
	for (i = 0; i < 2046; i++)
		p += sprintf(p, " 1,");
	sprintf(p, " 1");
	fx_words(&f, t);
	CU_ASSERT_EQUAL(f.d.count[CHK_SPACE_IN_LIST], 2047);
	CU_ASSERT_EQUAL(fx_count(&f, "too long"), 0);
	CU_ASSERT(fx_has(&f, CL ":1:18: error: too many items in '1,1,1,"));
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_ALLOW);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].u.allow->start.pos.col, 9);
	fx_end(&f);
	free(t);
}

/*
 * f0 includes f1 four times, f1 f2 four times...: 5461 reads unbounded (4^16
 * at the depth limit). The 1025th read is refused, naming the chain, and
 * the run stops there.
 */
static void test_include_fanout(void)
{
	char name[32], text[128];
	size_t nfiles, nbytes;
	struct fx f;
	int i;

	for (i = 0; i <= 6; i++) {
		snprintf(name, sizeof(name), "f%d.smmu", i);
		if (i < 6)
			snprintf(text, sizeof(text), "debug 1\n@f%d.smmu @f%d.smmu\n@f%d.smmu\n"
				 "@f%d.smmu\n", i + 1, i + 1, i + 1, i + 1);
		else
			snprintf(text, sizeof(text), "foreground\n");
		put(name, text);
	}
	parse_tmp(&f, "f0.smmu");
	srcfile_reads(&nfiles, &nbytes);
	CU_ASSERT_EQUAL(nfiles, MAX_READ_FILES);
	CU_ASSERT_EQUAL(f.cfg->ninputs, MAX_READ_FILES);
	CU_ASSERT_EQUAL(f.d.count[CHK_INCLUDE_CYCLE], 1);
	CU_ASSERT_EQUAL(f.d.errors, 1);
	CU_ASSERT(strstr(fx_line(&f, 1), "/limits.tmp/f5.smmu:4:1: error: too many files: "
					 "reading 'f6.smmu' would make 1025 files read in "
					 "this run (at most 1024; a file included again counts "
					 "again) [include-cycle]") != NULL);
	CU_ASSERT(strstr(fx_line(&f, 4), "/limits.tmp/f4.smmu:4:1: note: '") != NULL);
	CU_ASSERT(strstr(fx_line(&f, 4), "/limits.tmp/f5.smmu' included from here") != NULL);
	/* five notes: f0 to f4 each included the next */
	CU_ASSERT_EQUAL(fx_count(&f, "included from here"), 5);
	CU_ASSERT_EQUAL(fx_count(&f, "\n"), 3 + 5 * 3);
	fx_end(&f);
}

/* The same file included at two places is read twice: no cycle, no limit. */
static void test_include_diamond(void)
{
	struct fx f;

	put("d-top.smmu", "@d-left.smmu\n@d-right.smmu\ndevice pci:0:1.0 shared\n");
	put("d-left.smmu", "@d-common.smmu\n");
	put("d-right.smmu", "@d-common.smmu\n");
	put("d-common.smmu", "allow shared 0x1000,4096\n");
	parse_tmp(&f, "d-top.smmu");
	sema_build(f.cfg, &f.d, NULL, false);
	fflush(f.out);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(f.cfg->ninputs, 5);
	CU_ASSERT_EQUAL(f.cfg->nstmts, 3);
	fx_end(&f);
}

/* A file of n bytes: a comment line, then "foreground". */
static void put_big(const char *name, size_t n)
{
	FILE *fp = fopen(tmp(name), "w");
	char *t = repeat("#", 'c', n - 13, "\nforeground\n");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(fwrite(t, 1, n, fp), n);
	fclose(fp);
	free(t);
}

/* At most 64 MiB are read through includes in a run. */
static void test_include_bytes(void)
{
	size_t nfiles, nbytes;
	struct fx f;

	put_big("big.smmu", 15u << 20);
	put("bytes.smmu", "@big.smmu\n@big.smmu\n@big.smmu\n@big.smmu\n@big.smmu\ndebug 1\n");
	parse_tmp(&f, "bytes.smmu");
	srcfile_reads(&nfiles, &nbytes);
	CU_ASSERT_EQUAL(nfiles, 5);
	CU_ASSERT_EQUAL(nbytes, 58 + 4 * (15u << 20));
	CU_ASSERT_EQUAL(f.d.count[CHK_INCLUDE_CYCLE], 1);
	CU_ASSERT(strstr(fx_line(&f, 1), "/limits.tmp/bytes.smmu:5:1: error: too much text: "
					 "reading 'big.smmu' (15728640 bytes) would make "
					 "78643258 bytes read in this run (at most 67108864) "
					 "[include-cycle]") != NULL);
	/* four foregrounds read, the run stopped before 'debug 1' */
	CU_ASSERT_EQUAL(f.cfg->nstmts, 4);
	fx_end(&f);
	unlink(tmp("big.smmu"));
}

/* A source is at most 16 MiB: at the top, included, and an asinfo map. */
static void test_source_size(void)
{
	char path[PATH_MAX];
	struct asinfo_map *m;
	struct fx f;

	snprintf(path, sizeof(path), "%s", tmp("huge.smmu"));

	put("huge.smmu", "");
	CU_ASSERT_EQUAL_FATAL(truncate(path, (16 << 20) + 1), 0);
	parse_tmp(&f, "huge.smmu");
	CU_ASSERT(strncmp(fx_line(&f, 1), "smmucc: error: cannot read '", 28) == 0);
	CU_ASSERT(fx_has(&f, "/huge.smmu': larger than 16 MiB, the most a source may be\n"));
	CU_ASSERT_EQUAL(f.cfg->nstmts, 0);
	fx_end(&f);

	put("inc-huge.smmu", "@huge.smmu\nforeground\n");
	parse_tmp(&f, "inc-huge.smmu");
	CU_ASSERT(strstr(fx_line(&f, 1), "/inc-huge.smmu:1:1: error: cannot read included file "
					 "'") != NULL);
	CU_ASSERT(fx_has(&f, "/huge.smmu': larger than 16 MiB, the most a source may be "
			     "[syntax]\n"));
	CU_ASSERT_EQUAL(f.cfg->nstmts, 1);
	fx_end(&f);

	fx_begin(&f);
	m = asinfo_load(path, &f.d);
	fflush(f.out);
	CU_ASSERT_PTR_NULL(m);
	FX_HAS_ALL(&f,
		   "smmucc: error: cannot read asinfo map '",
		   "/huge.smmu': larger than 16 MiB, the most a source may be\n");
	fx_end(&f);
	unlink(path);
}

/* "regions: " then n '[' then n ']'. */
static struct asinfo_map *nested(struct fx *f, size_t n)
{
	char *t = repeat("regions: ", '[', n, ""), *u = repeat(t, ']', n, "\n");
	struct asinfo_map *m;

	put("nest.yaml", u);
	free(t);
	free(u);
	fx_begin(f);
	m = asinfo_load(tmp("nest.yaml"), &f->d);
	fflush(f->out);
	return m;
}

/* 32 levels are read; the 33rd is refused where it opens, however deep the rest. */
static void test_yaml_depth(void)
{
	struct fx f;

	CU_ASSERT_PTR_NULL(nested(&f, 31));
	CU_ASSERT_EQUAL(fx_count(&f, "nested deeper"), 0);
	CU_ASSERT(fx_has(&f, "nest.yaml:1:11: error: asinfo: a region must be a mapping"));
	fx_end(&f);

	CU_ASSERT_PTR_NULL(nested(&f, 200000));
	CU_ASSERT(strstr(fx_line(&f, 1), "/limits.tmp/nest.yaml:1:41: error: asinfo: nested "
					 "deeper than 32 levels (the map has 3) [syntax]") != NULL);
	CU_ASSERT_EQUAL(f.d.errors, 1);
	fx_end(&f);
}

/* After 20 errors the rest of the map is not looked at. */
static void test_yaml_errors(void)
{
	char *t = malloc(64 * 1024), *p = t;
	struct fx f;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	p += sprintf(p, "regions: [");
	for (i = 0; i < 1000; i++)
		p += sprintf(p, "{name: r%d, x: 1}, ", i);
	sprintf(p, "]\n");
	put("errors.yaml", t);
	free(t);
	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(tmp("errors.yaml"), &f.d));
	fflush(f.out);
	CU_ASSERT_EQUAL(f.d.errors, 20);
	/* three per region: an unknown key, no start, no length */
	CU_ASSERT_EQUAL(fx_count(&f, ": error: asinfo: "), 20);
	CU_ASSERT_EQUAL(fx_count(&f, "unknown key 'x'"), 7);
	FX_HAS_ALL(&f,
		   "errors.yaml:1:",
		   ": note: asinfo: too many errors (20); stopping here\n");
	fx_end(&f);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"words of 4096 and 4097 bytes", test_word_limit},
		{"a 10 MB word", test_long_token},
		{"an argument list joined over blanks", test_joined_list},
		{"4-way @include fan-out", test_include_fanout},
		{"a file included at two places", test_include_diamond},
		{"64 MiB read through includes", test_include_bytes},
		{"a source of 16 MiB + 1", test_source_size},
		{"YAML nesting", test_yaml_depth},
		{"20 errors in an asinfo map", test_yaml_errors},
	};

	return CU_RUN("limits", cases);
}
