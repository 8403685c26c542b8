/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Front-end entry points: reading files (one read into memory, kept by
 * srcfile.c for caret lines), @include nesting, the token layer between the
 * scanner and the parser that joins argument lists split by a blank, and
 * syntax error accounting.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "front/frontend.h"
#include "front/ntab.h"
#include "front/parse.h"
#include "parser.h"
#include "util/readall.h"
#include "front/srcfile.h"

int smmu_yyparse(struct pstate *ps);

/* Buffers of words joined across a blank; freed with the parse. */
struct joined {
	struct joined *next;
	struct wseg segs[];
};

bool ps_too_many(const struct pstate *ps)
{
	return ps->aborted || ps->d->syntax_errors >= MAX_SYNTAX_ERRORS;
}

void ps_syntax(struct pstate *ps, const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	if (ps->d->syntax_errors >= MAX_SYNTAX_ERRORS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	diag_report(ps->d, CHK_SYNTAX, pos, "%s", msg ? msg : fmt);
	free(msg);
	if (++ps->d->syntax_errors == MAX_SYNTAX_ERRORS)
		diag_note_at(ps->d, pos, "too many syntax errors (%d); stopping here",
			     MAX_SYNTAX_ERRORS);
}

void smmu_yyerror(const struct srcpos *lloc, struct pstate *ps, const char *msg)
{
	ps_syntax(ps, lloc, "%s", msg);
}

struct stmt *ps_new_stmt(struct pstate *ps, enum stmt_kind kind, const struct srcpos *pos)
{
	struct stmt *s = config_stmt_add(ps->cfg, kind, pos);

	if (!s) {
		diag_fatal(ps->d, "out of memory");
		ps->aborted = true;
	}
	return s;
}

/* ---- tokens ---------------------------------------------------------- */

static void unget(struct pstate *ps, int tok, const struct word *w)
{
	ps->back_tok[ps->nback] = tok;
	ps->back[ps->nback++] = *w;
}

static int next_raw(struct pstate *ps, struct word *w)
{
	if (ps->nback) {
		ps->nback--;
		*w = ps->back[ps->nback];
		return ps->back_tok[ps->nback];
	}
	if (ps_too_many(ps)) {
		memset(w, 0, sizeof(*w));
		w->pos.file = ps->file;
		w->pos.line = ps->line;
		w->pos.col = ps->col;
		return T_YYEOF;
	}
	return scanner_next(ps, w);
}

/*
 * w and the n words of parts as one word that remembers where each part was.
 * All parts are copied once: joining them pairwise would copy the front
 * again for every part, quadratic in a list of many parts.
 */
static int join(struct pstate *ps, struct word *w, const struct word *parts, size_t n)
{
	size_t nsegs = w->segs ? w->nsegs : 1, len = w->len, i, k = 0, off = 0;
	struct joined *j;
	struct wseg *seg;
	char *text;

	for (i = 0; i < n; i++) {
		nsegs += parts[i].segs ? parts[i].nsegs : 1;
		len += parts[i].len;
	}
	j = malloc(sizeof(*j) + nsegs * sizeof(struct wseg) + len);
	if (!j)
		return -1;
	j->next = ps->joined;
	ps->joined = j;
	seg = j->segs;
	text = (char *)(seg + nsegs);
	for (i = 0; i <= n; i++) {
		const struct word *p = i ? &parts[i - 1] : w;
		unsigned m = p->segs ? p->nsegs : 1, q;

		for (q = 0; q < m; q++) {
			seg[k] = p->segs ? p->segs[q] : (struct wseg){0, p->pos};
			seg[k++].off += off;
		}
		memcpy(text + off, p->text, p->len);
		off += p->len;
	}
	w->text = text;
	w->len = len;
	w->segs = seg;
	w->nsegs = (unsigned)nsegs;
	return 0;
}

/*
 * An argument list is one word. 'reserved 0x7afe0000, 0x20000' is the
 * classic slip: say so once and read the two words as the list the user
 * meant, so that no second error follows from the first.
 */
static bool is_keyword_token(int tok)
{
	return tok >= T_ALLOW && tok <= T_USER;
}

/*
 * 'allow device 0x1000,4096': a keyword where the set name belongs, followed
 * by an argument list, is a set named after a keyword (allow-name-keyword,
 * reported by ps_allow), not an allow line that lacks its arguments.
 */
static void allow_keyword_name(struct pstate *ps)
{
	struct word name, args;
	int nt = next_raw(ps, &name), at;

	if (!is_keyword_token(nt)) {
		unget(ps, nt, &name);
		return;
	}
	at = next_raw(ps, &args);
	unget(ps, at, &args);
	unget(ps, at == T_WORD && memchr(args.text, ',', args.len) ? T_WORD : nt, &name);
}

/*
 * Words that a ',' next to a blank ties to w. The list they make is a word
 * and has a word's length limit: beyond it the gaps are no longer reported
 * and the parts only counted, so a long run of them costs linear time.
 */
static int join_list(struct pstate *ps, struct word *w)
{
	struct word *parts = NULL, *np, last = *w, nx;
	size_t n = 0, total = w->len;
	struct srcpos gap;
	int nt, rc = T_WORD;

	for (;;) {
		bool after = last.text[last.len - 1] == ',';

		nt = next_raw(ps, &nx);
		if (nt != T_WORD || !(after || nx.text[0] == ','))
			break;
		gap = word_pos_at(&last, last.len);
		last = nx;
		total += nx.len;
		if (total > MAX_WORD_LEN)
			continue;
		diag_report(ps->d, CHK_SPACE_IN_LIST, &gap, "no space allowed %s ','",
			    after ? "after" : "before");
		np = grow_array(parts, n, sizeof(*parts));
		if (!np) {
			rc = -1;
			continue;
		}
		parts = np;
		parts[n++] = nx;
	}
	unget(ps, nt, &nx);
	if (total > MAX_WORD_LEN) {
		ps_syntax(ps, &w->pos, "argument list too long (%zu bytes; at most %d)", total,
			  MAX_WORD_LEN);
		rc = T_SMMU_YYerror;
	} else if (rc < 0 || (n && join(ps, w, parts, n) < 0)) {
		diag_fatal(ps->d, "out of memory");
		ps->aborted = true;
		rc = T_WORD;
	}
	free(parts);
	return rc;
}

/* The next token as the parser sees it: keyword names and lists done. */
static int lex1(struct pstate *ps, struct word *w)
{
	int tok = next_raw(ps, w);

	if (tok == T_ALLOW)
		allow_keyword_name(ps);
	if (tok == T_WORD)
		tok = join_list(ps, w);
	return tok;
}

static void pend(struct pstate *ps, int tok, const struct word *w)
{
	ps->pend_tok[ps->npend] = tok;
	ps->pend[ps->npend++] = *w;
}

/*
 * The statement fast path: at a statement's start, the common statements
 * (allow, reserved, device, use) go straight to their function, without
 * bison's automaton and its look-ahead correction, a fifth of a large run.
 * It reads the tokens the parser would read, in its order, and calls the
 * function when the parser would reduce the rule: 'allow W W' and
 * 'reserved W' at their last word; 'device W' and 'use W' after one more
 * token, which is a third word or the next statement's keyword. Anything
 * else is handed to the parser as read: tok now, the rest pending.
 * Returns the token for the parser; w is its word.
 */
static int fast_stmts(struct pstate *ps, int tok, struct word *w)
{
	struct word a, b;
	int ta, tb;

	for (;;) {
		if (tok != T_ALLOW && tok != T_RESERVED && tok != T_DEVICE && tok != T_USE)
			return tok;
		ta = lex1(ps, &a);
		if (ta != T_WORD) {
			pend(ps, ta, &a);
			return tok;
		}
		if (tok == T_RESERVED) {
			ps_reserved(ps, &w->pos, &a);
			tok = lex1(ps, w);
			continue;
		}
		tb = lex1(ps, &b);
		if (tok == T_ALLOW && tb == T_WORD) {
			ps_allow(ps, &w->pos, &a, &b);
			tok = lex1(ps, w);
			continue;
		}
		if (tok != T_ALLOW && (tb == T_WORD || tb == T_YYEOF || (tb >= T_ALLOW && tb <= T_USER))) {
			bool third = tb == T_WORD;

			if (tok == T_DEVICE)
				ps_device(ps, &w->pos, &a, third ? &b : NULL);
			else
				ps_use(ps, &w->pos, &a, third ? &b : NULL);
			if (!third) {
				*w = b;
				tok = tb;
			} else {
				tok = lex1(ps, w);
			}
			continue;
		}
		pend(ps, ta, &a);
		pend(ps, tb, &b);
		return tok;
	}
}

int smmu_yylex(struct word *lval, struct srcpos *lloc, struct pstate *ps)
{
	int tok;

	if (ps->pend_at < ps->npend) {
		tok = ps->pend_tok[ps->pend_at];
		*lval = ps->pend[ps->pend_at++];
		if (ps->pend_at == ps->npend)
			ps->npend = ps->pend_at = 0;
	} else {
		tok = lex1(ps, lval);
		if (ps->at_start)
			tok = fast_stmts(ps, tok, lval);
	}
	ps->at_start = false;
	*lloc = lval->pos;
	return tok;
}

/* ---- files ----------------------------------------------------------- */

const char *read_error(int err)
{
	static char msg[64];

	/* read_all_max's EFBIG: say which limit, not "File too large" */
	if (err != EFBIG)
		return strerror(err);
	snprintf(msg, sizeof(msg), "larger than %u MiB, the most a source may be",
		 MAX_SOURCE_BYTES >> 20);
	return msg;
}

/* Parses text (already adopted by srcfile.c as file) into cfg. */
static int run(struct config *cfg, struct diag_ctx *d, srcfile_id file, const char *path,
	       size_t skip, unsigned first_line, unsigned depth,
	       const struct include_frame *frame)
{
	struct pstate ps;
	struct joined *j;
	int rc;

	memset(&ps, 0, sizeof(ps));
	ps.cfg = cfg;
	ps.d = d;
	ps.path = path;
	ps.text = srcfile_text(file, &ps.len);
	if (!ps.text || skip > ps.len) {
		ps.text = "";
		ps.len = 0;
	}
	ps.text += skip;
	ps.len -= skip;
	ps.depth = depth;
	ps.frame = frame;
	ps.file = file;
	ps.line = first_line;
	ps.col = 1;
	ps.at_start = true;
	rc = smmu_yyparse(&ps);
	while ((j = ps.joined)) {
		ps.joined = j->next;
		free(j);
	}
	return rc == 0 && !ps.aborted ? 0 : -1;
}

static int open_input(const char *path, const char **name)
{
	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return STDIN_FILENO;
	}
	*name = path;
	return open(path, O_RDONLY | O_CLOEXEC);
}

int parse_file(struct config *cfg, struct diag_ctx *d, const char *path)
{
	struct include_frame top;
	const char *name;
	srcfile_id file;
	struct stat st;
	size_t len;
	char *text;
	int fd = open_input(path, &name), err;

	if (fd < 0) {
		diag_fatal(d, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	memset(&top, 0, sizeof(top));
	if (fd != STDIN_FILENO && fstat(fd, &st) == 0) {
		top.dev = st.st_dev;
		top.ino = st.st_ino;
		top.has_id = true;
	}
	text = read_all_max(fd, MAX_SOURCE_BYTES, &len);
	err = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	if (!text) {
		diag_fatal(d, "cannot read '%s': %s", path, read_error(err));
		return -1;
	}
	srcfile_count_read(len);
	file = srcfile_intern(name);
	top.file = file;
	if (srcfile_adopt_text(file, text, len) < 0 ||
	    (fd != STDIN_FILENO && config_add_input(cfg, path) < 0)) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	if (d->syntax_errors >= MAX_SYNTAX_ERRORS)
		return 0;
	run(cfg, d, file, fd == STDIN_FILENO ? NULL : path, 0, 1, 0, &top);
	return 0;
}

/*
 * Each -e text is one more line of "<command line>", so that positions of
 * several -e options stay apart and caret lines still work.
 */
int parse_words(struct config *cfg, struct diag_ctx *d, const char *text)
{
	static const char cmdline[] = "<command line>";
	srcfile_id name = srcfile_intern(cmdline);
	size_t skip;
	unsigned line;

	if (srcfile_append_line(name, text, strlen(text), &skip, &line) < 0) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	if (d->syntax_errors >= MAX_SYNTAX_ERRORS)
		return 0;
	run(cfg, d, name, NULL, skip, line, 0, NULL);
	return 0;
}

/* ---- @include ------------------------------------------------------- */

/* path relative to the directory of 'base' (NULL: the working directory). */
static char *resolve(const char *base, const char *path)
{
	const char *slash = base ? strrchr(base, '/') : NULL;
	char *out;

	if (path[0] == '/' || !slash)
		return strdup(path);
	if (asprintf(&out, "%.*s/%s", (int)(slash - base), base, path) < 0)
		return NULL;
	return out;
}

/* "included from" notes, innermost first. */
static void include_chain(struct diag_ctx *d, const struct include_frame *f)
{
	for (; f && f->at.line; f = f->up)
		diag_note_at(d, &f->at, "'%s' included from here", srcfile_name(f->file));
}

int ps_include(struct pstate *ps, const struct word *w)
{
	struct include_frame fr;
	const struct include_frame *f;
	struct stat st;
	srcfile_id name;
	char *rel, *path, *text;
	size_t len, nfiles, nbytes;
	int fd = -1, rc = 0, err;

	if (w->len < 2) {
		ps_syntax(ps, &w->pos, "'@' needs a file name: @FILE");
		return ps_too_many(ps) ? -1 : 0;
	}
	rel = strndup(w->text + 1, w->len - 1);
	path = rel ? resolve(ps->path, rel) : NULL;
	if (!path) {
		free(rel);
		diag_fatal(ps->d, "out of memory");
		return -1;
	}
	srcfile_reads(&nfiles, &nbytes);
	if (nfiles >= MAX_READ_FILES) {
		diag_report(ps->d, CHK_INCLUDE_CYCLE, &w->pos,
			    "too many files: reading '%s' would make %zu files read in this run "
			    "(at most %d; a file included again counts again)", rel, nfiles + 1,
			    MAX_READ_FILES);
		include_chain(ps->d, ps->frame);
		rc = -1;
		goto out;
	}
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0) {
		ps_syntax(ps, &w->pos, "cannot read included file '%s': %s", path,
			  strerror(errno));
		goto out;
	}
	/* a device or a pipe could feed us for ever: includes are files */
	if (!S_ISREG(st.st_mode)) {
		ps_syntax(ps, &w->pos, "cannot read included file '%s': not a regular file", path);
		goto out;
	}
	for (f = ps->frame; f; f = f->up) {
		if (f->has_id && f->dev == st.st_dev && f->ino == st.st_ino) {
			diag_report(ps->d, CHK_INCLUDE_CYCLE, &w->pos,
				    "include cycle: '%s' is already being read", rel);
			include_chain(ps->d, ps->frame);
			goto out;
		}
	}
	if (ps->depth >= MAX_INCLUDE_DEPTH) {
		diag_report(ps->d, CHK_INCLUDE_CYCLE, &w->pos,
			    "includes nested too deeply: '%s' would be level %u (at most %d)",
			    rel, ps->depth + 1, MAX_INCLUDE_DEPTH);
		include_chain(ps->d, ps->frame);
		goto out;
	}
	text = read_all_max(fd, MAX_SOURCE_BYTES, &len);
	err = errno;
	if (!text) {
		ps_syntax(ps, &w->pos, "cannot read included file '%s': %s", path,
			  read_error(err));
		goto out;
	}
	if (nbytes > MAX_READ_BYTES || len > MAX_READ_BYTES - nbytes) {
		diag_report(ps->d, CHK_INCLUDE_CYCLE, &w->pos,
			    "too much text: reading '%s' (%zu bytes) would make %zu bytes read "
			    "in this run (at most %u)", rel, len, nbytes + len, MAX_READ_BYTES);
		include_chain(ps->d, ps->frame);
		free(text);
		rc = -1;
		goto out;
	}
	srcfile_count_read(len);
	name = srcfile_intern(path);
	if (srcfile_adopt_text(name, text, len) < 0 || config_add_input(ps->cfg, path) < 0) {
		diag_fatal(ps->d, "out of memory");
		rc = -1;
		goto out;
	}
	memset(&fr, 0, sizeof(fr));
	fr.up = ps->frame;
	fr.file = name;
	fr.at = w->pos;
	fr.dev = st.st_dev;
	fr.ino = st.st_ino;
	fr.has_id = true;
	close(fd);
	fd = -1;
	rc = run(ps->cfg, ps->d, name, path, 0, 1, ps->depth + 1, &fr);
out:
	if (fd >= 0)
		close(fd);
	free(rel);
	free(path);
	if (rc < 0 || ps_too_many(ps)) {
		ps->aborted = ps->aborted || rc < 0;
		return -1;
	}
	return 0;
}
