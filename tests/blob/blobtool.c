/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Writes the test policy of testblob.c in one output format, for the
 * shell test of the writers: blobtool blob|smmu|json|c [NAME] > FILE.
 * Goes through output_write("-") as smmucc does. Also edits blobs for the
 * tests of their readers (edit, runs: see below).
 */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "out/c_out.h"
#include "out/decompile.h"
#include "out/json_out.h"
#include "out/output.h"
#include "util/readall.h"
#include "smmub_vtd.h"
#include "testblob.h"

static int testblob_main(int argc, char **argv);

/* The blob file at path, whole, structure checked (not the CRC); NULL on error. */
static unsigned char *edit_load(const char *path, size_t *len, struct smmub_view *v)
{
	unsigned char *b = (unsigned char *)read_file_max(path, 1u << 30, len);

	if (!b || smmub_validate_structure(b, *len, v, NULL)) {
		fprintf(stderr, "blobtool: %s: not a policy blob\n", path);
		free(b);
		return NULL;
	}
	return b;
}

/*
 * blobtool runs FILE [SECTION]: the runs of table pages, one a line,
 * "INDEX PAGE WORD COUNT VALUE STEP" (VALUE and STEP in hex), so that a
 * test can pick one: the VT-d runs, or those of section type SECTION.
 */
static int runs_main(int argc, char **argv)
{
	struct smmub_view v;
	struct smmub_secinfo r;
	size_t len;
	unsigned char *b = argc == 3 || argc == 4 ? edit_load(argv[2], &len, &v) : NULL;
	uint32_t sec = argc == 4 ? (uint32_t)strtoul(argv[3], NULL, 0) : SMMUB_SEC_VTD_RUNS;

	if (!b)
		return 2;
	if (smmub_find_section(&v, sec, &r) == 0) {
		for (uint32_t i = 0; i < r.count; i++) {
			struct smmub_run run;

			memcpy(&run, r.data + (uint64_t)i * r.stride, sizeof(run));
			printf("%u %u %u %u 0x%llx 0x%llx\n", i, smmub_le32(run.page),
			       le16toh(run.index), le16toh(run.count),
			       (unsigned long long)smmub_le64(run.value),
			       (unsigned long long)smmub_le64(run.step));
		}
	}
	free(b);
	return 0;
}

/*
 * blobtool edit IN OUT SECTION INDEX OFFSET WIDTH VALUE: sets the WIDTH-byte
 * (1, 2, 4, 8) little-endian field at byte OFFSET of entry INDEX of section
 * SECTION (its type number; "file": OFFSET from the start of the file, INDEX
 * 0) to VALUE, and recomputes the CRC, as an attacker who can write the
 * file would: the result passes every check a CRC makes.
 */
static int edit_main(int argc, char **argv)
{
	struct smmub_view v;
	struct smmub_secinfo sec;
	struct smmub_header *h;
	unsigned long long type, idx, off, width, val;
	unsigned char *b, *at;
	size_t len;
	int rc = 1;

	if (argc != 9)
		return 2;
	type = strtoull(argv[4], NULL, 0);
	idx = strtoull(argv[5], NULL, 0);
	off = strtoull(argv[6], NULL, 0);
	width = strtoull(argv[7], NULL, 0);
	val = strtoull(argv[8], NULL, 0);
	b = edit_load(argv[2], &len, &v);
	if (!b)
		return 2;
	if (!strcmp(argv[4], "file"))
		sec = (struct smmub_secinfo){ b, 0, len, 1, (uint32_t)(len < UINT32_MAX ? len : 0) };
	else if (type > UINT32_MAX || smmub_find_section(&v, (uint32_t)type, &sec))
		sec.count = 0;
	if (idx >= sec.count || (width != 1 && width != 2 && width != 4 && width != 8) ||
	    off > sec.stride || width > sec.stride - off) {
		fprintf(stderr, "blobtool: no field %s/%s/%s/%s in %s\n", argv[4], argv[5],
			argv[6], argv[7], argv[2]);
		goto out;
	}
	at = b + sec.offset + idx * sec.stride + off;
	for (unsigned k = 0; k < width; k++)
		at[k] = (unsigned char)(val >> (8 * k));
	h = (struct smmub_header *)(void *)b;
	h->crc32c = htole32(smmub_compute_crc(b, len));
	rc = output_write(argv[3], b, len) ? 1 : 0;
out:
	free(b);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "edit"))
		return edit_main(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "runs"))
		return runs_main(argc, argv);
	return testblob_main(argc, argv);
}

static int testblob_main(int argc, char **argv)
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
