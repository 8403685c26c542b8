/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmucc: the offline compiler for .smmu DMA policies. This file is only the
 * command line: one small function per phase (parse inputs, load the asinfo
 * map, build the model, run the checks, report), so that output stages slot
 * in after the checks without reshaping main().
 *
 * Exit status: 0 success (warnings allowed), 1 errors in the input,
 * 2 usage or I/O error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "out/c_out.h"
#include "out/emit.h"
#include "front/board.h"
#include "front/frontend.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* A configuration source, in command-line order: a file or -e words. */
struct input {
	const char *text;
	bool words;
};

struct opts {
	struct input *inputs;
	size_t ninputs;
	const char *asinfo;
	const char *board;      /* --board FILE.dtb */
	bool check;
	bool guest;
	bool late_bind;
	bool verbose;
	bool list_checks;
	bool help;
	bool version;
	bool in_blob;           /* -I blob */
	bool verify;            /* --verify: a blob's checks and proof only */
	uint64_t table_mem, table_mem_len; /* --table-memory */
	struct emit_opts emit;  /* outputs: -o -O -d --query --profile */
};

enum {
	OPT_CHECK = 256,
	OPT_ASINFO,
	OPT_GUEST,
	OPT_LATE_BIND,
	OPT_LIST_CHECKS,
	OPT_DIAG_FORMAT,
	OPT_VERSION,
	OPT_QUERY,
	OPT_QUERY_FILE,
	OPT_PROFILE,
	OPT_C_NAME,
	OPT_VERIFY,
	OPT_TABLE_MEMORY,
	OPT_BOARD,
};

static const struct option long_opts[] = {
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "asinfo", required_argument, NULL, OPT_ASINFO },
	{ "guest", no_argument, NULL, OPT_GUEST },
	{ "late-bind", no_argument, NULL, OPT_LATE_BIND },
	{ "list-checks", no_argument, NULL, OPT_LIST_CHECKS },
	{ "diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "query", required_argument, NULL, OPT_QUERY },
	{ "query-file", required_argument, NULL, OPT_QUERY_FILE },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "c-name", required_argument, NULL, OPT_C_NAME },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "table-memory", required_argument, NULL, OPT_TABLE_MEMORY },
	{ "board", required_argument, NULL, OPT_BOARD },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: smmucc [OPTIONS] FILE...\n"
	      "Check and compile .smmu DMA policy configurations into policy blobs.\n"
	      "Without -o, -O, -d or --query, smmucc only checks.\n"
	      "FILE '-' reads standard input; '@FILE' is the same as FILE.\n"
	      "\n"
	      "  -e WORDS                   configuration words, as smmuman accepts them on\n"
	      "                             its command line; read in order with the files\n"
	      "      --check                check the configuration only, write nothing\n"
	      "      --verify               check a compiled blob and prove its VT-d tables\n"
	      "                             against its records; silent unless -v\n"
	      "      --asinfo FILE          resolve $asinfo_start/$asinfo_length names with\n"
	      "                             FILE (YAML, or a device-tree blob)\n"
	      "      --late-bind            leave unresolved $asinfo names to the runtime\n"
	      "      --board FILE.dtb       armsmmuv3: the board's device tree gives the\n"
	      "                             units and StreamIDs that unit and use lines\n"
	      "                             leave out\n"
	      "      --guest                check as for smmuman in a hypervisor guest\n"
	      "      --table-memory PADDR,LEN\n"
	      "                             smmuman's table memory, which no region may\n"
	      "                             grant (default 0xc000000,16M, as smmuman's;\n"
	      "                             none: not checked)\n"
	      "  -W NAME                    report check NAME (at least) as a warning\n"
	      "  -W no-NAME                 turn off check NAME and the checks needing it\n"
	      "  -E NAME                    report check NAME as an error\n"
	      "  -Werror                    report every warning as an error\n"
	      "      --list-checks          list every check: name, level, description\n"
	      "      --diagnostics-format=text|json\n"
	      "                             diagnostics as gcc-like text or one JSON array\n"
	      "  -o, --output FILE          write the compiled policy to FILE ('-': standard\n"
	      "                             output); written whole or not at all\n"
	      "  -O FORMAT                  blob (default), c (a C array to link into an\n"
	      "                             image), json (the resolved policy), smmu\n"
	      "                             (canonical text with #line markers)\n"
	      "  -I FORMAT                  smmu (default) or blob: read a compiled policy;\n"
	      "                             a blob is also recognised by its magic\n"
	      "  -d FILE                    write a make dependency file naming every input\n"
	      "      --profile PROFILE      VT-d: vtd-aw48 (default) or vtd-aw39, then ',1g',\n"
	      "                             ',no2m'; SMMUv3: smmuv3-s2 (default) or\n"
	      "                             smmuv3-s1, then ',ias39', ',oas=N', ',no2m',\n"
	      "                             ',no1g', ',linear'; or none (no tables)\n"
	      "      --c-name NAME          the array's name for -O c (default smmu_policy)\n"
	      "      --query 'SPEC ADDR r|w'\n"
	      "                             answer allow or deny from the compiled policy,\n"
	      "                             one line per query (repeatable)\n"
	      "      --query-file FILE      one query per line\n"
	      "  -v, --verbose              print a one-line summary on standard output\n"
	      "      --version              print the version\n"
	      "  -h, --help                 print this help\n"
	      "\n"
	      "Exit status: 0 success (warnings allowed), 1 errors in the input,\n"
	      "2 usage or I/O error.\n",
	      out);
}

static int usage_error(struct diag_ctx *d)
{
	if (d->format == DIAG_FMT_TEXT)
		fputs("Try 'smmucc --help' for more information.\n", d->out);
	diag_finish(d);
	return EXIT_USAGE;
}

static int add_input(struct opts *o, const char *text, bool words)
{
	struct input *n = realloc(o->inputs, (o->ninputs + 1) * sizeof(*n));

	if (!n)
		return -1;
	o->inputs = n;
	o->inputs[o->ninputs++] = (struct input){ text, words };
	return 0;
}

/*
 * -W/-E: errors mark input the compiler cannot turn into a correct policy,
 * so they cannot be turned off or lowered; only warnings and notes can.
 */
static int set_level(struct diag_ctx *d, int opt, const char *arg)
{
	bool off = strncmp(arg, "no-", 3) == 0;
	int id;

	if (opt == 'W' && strcmp(arg, "error") == 0) {
		d->werror = true;
		return 0;
	}
	id = check_lookup(off ? arg + 3 : arg);
	if (id < 0) {
		diag_fatal(d, "unknown check '%s' in -%c %s (see --list-checks)",
			   off ? arg + 3 : arg, opt, arg);
		return -1;
	}
	if (off && check_default_level((enum check_id)id) == DIAG_ERROR) {
		diag_fatal(d, "check '%s' reports errors and cannot be turned off or lowered",
			   arg + 3);
		return -1;
	}
	return opt == 'W' ? diag_set_warning(d, arg) : diag_set_error(d, arg);
}

static int bad_option(struct diag_ctx *d, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		diag_fatal(d, "option '%s' needs an argument", arg);
	else if (optopt && optopt < 256)
		diag_fatal(d, "unknown option '-%c'", optopt);
	else
		diag_fatal(d, "unknown option '%s'", arg);
	return usage_error(d);
}

/*
 * "PADDR,LEN" as smmuman takes it: address in hexadecimal, length in any
 * C radix with a K/M/G multiplier, both page aligned, the end inside 64
 * bits; or "none" (length 0: not checked). 0, or -1.
 */
static int parse_table_memory(const char *s, uint64_t *paddr, uint64_t *len)
{
	unsigned long long a, l;
	unsigned shift = 0;
	char *end;

	if (!strcmp(s, "none")) {
		*paddr = *len = 0;
		return 0;
	}
	if (*s == '-' || *s == '+')
		return -1;
	errno = 0;
	a = strtoull(s, &end, 16);
	if (errno || end == s || *end != ',' || end[1] == '-' || end[1] == '+')
		return -1;
	s = end + 1;
	l = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift && (end++, l > UINT64_MAX >> shift))
		return -1;
	l <<= shift;
	if (*end || !l || (a & 4095) || (l & 4095) || l - 1 > UINT64_MAX - a)
		return -1;
	*paddr = a;
	*len = l;
	return 0;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(struct opts *o, struct diag_ctx *d, int argc, char **argv)
{
	int c;

	opterr = 0;
	/* '-': files come back in order with -e words; ':': report missing args */
	while ((c = getopt_long(argc, argv, "-:e:W:E:o:O:I:d:vh", long_opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (add_input(o, optarg[0] == '@' ? optarg + 1 : optarg, false) < 0)
				goto nomem;
			break;
		case 'e':
			if (add_input(o, optarg, true) < 0)
				goto nomem;
			break;
		case 'W':
		case 'E':
			if (set_level(d, c, optarg) < 0)
				return usage_error(d);
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			o->help = true;
			break;
		case OPT_CHECK:
			o->check = true;
			break;
		case OPT_VERIFY:
			o->verify = true;
			break;
		case OPT_TABLE_MEMORY:
			if (parse_table_memory(optarg, &o->table_mem, &o->table_mem_len)) {
				diag_fatal(d, "bad --table-memory '%s': PADDR,LEN (hexadecimal "
					   "address, length with K/M/G, both 4 KiB aligned) or none",
					   optarg);
				return usage_error(d);
			}
			break;
		case OPT_ASINFO:
			o->asinfo = optarg;
			break;
		case OPT_BOARD:
			o->board = optarg;
			break;
		case OPT_GUEST:
			o->guest = true;
			break;
		case OPT_LATE_BIND:
			o->late_bind = true;
			break;
		case OPT_LIST_CHECKS:
			o->list_checks = true;
			break;
		case OPT_DIAG_FORMAT:
			if (strcmp(optarg, "text") == 0) {
				d->format = DIAG_FMT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				d->format = DIAG_FMT_JSON;
			} else {
				diag_fatal(d, "unknown diagnostics format '%s' (text or json)",
					   optarg);
				return usage_error(d);
			}
			break;
		case OPT_VERSION:
			o->version = true;
			break;
		case 'o':
			o->emit.output = optarg;
			break;
		case 'O':
			if (emit_parse_format(optarg, &o->emit.format)) {
				diag_fatal(d, "unknown output format '%s' (blob, c, json or smmu)",
					   optarg);
				return usage_error(d);
			}
			o->emit.format_given = true;
			break;
		case 'I':
			if (strcmp(optarg, "blob") && strcmp(optarg, "smmu")) {
				diag_fatal(d, "unknown input format '%s' (smmu or blob)", optarg);
				return usage_error(d);
			}
			o->in_blob = !strcmp(optarg, "blob");
			break;
		case 'd':
			o->emit.depfile = optarg;
			break;
		case OPT_PROFILE:
			if (compile_parse_profile(optarg, &o->emit.co)) {
				diag_fatal(d, "unknown profile '%s' (vtd-aw48 or vtd-aw39, then ,1g "
					   "or ,no2m; smmuv3-s2 or smmuv3-s1, then ,ias39 ,oas=N "
					   ",no2m ,no1g or ,linear; or none)", optarg);
				return usage_error(d);
			}
			break;
		case OPT_C_NAME:
			if (!c_out_name_ok(optarg)) {
				diag_fatal(d, "--c-name '%s' is not a C identifier", optarg);
				return usage_error(d);
			}
			o->emit.c_name = optarg;
			break;
		case OPT_QUERY: {
			const char **q = realloc(o->emit.queries,
						 (o->emit.nqueries + 1) * sizeof(*q));

			if (!q)
				goto nomem;
			q[o->emit.nqueries++] = optarg;
			o->emit.queries = q;
			break;
		}
		case OPT_QUERY_FILE:
			o->emit.query_file = optarg;
			break;
		default:
			return bad_option(d, c, argv);
		}
	}
	for (; optind < argc; optind++) /* after "--" */
		if (add_input(o, argv[optind], false) < 0)
			goto nomem;
	for (size_t i = 0; i < o->ninputs; i++) {
		if (!o->inputs[i].words && !o->inputs[i].text[0]) {
			diag_fatal(d, "empty file name");
			return usage_error(d);
		}
	}
	return -1;
nomem:
	diag_fatal(d, "out of memory");
	diag_finish(d);
	return EXIT_USAGE;
}

static const char *level_name(enum diag_level l)
{
	static const char *const names[] = { "off", "note", "warning", "error" };

	return names[l];
}

/* Levels as the other options left them: without options, the defaults. */
static void list_checks(const struct diag_ctx *d)
{
	int w = 0;

	for (int i = 0; i < CHK_COUNT; i++) {
		int n = (int)strlen(check_name((enum check_id)i));

		if (n > w)
			w = n;
	}
	for (int i = 0; i < CHK_COUNT; i++) {
		enum diag_level l = d->level[i];

		if (l == DIAG_WARNING && d->werror)
			l = DIAG_ERROR;
		printf("%-*s  %-7s  %s\n", w, check_name((enum check_id)i), level_name(l),
		       check_description((enum check_id)i));
	}
}

/* 0, or EXIT_USAGE if an input could not be read. */
static int read_inputs(struct config *cfg, struct diag_ctx *d, const struct opts *o)
{
	for (size_t i = 0; i < o->ninputs; i++) {
		const struct input *in = &o->inputs[i];
		int rc = in->words ? parse_words(cfg, d, in->text) : parse_file(cfg, d, in->text);

		if (rc < 0)
			return EXIT_USAGE;
	}
	return 0;
}

/*
 * An asinfo file that cannot be opened is an I/O error (2); one that can
 * but does not load has errors in it (1), which asinfo_load reported.
 */
static int load_asinfo(struct diag_ctx *d, const char *path, struct asinfo_map **map)
{
	FILE *f = fopen(path, "rb");

	if (!f) {
		diag_fatal(d, "cannot read asinfo map '%s': %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	fclose(f);
	*map = asinfo_load(path, d);
	return *map ? 0 : EXIT_INPUT;
}

static void plural(char *buf, size_t size, unsigned n, const char *what)
{
	snprintf(buf, size, "%u %s%s", n, what, n == 1 ? "" : "s");
}

static void print_summary(const struct config *cfg, const struct diag_ctx *d,
			  const struct opts *o)
{
	size_t sets = 0, regions = 0;
	char e[32], w[32];

	for (size_t i = 0; i < cfg->nsets; i++) {
		sets += cfg->sets[i].defined;
		regions += cfg->sets[i].nregs;
	}
	for (size_t i = 0; i < cfg->ndevs; i++)
		regions += cfg->devs[i].nreserved;
	for (size_t i = 0; i < o->ninputs; i++)
		printf("%s%s", i ? ", " : "", o->inputs[i].words ? "<command line>"
								  : o->inputs[i].text);
	printf(": %zu statements, %zu allow sets, %zu regions, %zu devices, %zu smmu types, "
	       "%zu units: ", cfg->nstmts, sets, regions, cfg->ndevs, cfg->nsmmus, cfg->nunits);
	plural(e, sizeof(e), d->errors, "error");
	plural(w, sizeof(w), d->warnings, "warning");
	if (d->errors)
		printf("%s, %s\n", e, w);
	else if (d->warnings)
		printf("OK (%s)\n", w);
	else
		printf("OK\n");
	fflush(stdout);
}

/* A configuration deliberately not freed at exit (see run()). */
static struct config *keep_until_exit;

static bool wants_output(const struct opts *o)
{
	const struct emit_opts *e = &o->emit;

	return e->output || e->format_given || e->depfile || e->nqueries || e->query_file;
}

/* A blob given as input (-I blob, or recognised by its magic). */
static bool input_is_blob(const struct opts *o)
{
	unsigned char magic[4];
	size_t n = 0;
	FILE *f;

	if (o->in_blob)
		return true;
	if (o->ninputs != 1 || o->inputs[0].words || !strcmp(o->inputs[0].text, "-"))
		return false;
	f = fopen(o->inputs[0].text, "rb");
	if (f) {
		n = fread(magic, 1, sizeof(magic), f);
		fclose(f);
	}
	return emit_is_blob(magic, n);
}

static int run(const struct opts *o, struct diag_ctx *d)
{
	struct config *cfg = config_new();
	struct asinfo_map *map = NULL;
	struct board *board = NULL;
	int rc;

	if (!cfg) {
		diag_fatal(d, "out of memory");
		return EXIT_USAGE;
	}
	cfg->guest = o->guest;
	cfg->table_mem = o->table_mem;
	cfg->table_mem_len = o->table_mem_len;
	rc = read_inputs(cfg, d, o);
	if (!rc && o->asinfo)
		rc = load_asinfo(d, o->asinfo, &map);
	/* a tree that cannot be read is unreadable input, as a missing file */
	if (!rc && o->board && !(board = board_load(o->board, d)))
		rc = EXIT_USAGE;
	if (!rc) {
		board_units(cfg, d, board);
		sema_build(cfg, d, map, o->late_bind);
		board_streams(cfg, d, board);
		checks_run(cfg, d);
		/* the warnings before anything on stdout */
		diag_flush(d);
		if (o->verbose)
			print_summary(cfg, d, o);
		rc = d->errors ? EXIT_INPUT : 0;
		/* nothing is written when the input has errors */
		if (!rc && !o->check && wants_output(o)) {
			struct emit_opts eo = o->emit;

			eo.co.late_bind = o->late_bind;
			eo.co.verbose = o->verbose;
			rc = emit_from_config(cfg, o->asinfo, d, &eo);
		}
	}
	if (map)
		asinfo_free(map);
	board_free(board);
	/*
	 * The process ends right after this: handing a million records back
	 * to malloc one by one would cost a tenth of a large run. Kept
	 * reachable (not leaked) so leak checkers stay quiet.
	 */
	if (cfg->nstmts < 100000)
		config_free(cfg);
	else
		keep_until_exit = cfg;
	return rc;
}

int main(int argc, char **argv)
{
	struct diag_ctx d;
	struct opts o = { 0 };
	int rc;

	diag_init(&d, stderr);
	diag_flush_on_crash(&d);
	compile_default_opts(&o.emit.co);
	/* smmuman's default: what it boots with unless told otherwise */
	o.table_mem = 0xc000000;
	o.table_mem_len = 16u << 20;
#ifdef SMMU_SAFETY_VARIANT
	o.emit.co.safety_variant = true;
#endif
	rc = parse_args(&o, &d, argc, argv);
	if (rc >= 0)
		goto out;
	rc = 0;
	if (o.help) {
		usage(stdout);
	} else if (o.version) {
		printf("smmucc (%s) %s\n", PACKAGE, PACKAGE_VERSION);
	} else if (o.list_checks) {
		list_checks(&d);
	} else if (!o.ninputs) {
		diag_fatal(&d, "no input files (give FILE, '-' for standard input, or -e WORDS)");
		rc = usage_error(&d);
		goto out;
	} else if (o.verify && (wants_output(&o) || o.check)) {
		diag_fatal(&d, "--verify writes nothing: no -o, -O, -d, --query or --check with it");
		rc = usage_error(&d);
		goto out;
	} else if (o.verify || input_is_blob(&o)) {
		if (o.ninputs != 1 || o.inputs[0].words) {
			diag_fatal(&d, "%s reads exactly one blob file", o.verify ? "--verify" : "-I blob");
			rc = usage_error(&d);
			goto out;
		}
		if (!o.emit.format_given && !o.emit.output)
			o.emit.format = OUT_NONE; /* validate only */
		o.emit.prove_tables = true;
		o.emit.co.verbose = o.verbose;
		rc = emit_from_blob_file(o.inputs[0].text, &d, &o.emit);
		diag_flush(&d);
		if (!rc && o.verify && o.verbose)
			printf("%s: policy blob OK\n", o.inputs[0].text);
	} else {
		rc = run(&o, &d);
	}
	diag_finish(&d);
out:
	free(o.inputs);
	free(o.emit.queries);
	srcfile_free_all();
	return rc;
}
