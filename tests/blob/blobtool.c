/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Writes the test policy of testblob.c in one output format, for the
 * shell test of the writers: blobtool blob|smmu|json|c [NAME] > FILE.
 * Goes through output_write("-") as smmucc does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blob.h"
#include "c_out.h"
#include "decompile.h"
#include "json_out.h"
#include "output.h"
#include "testblob.h"

int main(int argc, char **argv)
{
	size_t len = 0, n = 0;
	void *blob = testblob_build(&len);
	struct smmub_view v;
	char *text = NULL;
	int rc = 0;

	if (argc < 2 || !blob || smmub_validate(blob, len, &v, NULL)) {
		fprintf(stderr, "usage: blobtool blob|smmu|json|c [NAME]\n");
		free(blob);
		return 2;
	}
	if (strcmp(argv[1], "blob") == 0)
		rc = output_write("-", blob, len);
	else if (strcmp(argv[1], "smmu") == 0)
		text = decompile_string(&v, &n);
	else if (strcmp(argv[1], "json") == 0)
		text = json_string(&v, &n);
	else if (strcmp(argv[1], "c") == 0)
		text = c_out_string(blob, len, argc > 2 ? argv[2] : C_OUT_DEFAULT_NAME, &n);
	else
		rc = -1;
	if (text)
		rc = output_write("-", text, n);
	else if (strcmp(argv[1], "blob"))
		rc = -1;
	free(text);
	free(blob);
	if (rc)
		fprintf(stderr, "blobtool: %s failed\n", argv[1]);
	return rc ? 1 : 0;
}
