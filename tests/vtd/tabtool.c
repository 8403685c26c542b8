/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crafts attacks on the VT-d tables of a policy blob for the shell tests:
 *   tabtool IN OUT OP...   applies the edits, reseals the CRC, writes OUT
 *   tabtool IN get PAGE INDEX   prints the word (0x%llx)
 * OPs: word PAGE INDEX VALUE | reloc+ OFFSET | reloc- OFFSET (numbers in C
 * notation). Exit status 0, 1 an edit failed, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/readall.h"
#include "tabedit.h"

static int num(const char *s, unsigned long long *out)
{
	char *end;

	*out = strtoull(s, &end, 0);
	return !*s || *end ? -1 : 0;
}

static int usage(void)
{
	fputs("usage: tabtool IN OUT [word PAGE INDEX VALUE | reloc+ OFF | reloc- OFF]...\n"
	      "       tabtool IN get PAGE INDEX\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct tabedit t;
	unsigned long long a, b, c;
	size_t len = 0;
	void *blob;
	FILE *f;
	int rc = 0;

	if (argc < 3)
		return usage();
	blob = read_file_max(argv[1], 1u << 30, &len);
	if (!blob || te_load(&t, blob, len)) {
		fprintf(stderr, "tabtool: cannot read %s\n", argv[1]);
		free(blob);
		return 1;
	}
	free(blob);
	if (!strcmp(argv[2], "get")) {
		if (argc != 5 || num(argv[3], &a) || num(argv[4], &b))
			rc = usage();
		else
			printf("0x%llx\n", (unsigned long long)te_word(&t, (uint32_t)a, (unsigned)b));
		te_free(&t);
		return rc;
	}
	for (int i = 3; i < argc && !rc; i++) {
		if (!strcmp(argv[i], "word") && i + 3 < argc && !num(argv[i + 1], &a) &&
		    !num(argv[i + 2], &b) && !num(argv[i + 3], &c)) {
			rc = te_set_word(&t, (uint32_t)a, (unsigned)b, c) ? 1 : 0;
			i += 3;
		} else if (!strcmp(argv[i], "reloc+") && i + 1 < argc && !num(argv[i + 1], &a)) {
			rc = te_add_reloc(&t, a) ? 1 : 0;
			i++;
		} else if (!strcmp(argv[i], "reloc-") && i + 1 < argc && !num(argv[i + 1], &a)) {
			rc = te_del_reloc(&t, a) ? 1 : 0;
			i++;
		} else {
			rc = usage();
		}
	}
	if (!rc) {
		te_reseal(&t);
		f = fopen(argv[2], "wb");
		if (!f || fwrite(t.b, 1, t.len, f) != t.len || fclose(f)) {
			fprintf(stderr, "tabtool: cannot write %s\n", argv[2]);
			rc = 1;
		}
	} else if (rc == 1) {
		fprintf(stderr, "tabtool: an edit failed\n");
	}
	te_free(&t);
	return rc;
}
