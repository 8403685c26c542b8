/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grammar of the .smmu language (smmu(5)). The language is a sequence of
 * word-based statements; argument lists are single words whose insides
 * pstmt.c takes apart, so the grammar only has to know which words make a
 * statement. Error recovery is per statement: 'stmt: error' resumes at the
 * next word that can start one, so one run reports every syntax error.
 */
%code requires {
#include "front/parse.h"
}

%code provides {
int smmu_yylex(SMMU_YYSTYPE *lval, SMMU_YYLTYPE *lloc, struct pstate *ps);
void smmu_yyerror(const SMMU_YYLTYPE *lloc, struct pstate *ps, const char *msg);
}

%code {
/* A rule's position is that of its first word. */
#define YYLLOC_DEFAULT(cur, rhs, n)                                 \
	do {                                                        \
		if (n)                                              \
			(cur) = YYRHSLOC(rhs, 1);                   \
		else                                                \
			(cur) = YYRHSLOC(rhs, 0);                   \
	} while (0)
}

%define api.pure full
%define api.prefix {smmu_yy}
%define api.token.prefix {T_}
%define api.value.type {struct word}
%define api.location.type {struct srcpos}
%locations
%param {struct pstate *ps}
%define parse.error detailed
%define parse.lac full

/*
 * Optional trailing words (device NAME, safety COMPONENT, smmu/unit/use
 * PARAM) and the words after an unknown statement: a following word is
 * taken, as smmu(5) says; only a keyword starts the next statement.
 */
%expect 7

%token YYEOF 0 "end of file"
%token WORD "word"
%token INCLUDE "@include"
%token QUERY "'?'"
%token ALLOW "allow"
%token DEBUG "debug"
%token DEVICE "device"
%token FOREGROUND "foreground"
%token RESERVED "reserved"
%token SAFETY "safety"
%token SET "set"
%token SMMU "smmu"
%token UNIT "unit"
%token USE "use"
%token USER "user"

%%

/*
 * After a statement, with no token read ahead, the parser is where the
 * next statement starts: parse.c may then take the common statements
 * itself (smmu_yylex).
 */
config
	: %empty
	| config stmt			{ ps->at_start = yychar == T_SMMU_YYEMPTY; }
	;

stmt
	: ALLOW WORD WORD		{ ps_allow(ps, &@1, &$2, &$3); }
	| DEBUG WORD			{ ps_debug(ps, &@1, &$2); }
	| DEVICE WORD			{ ps_device(ps, &@1, &$2, NULL); }
	| DEVICE WORD WORD		{ ps_device(ps, &@1, &$2, &$3); }
	| FOREGROUND			{ ps_simple(ps, STMT_FOREGROUND, &@1); }
	| RESERVED WORD			{ ps_reserved(ps, &@1, &$2); }
	| SAFETY WORD			{ ps_safety(ps, &@1, &$2, NULL); }
	| SAFETY WORD WORD		{ ps_safety(ps, &@1, &$2, &$3); }
	| SET WORD WORD			{ ps_set(ps, &@1, &$2, &$3); }
	| SET QUERY			{ ps_simple(ps, STMT_SET_QUERY, &@1); }
	| SMMU WORD			{ ps_smmu(ps, &@1, &$2, NULL); }
	| SMMU WORD WORD		{ ps_smmu(ps, &@1, &$2, &$3); }
	| UNIT WORD			{ ps_unit(ps, &@1, &$2, NULL); }
	| UNIT WORD WORD		{ ps_unit(ps, &@1, &$2, &$3); }
	| USE WORD			{ ps_use(ps, &@1, &$2, NULL); }
	| USE WORD WORD			{ ps_use(ps, &@1, &$2, &$3); }
	| USER WORD			{ ps_user(ps, &@1, &$2); }
	| INCLUDE			{ if (ps_include(ps, &$1) < 0) YYABORT; }
	| unknown
	| error
		{
			if (ps_too_many(ps))
				YYABORT;
			/*
			 * The scanner's error token (a word too long) was
			 * reported: bison keeps it as an "invalid token"
			 * lookahead, which must not be reported again.
			 */
			if (yychar == T_SMMU_YYUNDEF)
				yyclearin;
			/* report the next error at once: statements are short */
			yyerrok;
		}
	;

/* Everything up to the next keyword belongs to the unknown statement. */
unknown
	: WORD				{ ps_unknown(ps, &$1); }
	| QUERY				{ ps_unknown(ps, &$1); }
	| unknown WORD
	| unknown QUERY
	;

%%
