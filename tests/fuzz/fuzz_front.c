/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the front end and everything after it: any bytes are
 * parsed as configuration words, checked, and (when free of errors)
 * lowered to a blob that the reader must accept and the query must answer.
 * Properties: no crash, no sanitizer report, no hang, and the compiler
 * never emits what its own reader rejects.
 *
 * Built with clang -fsanitize=fuzzer by 'make fuzz'; built with
 * -DFUZZ_STANDALONE as a plain program that runs the files named on its
 * command line (make check replays the seed corpus through it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "lower/compile.h"
#include "front/frontend.h"
#include "iommu/probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise_blob(const void *blob, size_t len)
{
	struct smmub_view v;
	struct probe p = { .sid = 0x90, .addr = 0x4000 };
	struct probe_answer a;
	char line[1400];

	if (smmub_validate(blob, len, &v, NULL))
		abort(); /* the compiler emitted what the reader rejects */
	for (uint32_t sid = 0; sid < 0x10000; sid += 0x101) {
		p.sid = (uint16_t)sid;
		p.write = sid & 1;
		probe_policy(&v, &p, &a);
		probe_format(&v, &p, &a, line, sizeof(line));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct diag_ctx d;
	struct config *cfg;
	char *text;

	if (!sink)
		sink = fopen("/dev/null", "w");
	text = malloc(size + 1);
	if (!text || !sink) {
		free(text);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = 0; /* bytes after a NUL are not seen: fine for words */
	diag_init(&d, sink);
	cfg = config_new();
	if (cfg) {
		cfg->guest = size & 1;
		parse_words(cfg, &d, text);
		sema_build(cfg, &d, NULL, size & 2);
		checks_run(cfg, &d);
		diag_finish(&d);
		if (!d.errors) {
			struct compile_opts o;
			struct smmub_view v;
			void *blob = NULL;
			size_t len = 0;

			compile_default_opts(&o);
			o.late_bind = size & 2;
			/* tables are proven by vtd_verify; here only small policies build them */
			o.tables = cfg->ndevs < 8;
			if (compile_policy(cfg, &d, &o, &blob, &len, &v) == 0)
				exercise_blob(blob, len);
			free(blob);
		}
		config_free(cfg);
	}
	srcfile_free_all();
	free(text);
	return 0;
}

#include "fuzz_main.h"
