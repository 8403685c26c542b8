/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A harness built with -DFUZZ_STANDALONE is a plain program: it runs
 * LLVMFuzzerTestOneInput on each file named on its command line, so that
 * make check replays the seed corpus under the project's sanitizers.
 * Included once, at the end of a harness.
 */
#ifndef SMMU_FUZZ_MAIN_H
#define SMMU_FUZZ_MAIN_H
#ifdef FUZZ_STANDALONE
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int i, fails = 0;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *data = NULL;
		long n = -1;

		if (f && fseek(f, 0, SEEK_END) == 0)
			n = ftell(f);
		if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) &&
		    fread(data, 1, (size_t)n, f) == (size_t)n) {
			LLVMFuzzerTestOneInput(data, (size_t)n);
		} else {
			fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
			fails++;
		}
		free(data);
		if (f)
			fclose(f);
	}
	printf("%d passed, %d failed\n", argc - 1 - fails, fails);
	return fails ? 1 : 0;
}
#endif
#endif
