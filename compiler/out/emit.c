/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blob/blob.h"
#include "out/c_out.h"
#include "out/decompile.h"
#include "out/emit.h"
#include "out/json_out.h"
#include "out/output.h"
#include "iommu/probe.h"
#include "util/readall.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_IO = 2 };

/* A query line: "pci:255:31.7 0xffffffffffffffff w" is 34 bytes. */
#define QUERY_MAX 4096

int emit_parse_format(const char *s, enum out_format *f)
{
	static const char *const names[] = { "blob", "c", "json", "smmu" };

	for (int i = 0; i < 4; i++) {
		if (!strcmp(s, names[i])) {
			*f = (enum out_format)i;
			return 0;
		}
	}
	return -1;
}

bool emit_is_blob(const void *buf, size_t len)
{
	uint32_t m;

	if (len < sizeof(m))
		return false;
	memcpy(&m, buf, sizeof(m));
	return smmub_le32(m) == SMMUB_MAGIC;
}

static int write_out(struct diag_ctx *d, const char *path, const void *data, size_t len)
{
	if (!path)
		path = "-";
	if (output_write(path, data, len)) {
		diag_fatal(d, "cannot write %s: %s", path, strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

static int one_query(const struct smmub_view *v, const char *q, struct diag_ctx *d)
{
	struct probe p;
	struct probe_answer a;
	char err[512], line[1200];

	if (probe_parse(q, &p, err, sizeof(err))) {
		diag_fatal(d, "%s", err);
		return EXIT_INPUT;
	}
	probe_policy(v, &p, &a);
	probe_format(v, &p, &a, line, sizeof(line));
	puts(line);
	return EXIT_OK;
}

static int run_queries(const struct smmub_view *v, struct diag_ctx *d, const struct emit_opts *o)
{
	int st = EXIT_OK;

	for (size_t i = 0; i < o->nqueries; i++)
		st |= one_query(v, o->queries[i], d);
	if (o->query_file) {
		FILE *f = strcmp(o->query_file, "-") ? fopen(o->query_file, "r") : stdin;
		char line[QUERY_MAX + 2];
		unsigned n = 0;

		if (!f) {
			diag_fatal(d, "cannot read %s: %s", o->query_file, strerror(errno));
			return EXIT_IO;
		}
		/* not getline: a line that never ends would take all memory */
		while (fgets(line, sizeof(line), f)) {
			size_t len = strlen(line);
			char *s;
			int c;

			n++;
			if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
				while ((c = getc(f)) != EOF && c != '\n')
					;
				diag_fatal(d, "%s:%u: query longer than %d bytes", o->query_file, n,
					   QUERY_MAX);
				st |= EXIT_INPUT;
				continue;
			}
			s = probe_line(line);
			if (s)
				st |= one_query(v, s, d);
		}
		if (f != stdin)
			fclose(f);
	}
	fflush(stdout);
	return st;
}

/* Writes the chosen format of a validated blob. */
static int write_format(const struct smmub_view *v, const void *blob, size_t len,
			struct diag_ctx *d, const struct emit_opts *o)
{
	char *text = NULL;
	size_t tlen = 0;
	int st;

	switch (o->format) {
	case OUT_BLOB:
		return write_out(d, o->output, blob, len);
	case OUT_C:
		text = c_out_string(blob, len, o->c_name ? o->c_name : C_OUT_DEFAULT_NAME, &tlen);
		break;
	case OUT_JSON:
		text = json_string(v, &tlen);
		break;
	case OUT_SMMU:
		text = decompile_bad_name(v);
		if (text) {
			diag_fatal(d, "cannot decompile: the blob names %s, not a word of smmu(5)",
				   text);
			free(text);
			return EXIT_INPUT;
		}
		text = decompile_string(v, &tlen);
		break;
	case OUT_NONE:
		return EXIT_OK;
	}
	if (!text) {
		diag_fatal(d, "out of memory writing the output");
		return EXIT_IO;
	}
	st = write_out(d, o->output, text, tlen);
	free(text);
	return st;
}

/* "target: dep dep ..." with make's escapes for spaces. */
static int write_depfile(const struct config *cfg, const char *asinfo, struct diag_ctx *d,
			 const struct emit_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int st;

	if (!m)
		return EXIT_IO;
	fprintf(m, "%s:", o->output && strcmp(o->output, "-") ? o->output : "-");
	for (size_t i = 0; i <= cfg->ninputs; i++) {
		const char *p = i < cfg->ninputs ? cfg->inputs[i] : asinfo;

		if (!p || !strcmp(p, "-"))
			continue;
		fputs(" ", m);
		for (; *p; p++) {
			if (*p == ' ' || *p == '#')
				fputc('\\', m);
			if (*p == '$')
				fputc('$', m);
			fputc(*p, m);
		}
	}
	fputs("\n", m);
	fclose(m);
	st = buf ? write_out(d, o->depfile, buf, len) : EXIT_IO;
	free(buf);
	return st;
}

/* Every output of a validated blob v (the bytes blob, len). */
static int emit_view(const char *path, const struct smmub_view *v, const void *blob, size_t len,
		     struct diag_ctx *d, const struct emit_opts *o)
{
	int st = EXIT_OK;

	/* what a blob says it grants is only shown once its tables say the same */
	if (o->prove_tables && (st = compile_prove_blob(v, path, d, o->co.verbose)))
		return st;
	if (o->nqueries || o->query_file)
		st = run_queries(v, d, o);
	if (!st && (o->format_given || !(o->nqueries || o->query_file)))
		st = write_format(v, blob, len, d, o);
	return st;
}

int emit_from_config(const struct config *cfg, const char *asinfo_path, struct diag_ctx *d,
		     const struct emit_opts *o)
{
	struct smmub_view v;
	void *blob = NULL;
	size_t len = 0;
	int st;

	/* validated as it was written: read again, it would be the same blob */
	if (compile_policy(cfg, d, &o->co, &blob, &len, &v))
		return EXIT_IO;
	st = emit_view("<compiled policy>", &v, blob, len, d, o);
	if (!st && o->depfile)
		st = write_depfile(cfg, asinfo_path, d, o);
	free(blob);
	return st;
}

int emit_from_blob_file(const char *path, struct diag_ctx *d, const struct emit_opts *o)
{
	bool in = !strcmp(path, "-");
	struct smmub_view v;
	uint64_t bad = 0;
	size_t len = 0;
	int st, err;
	/* malloc'd, so 8-aligned as the reader requires */
	unsigned char *buf = in ? (unsigned char *)read_all_max(STDIN_FILENO, SMMUB_MAX_READ, &len)
				: (unsigned char *)read_file_max(path, SMMUB_MAX_READ, &len);

	if (!buf) {
		if (errno == EFBIG)
			diag_fatal(d, "cannot read %s: larger than %u MiB, the most a blob may be",
				   path, SMMUB_MAX_READ >> 20);
		else
			diag_fatal(d, "cannot read %s: %s", path, strerror(errno));
		return EXIT_IO;
	}
	err = smmub_validate(buf, len, &v, &bad);
	if (err)
		diag_fatal(d, "%s: not a valid policy blob: %s at offset %llu", path,
			   smmub_strerror(err), (unsigned long long)bad);
	st = err ? EXIT_INPUT : emit_view(path, &v, buf, len, d, o);
	free(buf);
	return st;
}
