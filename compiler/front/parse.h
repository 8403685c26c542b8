/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals of the front end shared by the grammar (grammar/parser.y), scanner.c,
 * parse.c, pstmt.c, items.c, sema.c and params.c. Not for other modules.
 */
#ifndef SMMU_PARSE_H
#define SMMU_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "front/ast.h"
#include "front/diag.h"

/* The parser stops after this many syntax errors in one run. */
#define MAX_SYNTAX_ERRORS 20
/* Deepest @include nesting; the top file is level 0. */
#define MAX_INCLUDE_DEPTH 16
/*
 * Limits that keep the time of a run linear in what it is given (smmu(5)
 * LIMITS). A word: names, numbers, argument lists and @paths are far
 * shorter (a path is at most PATH_MAX - 1 bytes). A source file: also keeps
 * line and column numbers within unsigned. Files and bytes read per run:
 * includes fanning out to every level would otherwise read 4^16 files.
 */
#define MAX_WORD_LEN 4096
#define MAX_SOURCE_BYTES (16u << 20)
#define MAX_READ_FILES 1024
#define MAX_READ_BYTES (64u << 20)

/* Where a part of a word starts: words joined over a blank have several. */
struct wseg {
	size_t off;
	struct srcpos pos;
};

/*
 * One token: a word of the input. text points into the file's text (or into
 * a buffer of the parse for words joined across a blank) and is not NUL
 * terminated.
 */
struct word {
	const char *text;
	size_t len;
	struct srcpos pos;
	const struct wseg *segs; /* NULL: one part starting at pos */
	unsigned nsegs;
};

/* A piece of text with the position of its first byte. */
struct span {
	const char *s;
	size_t len;
	struct srcpos pos;
};

struct include_frame {
	const struct include_frame *up;
	srcfile_id file;       /* for notes */
	struct srcpos at;      /* the @ that opened this file (line 0: top) */
	dev_t dev;
	ino_t ino;
	bool has_id;
};

struct joined;

struct pstate {
	struct config *cfg;
	struct diag_ctx *d;
	const char *path;      /* real path for relative includes; NULL: cwd */
	const char *text;      /* input, owned by srcfile.c */
	size_t len;
	unsigned depth;
	const struct include_frame *frame;

	size_t off;            /* offset of the next byte to match */
	srcfile_id file;       /* position of the next byte to match */
	unsigned line, col;
	/*
	 * Just past the last token (line 0: none yet): where an end of file
	 * in the middle of a statement is reported, on a line with text, not
	 * on the empty line after the last newline.
	 */
	struct srcpos last_end;

	unsigned nback;        /* tokens read ahead and pushed back (a stack) */
	int back_tok[3];
	struct word back[3];
	/*
	 * The parser asks for the first token of a statement (the grammar
	 * sets it); tokens the statement fast path read and gave back, for
	 * the parser in that order (parse.c).
	 */
	bool at_start;
	unsigned npend, pend_at;
	int pend_tok[2];
	struct word pend[2];

	/*
	 * Names copied last (pstmt.c's dup_name): a set or unit name is
	 * written again and again, and each line shares the one copy.
	 */
	struct {
		const char *s;
		size_t len;
	} names[4];
	unsigned next_name;

	struct joined *joined; /* buffers of joined words */
	bool aborted;
};

/* ---- parse.c --------------------------------------------------------- */

/* Reports a syntax error (counted; none after MAX_SYNTAX_ERRORS). */
void ps_syntax(struct pstate *ps, const struct srcpos *pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool ps_too_many(const struct pstate *ps);
/* Reads the file named by an @ token in place; -1 to stop parsing. */
int ps_include(struct pstate *ps, const struct word *w);

/* Why a source could not be read, for errno err (EFBIG: the size limit). */
const char *read_error(int err);
/* Appends a zeroed statement; NULL on allocation failure (reported). */
struct stmt *ps_new_stmt(struct pstate *ps, enum stmt_kind kind, const struct srcpos *pos);

/* The raw scanner (scanner.c): the next token of ps->text into w. */
int scanner_next(struct pstate *ps, struct word *w);

/* ---- pstmt.c: one function per statement ----------------------------- */

void ps_allow(struct pstate *ps, const struct srcpos *kw, const struct word *name,
	      const struct word *args);
void ps_debug(struct pstate *ps, const struct srcpos *kw, const struct word *level);
void ps_device(struct pstate *ps, const struct srcpos *kw, const struct word *spec,
	       const struct word *name);
void ps_simple(struct pstate *ps, enum stmt_kind kind, const struct srcpos *kw);
void ps_reserved(struct pstate *ps, const struct srcpos *kw, const struct word *args);
void ps_safety(struct pstate *ps, const struct srcpos *kw, const struct word *level,
	       const struct word *comp);
void ps_set(struct pstate *ps, const struct srcpos *kw, const struct word *var,
	    const struct word *val);
void ps_smmu(struct pstate *ps, const struct srcpos *kw, const struct word *type,
	     const struct word *param);
void ps_unit(struct pstate *ps, const struct srcpos *kw, const struct word *name,
	     const struct word *param);
void ps_use(struct pstate *ps, const struct srcpos *kw, const struct word *unit,
	    const struct word *param);
void ps_user(struct pstate *ps, const struct srcpos *kw, const struct word *spec);
void ps_unknown(struct pstate *ps, const struct word *w);

/* ---- items.c: pieces of words, shared with sema ----------------------- */

/* Position of byte off of w (joined words keep exact positions). */
struct srcpos word_pos_at(const struct word *w, size_t off);
struct span word_span(const struct word *w, size_t off, size_t len);

/*
 * Splits sp at sep into at most max items (more are counted, not stored).
 * Returns the number of items.
 */
size_t span_split(const struct span *sp, char sep, struct span *items, size_t max);
bool span_eq(const struct span *sp, const char *s);

/* [A-Za-z_][A-Za-z0-9_.-]* */
bool name_valid(const char *s, size_t len);
/* One of the statement keywords. */
bool is_keyword(const char *s, size_t len);

/*
 * Reads a number of role (address, length: also $asinfo_start{} and
 * $asinfo_length{}) into *n, reporting bad-number, number-overflow and
 * ambiguous-radix. 'what' names it in messages ("start address").
 * Returns false (and sets n->bad) if it is not usable.
 */
bool span_num(struct diag_ctx *d, const struct span *sp, enum num_role role, const char *what,
	      struct num *n);
/*
 * A plain number of role other within [lo, hi] (bad-number, number-overflow
 * and range errors reported under check id with 'what').
 */
bool span_uint(struct diag_ctx *d, const struct span *sp, enum check_id id, const char *what,
	       uint64_t lo, uint64_t hi, uint64_t *val);

/* ---- sema / params ---------------------------------------------------- */

struct asinfo_map;
/* Resolves an asinfo number against map; reports unresolved-asinfo. */
void asinfo_resolve(struct diag_ctx *d, struct num *n, const struct asinfo_map *map,
		    bool late_bind);
const char *asinfo_file(const struct asinfo_map *map);

struct param_ctx {
	struct diag_ctx *d;
	const struct asinfo_map *map;
	bool late_bind;
};

enum smmu_type smmu_type_of(const char *s);
const char *smmu_type_name(enum smmu_type t);
/* Per-type parameters (params.c); false when a diagnostic was given. */
bool params_smmu(const struct param_ctx *pc, struct smmu *s, const struct stmt *st);
bool params_unit(const struct param_ctx *pc, enum smmu_type t, struct unit *u,
		 const struct stmt *st);
bool params_use(const struct param_ctx *pc, enum smmu_type t, struct device *dev,
		const struct stmt *st);

/* set VAR VAL and user SPEC (settings.c): last wins. */
void sema_set(const struct param_ctx *pc, struct settings *st, const struct stmt *s);
void sema_user(struct diag_ctx *d, struct settings *st, const struct stmt *s);

#endif
