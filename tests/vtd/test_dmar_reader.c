/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for smmuman's ACPI DMAR reader (runtime/iommu/backend.c) on top of
 * the parser: every unit and every RMRR endpoint however many, arrays sized
 * by the table, from files and from pipes that deliver 3 bytes at a time,
 * PCI segments kept apart, the size bound, errors by name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vtd/vtd_firmware.h"
#include "cu_run.h"
#include "dmar_tb.h"

/*
 * 40 DRHDs on segment 0 (the first listing 600 endpoints), one on segment 1,
 * an RMRR on segment 0 naming 600 endpoints and one on segment 1: more than
 * any fixed array held, and over 4 KiB.
 */
static void big_table(struct tb *t)
{
	size_t d;

	header(t, 47, 0);
	for (int i = 0; i < 40; i++) {
		d = drhd(t, i ? 1 : 0, 0, 0xfed90000ull + 0x1000ull * (unsigned)i);
		for (int k = 0; i == 0 && k < 600; k++)
			scope(t, DMAR_SCOPE_PCI_ENDPOINT, 0, (uint8_t)(k >> 8), 1, (k >> 3) & 31,
			      k & 7);
		end_struct(t, d);
	}
	d = drhd(t, 1, 1, 0xfee00000);
	end_struct(t, d);
	d = rmrr(t, 0, 0x20000000, 0x2000ffff);
	for (int k = 0; k < 600; k++)
		scope(t, DMAR_SCOPE_PCI_ENDPOINT, 0, (uint8_t)(k / 32 + 1), 1, k % 32, 0);
	scope(t, DMAR_SCOPE_PCI_SUBTREE, 0, 0, 1, 0x1c, 0); /* not an endpoint: no entry */
	end_struct(t, d);
	d = rmrr(t, 1, 0x30000000, 0x30000fff);
	scope(t, DMAR_SCOPE_PCI_ENDPOINT, 0, 1, 1, 0, 0);
	scope(t, DMAR_SCOPE_PCI_ENDPOINT, 0, 1, 1, 0, 1);
	end_struct(t, d);
	finish(t);
}

static void check_big(const struct rt_firmware *fw)
{
	char note[256];
	size_t bad = 0;

	CU_ASSERT_EQUAL_FATAL(fw->nunits, 41);
	for (size_t i = 0; i < 40; i++) {
		char name[16];

		snprintf(name, sizeof(name), "dmar%zu", i);
		bad += strcmp(fw->units[i].name, name) != 0 ||
		       fw->units[i].reg_base != 0xfed90000ull + 0x1000ull * i ||
		       fw->units[i].segment != 0;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_STRING_EQUAL(fw->units[40].name, "dmar40");
	CU_ASSERT_EQUAL(fw->units[40].reg_base, 0xfee00000);
	CU_ASSERT_EQUAL(fw->units[40].segment, 1);
	/* the segment-0 endpoints only, every one of them */
	CU_ASSERT_EQUAL_FATAL(fw->nrmrrs, 600);
	bad = 0;
	for (size_t k = 0; k < 600; k++)
		bad += fw->rmrrs[k].base != 0x20000000 || fw->rmrrs[k].limit != 0x2000ffff ||
		       fw->rmrrs[k].sid != (uint16_t)((k / 32 + 1) << 8 | (k % 32) << 3);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(fw->other_segment, 2);
	CU_ASSERT_EQUAL(fw->other_seg, 1);
	CU_ASSERT_TRUE_FATAL(backend_other_segment(fw, note, sizeof(note)));
	CU_ASSERT_STRING_EQUAL(note, "firmware: 2 RMRR device scopes outside PCI segment 0 "
				     "ignored (first: segment 1, 0x30000000-0x30000fff): the "
				     "tables are for segment 0 only");
}

static char tmp_path[] = "/tmp/smmu-dmar-XXXXXX";

static const char *write_tmp(const void *p, size_t n)
{
	int fd;

	strcpy(tmp_path, "/tmp/smmu-dmar-XXXXXX");
	fd = mkstemp(tmp_path);
	if (fd < 0)
		return NULL;
	if (write(fd, p, n) != (ssize_t)n) {
		close(fd);
		return NULL;
	}
	close(fd);
	return tmp_path;
}

static void test_backend_file(void)
{
	static struct tb t;
	struct rt_firmware fw;
	char why[512] = "";
	const char *path;

	big_table(&t);
	CU_ASSERT(t.n > 8192);
	path = write_tmp(t.b, t.n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL(backend_read_dmar(path, NULL, NULL, &fw, why, sizeof(why)), 0);
	CU_ASSERT_STRING_EQUAL(why, "");
	check_big(&fw);
	backend_firmware_free(&fw);
	CU_ASSERT_PTR_NULL(fw.units);
	CU_ASSERT_EQUAL(fw.nunits, 0);
	unlink(path);
}

/* The same table through a pipe, 3 bytes per write(), pausing. */
static void test_backend_pipe(void)
{
	static struct tb t;
	struct rt_firmware fw;
	char why[512] = "", path[64];
	int p[2];
	pid_t pid;

	big_table(&t);
	CU_ASSERT_FATAL(pipe(p) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct timespec ts = { 0, 20000 };

		close(p[0]);
		for (size_t off = 0; off < t.n; off += 3) {
			if (write(p[1], t.b + off, t.n - off < 3 ? t.n - off : 3) < 0)
				_exit(1);
			if (off % 300 == 0)
				nanosleep(&ts, NULL);
		}
		_exit(0);
	}
	close(p[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", p[0]);
	CU_ASSERT_EQUAL(backend_read_dmar(path, NULL, NULL, &fw, why, sizeof(why)), 0);
	CU_ASSERT_STRING_EQUAL(why, "");
	close(p[0]);
	waitpid(pid, NULL, 0);
	check_big(&fw);
	backend_firmware_free(&fw);
}

static void test_backend_errors(void)
{
	static struct tb t;
	struct rt_firmware fw;
	char why[512], want[600];
	const char *path;
	uint8_t *big;

	CU_ASSERT_EQUAL(backend_read_dmar("/nonexistent/DMAR", NULL, NULL, &fw, why,
					  sizeof(why)), -1);
	CU_ASSERT_STRING_EQUAL(why, "cannot read the ACPI DMAR table /nonexistent/DMAR: "
				    "No such file or directory");
	CU_ASSERT_PTR_NULL(fw.units);
	CU_ASSERT_PTR_NULL(fw.rmrrs);

	big_table(&t);
	t.b[100] ^= 1; /* the checksum no longer holds */
	path = write_tmp(t.b, t.n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL(backend_read_dmar(path, NULL, NULL, &fw, why, sizeof(why)), -1);
	snprintf(want, sizeof(want), "ACPI DMAR table %s: bad checksum at offset 9", tmp_path);
	CU_ASSERT_STRING_EQUAL(why, want);
	CU_ASSERT_EQUAL(fw.nunits, 0);
	unlink(path);

	/* one byte over the bound */
	big = calloc(1, RT_DMAR_MAX_BYTES + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	path = write_tmp(big, RT_DMAR_MAX_BYTES + 1);
	free(big);
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL(backend_read_dmar(path, NULL, NULL, &fw, why, sizeof(why)), -1);
	snprintf(want, sizeof(want), "cannot read the ACPI DMAR table %s: larger than 1 MiB",
		 tmp_path);
	CU_ASSERT_STRING_EQUAL(why, want);
	unlink(path);

	/* a bridged path without a reader fails; with one it resolves */
	bridged(&t, 5);
	path = write_tmp(t.b, t.n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL(backend_read_dmar(path, NULL, NULL, &fw, why, sizeof(why)), -1);
	snprintf(want, sizeof(want), "ACPI DMAR table %s: device scope path crosses a bridge, "
		 "no PCI config reader at offset 64", tmp_path);
	CU_ASSERT_STRING_EQUAL(why, want);
	{
		int calls = 0;

		CU_ASSERT_EQUAL(backend_read_dmar(path, fake_secondary, &calls, &fw, why,
						  sizeof(why)), 0);
		CU_ASSERT_EQUAL(fw.nunits, 1);
		CU_ASSERT(calls >= 2);
		backend_firmware_free(&fw);
	}
	unlink(path);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "41 units, 600 RMRR endpoints, segments", test_backend_file },
		{ "through a slow pipe", test_backend_pipe },
		{ "errors and bridges", test_backend_errors },
	};

	return CU_RUN("dmar-reader", cases);
}
