/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scanner and parser: words, comments, #line markers, argument lists,
 * error recovery and its cap, positions, @include.
 */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fixture.h"

#define CL "<command line>"

static void test_every_statement(void)
{
	static const enum stmt_kind want[] = {
		STMT_ALLOW, STMT_DEBUG, STMT_DEVICE, STMT_FOREGROUND, STMT_RESERVED,
		STMT_SAFETY, STMT_SAFETY, STMT_SET, STMT_SET_QUERY, STMT_SMMU, STMT_UNIT,
		STMT_USE, STMT_USER,
	};
	struct fx f;
	struct stmt *s;
	size_t i;

	fx_words(&f, "allow foo 0x4000,4096,s\n"
		     "debug 2\n"
		     "device pci:0:18.0 foo\n"
		     "foreground\n"
		     "reserved 0x7b800000,0x4800000\n"
		     "safety warn smmu-vtd\n"
		     "safety required\n"
		     "set grow-heap 0x4000\n"
		     "set ?\n"
		     "smmu vtd require\n"
		     "unit vtd1 0xfed64000\n"
		     "use vtd1\n"
		     "user 100:200,300,400\n");
	CU_ASSERT_EQUAL(f.d.errors + f.d.warnings, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 13);
	for (i = 0; i < 13; i++) {
		CU_ASSERT_EQUAL(f.cfg->stmts[i].kind, want[i]);
		CU_ASSERT_EQUAL(f.cfg->stmts[i].pos.line, i + 1);
		CU_ASSERT_EQUAL(f.cfg->stmts[i].pos.col, 1);
	}
	s = f.cfg->stmts;
	CU_ASSERT_STRING_EQUAL(s[0].u.allow->name, "foo");
	CU_ASSERT_EQUAL(s[0].u.allow->start.value, 0x4000);
	CU_ASSERT_EQUAL(s[0].u.allow->len.value, 4096);
	CU_ASSERT_EQUAL(s[0].u.allow->perms, PERM_S);
	CU_ASSERT(s[0].u.allow->perms_given);
	CU_ASSERT_EQUAL(s[1].u.debug->level.value, 2);
	CU_ASSERT_EQUAL(s[2].u.device->spec.kind, SPEC_PCI_FUNC);
	CU_ASSERT_STRING_EQUAL(s[2].u.device->allow, "foo");
	CU_ASSERT_EQUAL(s[4].u.reserved->len.value, 0x4800000);
	CU_ASSERT_EQUAL(s[5].u.safety->level, SAFETY_WARN);
	CU_ASSERT_STRING_EQUAL(s[5].u.safety->component, "smmu-vtd");
	CU_ASSERT_PTR_NULL(s[6].u.safety->component);
	CU_ASSERT_STRING_EQUAL(s[7].u.set->var, "grow-heap");
	CU_ASSERT_STRING_EQUAL(s[7].u.set->val, "0x4000");
	CU_ASSERT_STRING_EQUAL(s[9].u.smmu->type, "vtd");
	CU_ASSERT_EQUAL(s[9].u.smmu->t, SMMU_VTD);
	CU_ASSERT_STRING_EQUAL(s[9].u.smmu->param, "require");
	CU_ASSERT_STRING_EQUAL(s[10].u.unit->name, "vtd1");
	CU_ASSERT_STRING_EQUAL(s[10].u.unit->param, "0xfed64000");
	CU_ASSERT_STRING_EQUAL(s[11].u.use->unit, "vtd1");
	CU_ASSERT_PTR_NULL(s[11].u.use->param);
	CU_ASSERT_STRING_EQUAL(s[12].u.user->spec, "100:200,300,400");
	fx_end(&f);
}

/* Newlines mean nothing: one line may hold several statements, one statement many lines. */
static void test_lines_free(void)
{
	struct fx f;

	fx_words(&f, "device mem:0xE6EF0000 use vi0 0 smmu rcar3 0xe67b0000,228 unit vi0 "
		     "0xfebd0000,14\nallow\n\n  foo\n\t0x1000,4096\n");
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 5);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].kind, STMT_USE);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].pos.col, 23);
	CU_ASSERT_STRING_EQUAL(f.cfg->stmts[1].u.use->param, "0");
	CU_ASSERT_EQUAL(f.cfg->stmts[4].kind, STMT_ALLOW);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].pos.line, 2);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].u.allow->name_pos.line, 4);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].u.allow->name_pos.col, 3);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].u.allow->start.pos.line, 5);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].u.allow->start.pos.col, 2);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].u.allow->len.pos.col, 9);
	fx_end(&f);
}

static void test_comments(void)
{
	struct fx f;

	fx_words(&f, "# a comment: allow x 1,2\n"
		     "unit# is a word and not a comment\n"
		     "smmu vtd\t# type vtd\n"
		     "  unit vtd1 0xfed64000#not-a-comment\n");
	/* 'unit#' is an unknown word; '#' inside a word is part of it */
	CU_ASSERT(fx_has(&f, CL ":2:1: error: unknown statement 'unit#' [unknown-statement]"));
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 2);
	CU_ASSERT_PTR_NULL(f.cfg->stmts[0].u.smmu->param);
	CU_ASSERT_STRING_EQUAL(f.cfg->stmts[1].u.unit->param, "0xfed64000#not-a-comment");
	CU_ASSERT(fx_has(&f, "bad hexadecimal digit '#' in vtd register base"));
	fx_end(&f);
}

static void test_line_markers(void)
{
	struct fx f;

	fx_words(&f, "debug 1\n"
		     "#line 40 \"board.smmu\"\n"
		     "foreground\n"
		     "  debug 7\n"
		     "   #line 7 \"other.smmu\"   \n"
		     "bogus\n"
		     "# line 9 \"x\" is only a comment\n"
		     "#line 3 \"z\" trailing words make it a comment\n"
		     "foreground\n");
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 4);
	CU_ASSERT_STRING_EQUAL(srcfile_name(f.cfg->stmts[1].pos.file), "board.smmu");
	CU_ASSERT_EQUAL(f.cfg->stmts[1].pos.line, 40);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].pos.line, 41);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].pos.col, 3);
	CU_ASSERT_STRING_EQUAL(srcfile_name(f.cfg->stmts[3].pos.file), "other.smmu");
	CU_ASSERT_EQUAL(f.cfg->stmts[3].pos.line, 10);
	FX_HAS_ALL(&f,
		   "other.smmu:7:1: error: unknown statement 'bogus'",
		   "board.smmu:41:9: error: debug level must be 1 or 2, not 7 "
		   "[bad-number]");
	fx_end(&f);
}

static void test_dots(void)
{
	struct fx f;

	fx_words(&f, "smmu rcar3 0xe67b0000,228\n\tunit vi0 0xfebd0000,14\n\t...\n"
		     "\tunit ir 0xff8b0000,3\n");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":3:2: error: '...' is not configuration "
				"syntax (the manual uses it to elide lines) [syntax]");
	CU_ASSERT_EQUAL(f.d.errors, 1);
	CU_ASSERT_EQUAL(f.cfg->nunits, 2);
	fx_end(&f);
}

static void test_space_in_list(void)
{
	struct fx f;

	fx_words(&f, "device pci:0:2.0\nreserved 0x7afe0000, 0x20000\n"
		     "reserved 0x7afe0000 ,0x20000\nallow a 0x1000,\n   0x2000,  st\n");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1),
			       CL ":2:21: error: no space allowed after ',' [space-in-list]");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 2), "reserved 0x7afe0000, 0x20000");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 3), "                    ^");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 4),
			       CL ":3:20: error: no space allowed before ',' [space-in-list]");
	FX_HAS_ALL(&f,
		   CL ":4:16: error: no space allowed after ','",
		   CL ":5:11: error: no space allowed after ','");
	/* one report each and no cascade: the words are read as the list meant */
	CU_ASSERT_EQUAL(f.d.errors, 4);
	CU_ASSERT_EQUAL(f.d.count[CHK_SPACE_IN_LIST], 4);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 4);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].u.reserved->start.value, 0x7afe0000);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].u.reserved->len.value, 0x20000);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].u.reserved->len.value, 0x20000);
	/* positions survive the joining */
	CU_ASSERT_EQUAL(f.cfg->stmts[1].u.reserved->len.pos.col, 22);
	CU_ASSERT_EQUAL(f.cfg->stmts[3].u.allow->len.pos.line, 5);
	CU_ASSERT_EQUAL(f.cfg->stmts[3].u.allow->len.pos.col, 4);
	CU_ASSERT_EQUAL(f.cfg->stmts[3].u.allow->perms_pos.col, 13);
	CU_ASSERT_EQUAL(f.cfg->stmts[3].u.allow->perms, PERM_S | PERM_T);
	fx_end(&f);
}

static void test_recovery(void)
{
	struct fx f;

	fx_words(&f, "allow foo\n"
		     "device pci:0:1.0 foo\n"
		     "set\n"
		     "debug 1\n"
		     "smmu\n"
		     "unit u1 0x1000\n");
	CU_ASSERT_EQUAL(f.d.count[CHK_SYNTAX], 3);
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":2:1: error: syntax error, unexpected device, "
				"expecting word [syntax]");
	FX_HAS_ALL(&f,
		   CL ":4:1: error: syntax error, unexpected debug, expecting word "
		      "or '?' [syntax]",
		   CL ":6:1: error: syntax error, unexpected unit, expecting word "
		      "[syntax]");
	/* the statements after each error were read */
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 3);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_DEVICE);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].kind, STMT_DEBUG);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].kind, STMT_UNIT);
	fx_end(&f);

	fx_words(&f, "foreground allow");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":1:17: error: syntax error, unexpected end "
				"of file, expecting word [syntax]");
	fx_end(&f);
}

static void test_error_cap(void)
{
	char text[4096] = "";
	struct fx f;
	int i;

	for (i = 0; i < 30; i++)
		strcat(text, "allow\n");
	strcat(text, "foreground\n");
	fx_words(&f, text);
	CU_ASSERT_EQUAL(f.d.count[CHK_SYNTAX], 20);
	CU_ASSERT_EQUAL(f.d.syntax_errors, 20);
	FX_HAS_ALL(&f,
		   CL ":21:1: error: syntax error, unexpected allow, expecting word",
		   CL ":21:1: note: too many syntax errors (20); stopping here");
	/* stopped: nothing after the 20th error */
	CU_ASSERT_EQUAL(f.cfg->nstmts, 0);
	/* a later parse in the same run reads nothing either */
	parse_words(f.cfg, &f.d, "foreground");
	CU_ASSERT_EQUAL(f.cfg->nstmts, 0);
	fx_end(&f);
}

static void test_unknown(void)
{
	struct fx f;

	fx_words(&f, "frob a b ? c debug 1 ? x");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":1:1: error: unknown statement 'frob' "
				"[unknown-statement]");
	CU_ASSERT(fx_has(&f, CL ":1:22: error: unknown statement '?'"));
	CU_ASSERT_EQUAL(f.d.count[CHK_UNKNOWN_STATEMENT], 2);
	CU_ASSERT_EQUAL(f.d.count[CHK_SYNTAX], 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_DEBUG);
	fx_end(&f);
}

static void test_keyword_names(void)
{
	struct fx f;

	fx_words(&f, "allow device 0x1000,4096\n"
		     "allow\nsmmu vtd\n"
		     "device pci:0:2.0 use vtd1\n");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":1:7: error: allow set name 'device' is a "
				"keyword [allow-name-keyword]");
	CU_ASSERT(fx_has(&f, CL ":3:1: error: syntax error, unexpected smmu, expecting word"));
	CU_ASSERT_EQUAL(f.d.count[CHK_ALLOW_NAME_KEYWORD], 1);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 3);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_SMMU);
	CU_ASSERT_PTR_NULL(f.cfg->stmts[1].u.device->allow);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].kind, STMT_USE);
	fx_end(&f);

	fx_words(&f, "allow 1foo 1,2\ndevice pci:* a/b\nsmmu vtd\nunit 9u 0x1000\n");
	FX_HAS_ALL(&f,
		   CL ":1:7: error: invalid allow set name '1foo' (names match "
		      "[A-Za-z_][A-Za-z0-9_.-]*) [syntax]",
		   CL ":2:14: error: invalid allow set name 'a/b'",
		   CL ":4:6: error: invalid unit name '9u'");
	fx_end(&f);
}

static void test_stray(void)
{
	struct fx f;

	fx_words(&f, "debug 1 \x01 foreground");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":1:9: error: stray control character 0x01 "
				"[syntax]");
	CU_ASSERT_EQUAL(f.cfg->nstmts, 2);
	fx_end(&f);
}

/* Bytes above 0x7f are word characters (UTF-8 or not); every byte is survivable. */
static void test_high_bytes(void)
{
	char all[300];
	struct fx f;
	int i;

	fx_words(&f, "# gr\xc3\xbc\xc3\x9f" "e\nallow x\xffy 0x1000,4096 device pci:* \xc3\xa9t\xc3\xa9");
	FX_HAS_ALL(&f,
		   CL ":2:7: error: invalid allow set name 'x\xffy'",
		   CL ":2:36: error: invalid allow set name '\xc3\xa9t\xc3\xa9'");
	CU_ASSERT_EQUAL(f.cfg->nstmts, 2);
	fx_end(&f);

	for (i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	fx_words(&f, all);
	CU_ASSERT(f.d.errors > 0);
	fx_end(&f);
}

static void test_words_lines(void)
{
	struct fx f;

	fx_begin(&f);
	parse_words(f.cfg, &f.d, "debug 1");
	parse_words(f.cfg, &f.d, "foreground debug x");
	sema_build(f.cfg, &f.d, NULL, false);
	/* each -e text is a line of its own */
	FX_HAS_ALL(&f,
		   CL ":2:18: error: bad decimal digit 'x' in debug level 'x' "
		      "[bad-number]",
		   "foreground debug x\n                 ^\n");
	CU_ASSERT_EQUAL(f.cfg->stmts[1].pos.line, 2);
	CU_ASSERT_EQUAL(f.cfg->ninputs, 0);
	fx_end(&f);
}

/* ---- files ------------------------------------------------------------ */

static void test_include(void)
{
	struct fx f;

	fx_begin(&f);
	CU_ASSERT_EQUAL(parse_file(f.cfg, &f.d, fx_data("inc/main.smmu")), 0);
	sema_build(f.cfg, &f.d, NULL, false);
	fflush(f.out);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 6);
	/* in place: main, then sub/a (which includes b from sub/), then main again */
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_SMMU);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].kind, STMT_UNIT);
	CU_ASSERT(strstr(srcfile_name(f.cfg->stmts[1].pos.file), "inc/sub/a.smmu") != NULL);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].pos.line, 2);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].kind, STMT_ALLOW);
	CU_ASSERT(strstr(srcfile_name(f.cfg->stmts[2].pos.file), "inc/sub/b.smmu") != NULL);
	CU_ASSERT_EQUAL(f.cfg->stmts[3].kind, STMT_UNIT);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].kind, STMT_DEVICE);
	CU_ASSERT(strstr(srcfile_name(f.cfg->stmts[4].pos.file), "inc/main.smmu") != NULL);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].pos.line, 4);
	CU_ASSERT_EQUAL(f.cfg->stmts[5].kind, STMT_USE);
	CU_ASSERT_EQUAL(f.cfg->devs[0].unit, 0);
	CU_ASSERT_EQUAL(f.cfg->devs[0].set, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->ninputs, 3);
	CU_ASSERT(strstr(f.cfg->inputs[0], "inc/main.smmu") != NULL);
	CU_ASSERT(strstr(f.cfg->inputs[1], "inc/sub/a.smmu") != NULL);
	CU_ASSERT(strstr(f.cfg->inputs[2], "inc/sub/b.smmu") != NULL);
	fx_end(&f);
}

static void test_include_errors(void)
{
	struct fx f;

	fx_begin(&f);
	CU_ASSERT_EQUAL(parse_file(f.cfg, &f.d, fx_data("cycle_a.smmu")), 0);
	fflush(f.out);
	CU_ASSERT_EQUAL(f.d.count[CHK_INCLUDE_CYCLE], 1);
	FX_HAS_ALL(&f,
		   "cycle_b.smmu:2:1: error: include cycle: 'cycle_a.smmu' is "
		   "already being read [include-cycle]",
		   "cycle_a.smmu:2:1: note: '",
		   "cycle_b.smmu' included from here");
	/* the run goes on after the cycle: both files' other lines are there */
	CU_ASSERT_EQUAL(f.cfg->nstmts, 3);
	fx_end(&f);

	fx_begin(&f);
	CU_ASSERT_EQUAL(parse_file(f.cfg, &f.d, fx_data("missing_inc.smmu")), 0);
	fflush(f.out);
	FX_HAS_ALL(&f,
		   "missing_inc.smmu:2:1: error: cannot read included file '",
		   "no-such-file.smmu': No such file or directory [syntax]");
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_FOREGROUND);
	fx_end(&f);

	/* a device would feed the parser for ever: only regular files are read */
	fx_words(&f, "@/dev/zero foreground");
	CU_ASSERT(fx_has(&f, "<command line>:1:1: error: cannot read included file "
			     "'/dev/zero': not a regular file [syntax]"));
	CU_ASSERT_EQUAL_FATAL(f.cfg->nstmts, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].kind, STMT_FOREGROUND);
	fx_end(&f);

	fx_begin(&f);
	CU_ASSERT_EQUAL(parse_file(f.cfg, &f.d, fx_data("no-such-top.smmu")), -1);
	fflush(f.out);
	CU_ASSERT(fx_has(&f, "smmucc: error: cannot open '"));
	fx_end(&f);
}

/* A chain of files each including the next: level 16 is fine, 17 is not. */
static void test_include_depth(void)
{
	const char *top = getenv("top_builddir");
	char dir[PATH_MAX], path[PATH_MAX + 32];
	struct fx f;
	FILE *fp;
	int i;

	snprintf(dir, sizeof(dir), "%s/tests/front/depth.tmp", top ? top : ".");
	CU_ASSERT_FATAL(mkdir(dir, 0777) == 0 || errno == EEXIST);
	for (i = 0; i <= 17; i++) {
		snprintf(path, sizeof(path), "%s/d%d.smmu", dir, i);
		fp = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		if (i < 17)
			fprintf(fp, "debug 1\n@d%d.smmu\n", i + 1);
		else
			fprintf(fp, "foreground\n");
		fclose(fp);
	}
	snprintf(path, sizeof(path), "%s/d1.smmu", dir);
	fx_begin(&f);
	parse_file(f.cfg, &f.d, path);
	fflush(f.out);
	/* d1 is level 0, d17 level 16: all read */
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(f.cfg->nstmts, 17);
	CU_ASSERT_EQUAL(f.cfg->ninputs, 17);
	fx_end(&f);

	snprintf(path, sizeof(path), "%s/d0.smmu", dir);
	fx_begin(&f);
	parse_file(f.cfg, &f.d, path);
	fflush(f.out);
	CU_ASSERT_EQUAL(f.d.count[CHK_INCLUDE_CYCLE], 1);
	FX_HAS_ALL(&f,
		   "d16.smmu:2:1: error: includes nested too deeply: 'd17.smmu' "
		   "would be level 17 (at most 16) [include-cycle]",
		   "d0.smmu:2:1: note: '");
	CU_ASSERT_EQUAL(f.cfg->nstmts, 17);
	fx_end(&f);
}

static void test_stdin(void)
{
	struct fx f;
	int saved = dup(0);
	FILE *fp = fopen(fx_data("stdin.smmu"), "r");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	dup2(fileno(fp), 0);
	fx_begin(&f);
	CU_ASSERT_EQUAL(parse_file(f.cfg, &f.d, "-"), 0);
	dup2(saved, 0);
	close(saved);
	fclose(fp);
	fflush(f.out);
	CU_ASSERT(fx_has(&f, "<stdin>:2:1: error: unknown statement 'oops'"));
	CU_ASSERT_EQUAL(f.cfg->ninputs, 0);
	fx_end(&f);
}

/*
 * A position names its file by number (index + 1), so that it is three
 * 32-bit words: a config of 10^6 lines holds millions of positions.
 */
static void test_file_numbers(void)
{
	srcfile_id a = srcfile_intern("a.smmu"), b = srcfile_intern("b\n.smmu");
	size_t len;

	CU_ASSERT_EQUAL(sizeof(struct srcpos), 3 * sizeof(uint32_t));
	CU_ASSERT(a != 0 && b != 0 && a != b);
	CU_ASSERT_EQUAL(srcfile_intern("a.smmu"), a);
	CU_ASSERT_STRING_EQUAL(srcfile_name(a), "a.smmu");
	CU_ASSERT_STRING_EQUAL(srcfile_name(b), "b\n.smmu");
	CU_ASSERT_PTR_NULL(srcfile_name(0));
	CU_ASSERT_STRING_EQUAL(srcfile_name(b + 1), "<unknown>");
	CU_ASSERT_PTR_NULL(srcfile_line(0, 1, &len));
	CU_ASSERT_PTR_NULL(srcfile_line(b + 1, 1, &len));
	CU_ASSERT_FATAL(srcfile_set_text(b, "x\ny", 3) == 0);
	CU_ASSERT_PTR_NULL(srcfile_line(a, 1, &len));
	CU_ASSERT_NSTRING_EQUAL(srcfile_line(b, 2, &len), "y", 1);
	CU_ASSERT_EQUAL(len, 1);
	srcfile_free_all();
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"file numbers", test_file_numbers},
		{"every statement", test_every_statement},
		{"newlines are not significant", test_lines_free},
		{"comments", test_comments},
		{"#line markers", test_line_markers},
		{"'...' is an error", test_dots},
		{"space in an argument list", test_space_in_list},
		{"syntax error recovery", test_recovery},
		{"at most 20 syntax errors", test_error_cap},
		{"unknown statements", test_unknown},
		{"keywords and bad names", test_keyword_names},
		{"stray characters", test_stray},
		{"bytes above 0x7f", test_high_bytes},
		{"-e words are lines of <command line>", test_words_lines},
		{"@include relative paths", test_include},
		{"include cycle and unreadable include", test_include_errors},
		{"include depth 16 and 17", test_include_depth},
		{"stdin", test_stdin},
	};

	return CU_RUN("parse", cases);
}
