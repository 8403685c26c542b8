/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A harness built with -DFUZZ_STANDALONE is a plain program: it runs
 * LLVMFuzzerTestOneInput on each file named on its command line, and on
 * every file below each directory named, so that make check replays the
 * seed corpus under the project's sanitizers. With no argument it runs
 * FUZZ_DEFAULT_DIR (relative to $top_srcdir) when the harness defines it.
 * Included once, at the end of a harness.
 */
#ifndef SMMU_FUZZ_MAIN_H
#define SMMU_FUZZ_MAIN_H
#ifdef FUZZ_STANDALONE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* One input: 0, or -1 when it cannot be read. */
static int fuzz_run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	long n = -1;
	int rc = -1;

	if (f && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) &&
	    fread(data, 1, (size_t)n, f) == (size_t)n) {
		LLVMFuzzerTestOneInput(data, (size_t)n);
		rc = 0;
	}
	free(data);
	if (f)
		fclose(f);
	return rc;
}

/* A file, or every file below a directory (dot files skipped). */
static void fuzz_run_path(const char *path, int *ok, int *fails)
{
	struct stat st;
	struct dirent *de;
	DIR *d;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (d = opendir(path))) {
		while ((de = readdir(d)) != NULL) {
			char sub[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			fuzz_run_path(sub, ok, fails);
		}
		closedir(d);
		return;
	}
	if (fuzz_run_file(path) == 0) {
		(*ok)++;
		return;
	}
	fprintf(stderr, "cannot read %s\n", path);
	(*fails)++;
}

int main(int argc, char **argv)
{
	int ok = 0, fails = 0;

	for (int i = 1; i < argc; i++)
		fuzz_run_path(argv[i], &ok, &fails);
#ifdef FUZZ_DEFAULT_DIR
	if (argc < 2) {
		const char *top = getenv("top_srcdir");
		char dir[4096];

		snprintf(dir, sizeof(dir), "%s/%s", top ? top : ".", FUZZ_DEFAULT_DIR);
		fuzz_run_path(dir, &ok, &fails);
	}
#endif
	if (!ok && !fails) {
		fprintf(stderr, "%s: no inputs\n", argv[0]);
		fails++;
	}
	printf("%d passed, %d failed\n", ok, fails);
	return fails ? 1 : 0;
}
#endif
#endif
