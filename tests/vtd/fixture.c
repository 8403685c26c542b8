/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>

#include "fixture.h"
#include "lower/compile.h"
#include "front/frontend.h"
#include "front/srcpos.h"

const char fixture_policy[] = "smmu vtd ignore\n"
			      "\tunit vtd1 0xfed64000\n"
			      "allow big 0x40000000,1M,st\n"
			      "allow big 0x40400000,4M,st\n"
			      "allow big 0x40800000,4K,s\n"
			      "allow big 0x40802000,4K,t\n"
			      "allow big 0x40803000,4K,st\n"
			      "allow big 0x40805000,4K,s\n"
			      "device pci:0:2.0 big use vtd1\n"
			      "device pci:0:3.0 big use vtd1\n";

int fixture_compile_source(const char *path, const char *text, bool tables, void **blob,
			   size_t *len)
{
	return fixture_compile_profile(path, text, tables ? NULL : "none", blob, len);
}

int fixture_compile_profile(const char *path, const char *text, const char *profile,
			    void **blob, size_t *len)
{
	struct config *cfg = config_new();
	struct compile_opts co;
	struct smmub_view v;
	struct diag_ctx d;
	int rc = -1;

	compile_default_opts(&co);
	if (profile && compile_parse_profile(profile, &co)) {
		fprintf(stderr, "fixture: bad profile '%s'\n", profile);
		config_free(cfg);
		return -1;
	}
	diag_init(&d, stderr);
	if (cfg && (path ? parse_file(cfg, &d, path) : parse_words(cfg, &d, text)) == 0) {
		sema_build(cfg, &d, NULL, false);
		checks_run(cfg, &d);
		if (!d.errors)
			rc = compile_policy(cfg, &d, &co, blob, len, &v);
	}
	diag_finish(&d);
	config_free(cfg);
	srcfile_free_all();
	return rc;
}

int fixture_compile(const char *text, void **blob, size_t *len)
{
	return fixture_compile_source(NULL, text, true, blob, len);
}
