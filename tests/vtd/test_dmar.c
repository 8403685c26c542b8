/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for the ACPI DMAR parser (runtime/vtd/dmar.c): hand-built tables,
 * every malformation the parser must catch, and the DMAR that QEMU 7.2's
 * q35 + intel-iommu really serves (tests/vtd/data/qemu-q35-dmar.bin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "vtd/dmar.h"
#include "dmar_tb.h"

static struct dmar_unit units[4];
static struct dmar_rmrr rmrrs[4];
static struct dmar_scope scopes[16];

static void init_info(struct dmar_info *info)
{
	memset(info, 0, sizeof(*info));
	memset(units, 0xa5, sizeof(units));
	memset(rmrrs, 0xa5, sizeof(rmrrs));
	memset(scopes, 0xa5, sizeof(scopes));
	info->units = units;
	info->units_cap = 4;
	info->rmrrs = rmrrs;
	info->rmrrs_cap = 4;
	info->scopes = scopes;
	info->scopes_cap = 16;
}

static int parse(struct tb *t, struct dmar_info *info, size_t *off)
{
	init_info(info);
	*off = 12345;
	return dmar_parse(t->b, t->n, info, off);
}

static void check_scope(const struct dmar_scope *s, uint8_t type, uint8_t enum_id, uint8_t bus,
			uint8_t dev, uint8_t fn)
{
	CU_ASSERT_EQUAL(s->type, type);
	CU_ASSERT_EQUAL(s->enum_id, enum_id);
	CU_ASSERT_EQUAL(s->bus, bus);
	CU_ASSERT_EQUAL(s->dev, dev);
	CU_ASSERT_EQUAL(s->fn, fn);
}

static void test_qemu_like(void)
{
	struct dmar_info info;
	struct tb t;
	size_t off, d;

	header(&t, 38, DMAR_F_INTR_REMAP);
	d = drhd(&t, 1, 0, 0xfed90000);
	end_struct(&t, d);
	finish(&t);
	CU_ASSERT_EQUAL_FATAL(parse(&t, &info, &off), 0);
	CU_ASSERT_EQUAL(off, 0);
	CU_ASSERT_EQUAL(info.table_len, 64);
	CU_ASSERT_EQUAL(info.haw, 39);
	CU_ASSERT_EQUAL(info.flags, DMAR_F_INTR_REMAP);
	CU_ASSERT_STRING_EQUAL(info.oem_id, "TESTOE");
	CU_ASSERT_EQUAL(info.n_units, 1);
	CU_ASSERT_EQUAL(info.n_rmrrs, 0);
	CU_ASSERT_EQUAL(info.n_scopes, 0);
	CU_ASSERT_EQUAL(info.n_skipped, 0);
	CU_ASSERT_EQUAL(units[0].reg_base, 0xfed90000);
	CU_ASSERT_EQUAL(units[0].segment, 0);
	CU_ASSERT_TRUE(units[0].include_all);
	CU_ASSERT_EQUAL(units[0].n_scopes, 0);
}

static void two_drhds(struct tb *t)
{
	size_t d;

	header(t, 47, 0);
	d = drhd(t, 0, 0, 0xfed90000);
	scope(t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 2, 0);
	scope(t, DMAR_SCOPE_PCI_SUBTREE, 0, 0, 1, 0x1c, 4);
	end_struct(t, d);
	d = drhd(t, 1, 0, 0xfed91000);
	scope(t, DMAR_SCOPE_IOAPIC, 2, 0xf0, 1, 0x1f, 0);
	scope(t, DMAR_SCOPE_HPET, 0, 0, 1, 0x1f, 7);
	end_struct(t, d);
}

static void test_two_drhds(void)
{
	struct dmar_info info;
	struct tb t;
	size_t off;

	two_drhds(&t);
	finish(&t);
	CU_ASSERT_EQUAL_FATAL(parse(&t, &info, &off), 0);
	CU_ASSERT_EQUAL(info.haw, 48);
	CU_ASSERT_EQUAL(info.n_units, 2);
	CU_ASSERT_EQUAL(info.n_scopes, 4);
	CU_ASSERT_EQUAL(units[0].reg_base, 0xfed90000);
	CU_ASSERT_FALSE(units[0].include_all);
	CU_ASSERT_EQUAL(units[0].first_scope, 0);
	CU_ASSERT_EQUAL(units[0].n_scopes, 2);
	CU_ASSERT_EQUAL(units[1].reg_base, 0xfed91000);
	CU_ASSERT_TRUE(units[1].include_all);
	CU_ASSERT_EQUAL(units[1].first_scope, 2);
	CU_ASSERT_EQUAL(units[1].n_scopes, 2);
	check_scope(&scopes[0], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 0);
	check_scope(&scopes[1], DMAR_SCOPE_PCI_SUBTREE, 0, 0, 0x1c, 4);
	check_scope(&scopes[2], DMAR_SCOPE_IOAPIC, 2, 0xf0, 0x1f, 0);
	check_scope(&scopes[3], DMAR_SCOPE_HPET, 0, 0, 0x1f, 7);
	CU_ASSERT_EQUAL(scopes[0].path_len, 1);
	CU_ASSERT_STRING_EQUAL(dmar_scope_type_name(scopes[2].type), "ioapic");
}

static void test_rmrr(void)
{
	struct dmar_info info;
	struct tb t;
	size_t off, r;

	two_drhds(&t);
	r = rmrr(&t, 0, 0xe0000000, 0xe0ffffff);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 0x14, 0);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 0x1d, 0);
	end_struct(&t, r);
	r = rmrr(&t, 1, 0x7000, 0x7fff);
	end_struct(&t, r);
	finish(&t);
	CU_ASSERT_EQUAL_FATAL(parse(&t, &info, &off), 0);
	CU_ASSERT_EQUAL(info.n_rmrrs, 2);
	CU_ASSERT_EQUAL(info.n_scopes, 6);
	CU_ASSERT_EQUAL(rmrrs[0].base, 0xe0000000);
	CU_ASSERT_EQUAL(rmrrs[0].limit, 0xe0ffffff);
	CU_ASSERT_EQUAL(rmrrs[0].first_scope, 4);
	CU_ASSERT_EQUAL(rmrrs[0].n_scopes, 2);
	check_scope(&scopes[4], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0x14, 0);
	check_scope(&scopes[5], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0x1d, 0);
	CU_ASSERT_EQUAL(rmrrs[1].segment, 1);
	CU_ASSERT_EQUAL(rmrrs[1].base, 0x7000);
	CU_ASSERT_EQUAL(rmrrs[1].limit, 0x7fff);
	CU_ASSERT_EQUAL(rmrrs[1].n_scopes, 0);
}

static void test_path_bridges(void)
{
	struct dmar_info info;
	struct tb t;
	size_t off;
	int calls = 0;

	bridged(&t, 5);
	init_info(&info);
	info.secondary_bus = fake_secondary;
	info.secondary_bus_arg = &calls;
	CU_ASSERT_EQUAL_FATAL(dmar_parse(t.b, t.n, &info, &off), 0);
	CU_ASSERT_EQUAL(calls, 2);
	CU_ASSERT_EQUAL(scopes[0].path_len, 3);
	check_scope(&scopes[0], DMAR_SCOPE_PCI_ENDPOINT, 0, 4, 5, 1);

	/* No reader: the table is fine, but we cannot resolve it. */
	CU_ASSERT_EQUAL(parse(&t, &info, &off), -DMAR_ERR_PATH_UNSUP);
	CU_ASSERT_EQUAL(off, 64);

	/* The reader fails on a bridge that is not there. */
	header(&t, 38, 0);
	off = drhd(&t, 0, 0, 0xfed90000);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 9, 2, 1, 0, 0, 0);
	end_struct(&t, off);
	finish(&t);
	init_info(&info);
	info.secondary_bus = fake_secondary;
	info.secondary_bus_arg = &calls;
	CU_ASSERT_EQUAL(dmar_parse(t.b, t.n, &info, &off), -DMAR_ERR_BRIDGE);
	CU_ASSERT_EQUAL(off, 70);
}

static void expect_error(struct tb *t, size_t len, int code, size_t at)
{
	struct dmar_info info;
	size_t off;
	int rc;

	init_info(&info);
	rc = dmar_parse(t->b, len, &info, &off);
	CU_ASSERT_EQUAL(rc, -code);
	CU_ASSERT_EQUAL(off, at);
	if (rc != -code || off != at)
		fprintf(stderr, "\n  got %d (%s) at %zu, want %d at %zu\n", rc,
			dmar_strerror(rc), off, -code, at);
}

/* Fixes length and checksum, then expects the parser's error code at at. */
static void expect_finished(struct tb *t, int code, size_t at)
{
	finish(t);
	expect_error(t, t->n, code, at);
}

/* The same after closing the structure that starts at d. */
static void expect_ended(struct tb *t, size_t d, int code, size_t at)
{
	end_struct(t, d);
	expect_finished(t, code, at);
}

static void test_bad_header(void)
{
	struct tb t;
	size_t d;

	header(&t, 38, 0);
	d = drhd(&t, 1, 0, 0xfed90000);
	end_struct(&t, d);
	finish(&t);
	expect_error(&t, 47, DMAR_ERR_TRUNCATED, 47);
	expect_error(&t, 0, DMAR_ERR_TRUNCATED, 0);
	expect_error(&t, 63, DMAR_ERR_LENGTH, 4);	/* length 64 > buffer */

	t.b[0] = 'X';
	fix_checksum(&t);
	expect_error(&t, t.n, DMAR_ERR_SIGNATURE, 0);
	t.b[0] = 'D';

	t.b[4] = 40;					/* length < header */
	fix_checksum(&t);
	expect_error(&t, t.n, DMAR_ERR_LENGTH, 4);

	finish(&t);
	t.b[20] ^= 0x01;
	expect_error(&t, t.n, DMAR_ERR_CHECKSUM, 9);

	CU_ASSERT_EQUAL(dmar_parse(NULL, 64, NULL, NULL), -DMAR_ERR_BADARG);
}

static void test_bad_structures(void)
{
	struct tb t;
	size_t d;

	/* Length 0 must not loop forever. */
	header(&t, 38, 0);
	put16(&t, 0), put16(&t, 0);
	put32(&t, 0);
	expect_finished(&t, DMAR_ERR_STRUCT_LEN, 50);

	/* Length 3: shorter than its own header. */
	header(&t, 38, 0);
	put16(&t, 7), put16(&t, 3);
	expect_finished(&t, DMAR_ERR_STRUCT_LEN, 50);

	/* Structure claims more than the table holds. */
	header(&t, 38, 0);
	d = drhd(&t, 1, 0, 0xfed90000);
	set16(&t, d + 2, 17);
	expect_finished(&t, DMAR_ERR_STRUCT_END, 50);

	/* Two stray bytes after the last structure. */
	header(&t, 38, 0);
	d = drhd(&t, 1, 0, 0xfed90000);
	end_struct(&t, d);
	put16(&t, 0);
	expect_finished(&t, DMAR_ERR_STRUCT_END, 64);

	/* A DRHD too short for its register base. */
	header(&t, 38, 0);
	put16(&t, DMAR_TYPE_DRHD), put16(&t, 12);
	put32(&t, 0), put32(&t, 0);
	expect_finished(&t, DMAR_ERR_STRUCT_LEN, 50);

	/* An RMRR too short for its limit. */
	header(&t, 38, 0);
	d = rmrr(&t, 0, 0x1000, 0x1fff);
	set16(&t, d + 2, 20);
	t.n = d + 20;
	expect_finished(&t, DMAR_ERR_STRUCT_LEN, 50);

	/* Register base not page aligned. */
	header(&t, 38, 0);
	d = drhd(&t, 1, 0, 0xfed90010);
	expect_ended(&t, d, DMAR_ERR_REG_BASE, 56);
}

static void test_bad_rmrr(void)
{
	/* limit below base; limit not the last byte of a page */
	static const uint64_t range[][2] = {{0x3000, 0x1fff}, {0x1000, 0x1ffe}};
	struct tb t;

	for (size_t i = 0; i < 2; i++) {
		header(&t, 38, 0);
		expect_ended(&t, rmrr(&t, 0, range[i][0], range[i][1]), DMAR_ERR_RMRR_RANGE, 56);
	}
}

static void test_bad_scopes(void)
{
	struct tb t;
	size_t d;

	/* Scope runs past its DRHD (the DRHD itself fits in the table). */
	header(&t, 38, 0);
	d = drhd(&t, 0, 0, 0xfed90000);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 2, 0);
	end_struct(&t, d);
	t.b[d + 16 + 1] = 10;
	put16(&t, 0);
	expect_finished(&t, DMAR_ERR_SCOPE_END, 64);

	/* One byte of scope left in the DRHD. */
	header(&t, 38, 0);
	d = drhd(&t, 0, 0, 0xfed90000);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 2, 0);
	put8(&t, 1);
	expect_ended(&t, d, DMAR_ERR_SCOPE_END, 72);

	/* Lengths 0, 6 (no path) and 9 (half a pair). */
	for (int i = 0; i < 3; i++) {
		static const uint8_t bad[3] = { 0, 6, 9 };

		header(&t, 38, 0);
		d = drhd(&t, 0, 0, 0xfed90000);
		scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 2, 0, 3, 0);
		end_struct(&t, d);
		t.b[d + 16 + 1] = bad[i];
		expect_finished(&t, DMAR_ERR_SCOPE_LEN, 64);
	}

	/* Device 32 and function 8 do not exist. */
	header(&t, 38, 0);
	d = drhd(&t, 0, 0, 0xfed90000);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 2, 0);
	scope(&t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, 32, 0);
	expect_ended(&t, d, DMAR_ERR_PATH, 78);
	t.b[78] = 3;
	t.b[79] = 8;
	fix_checksum(&t);
	expect_error(&t, t.n, DMAR_ERR_PATH, 78);
}

static void test_skipped(void)
{
	struct dmar_info info;
	struct tb t;
	size_t off, s;

	header(&t, 38, 0);
	s = t.n;				/* ATSR with one scope */
	put16(&t, DMAR_TYPE_ATSR), put16(&t, 0), put8(&t, 0), put8(&t, 0), put16(&t, 0);
	scope(&t, DMAR_SCOPE_PCI_SUBTREE, 0, 0, 1, 1, 0);
	end_struct(&t, s);
	s = t.n;				/* RHSA */
	put16(&t, DMAR_TYPE_RHSA), put16(&t, 20), put32(&t, 0), put64(&t, 0xfed90000);
	put32(&t, 0);
	s = t.n;				/* a type from the future */
	put16(&t, 0x77), put16(&t, 6), put16(&t, 0xffff);
	s = drhd(&t, 1, 0, 0xfed90000);
	scope(&t, 0x42, 0, 0, 1, 1, 0);		/* reserved scope type */
	scope(&t, DMAR_SCOPE_IOAPIC, 1, 0xff, 1, 0, 0);
	end_struct(&t, s);
	finish(&t);
	CU_ASSERT_EQUAL_FATAL(parse(&t, &info, &off), 0);
	CU_ASSERT_EQUAL(info.n_skipped, 3);
	CU_ASSERT_EQUAL(info.n_scopes_skipped, 1);
	CU_ASSERT_EQUAL(info.n_units, 1);
	CU_ASSERT_EQUAL(info.n_scopes, 1);
	CU_ASSERT_EQUAL(units[0].n_scopes, 1);
	check_scope(&scopes[0], DMAR_SCOPE_IOAPIC, 1, 0xff, 0, 0);

	/* Bytes after the table's length are not part of it. */
	put32(&t, 0xdeadbeef);
	CU_ASSERT_EQUAL(parse(&t, &info, &off), 0);
}

static void test_capacity(void)
{
	struct dmar_info info;
	struct tb t;
	size_t off;

	two_drhds(&t);
	finish(&t);
	init_info(&info);
	info.units_cap = 1;
	CU_ASSERT_EQUAL(dmar_parse(t.b, t.n, &info, &off), -DMAR_ERR_NOSPACE);
	CU_ASSERT_EQUAL(info.n_units, 2);
	CU_ASSERT_EQUAL(info.n_scopes, 4);
	CU_ASSERT_EQUAL(units[0].reg_base, 0xfed90000);
	/* Nothing was written past the capacity. */
	CU_ASSERT_EQUAL(units[1].reg_base, 0xa5a5a5a5a5a5a5a5ULL);

	/* Counting pass with no arrays at all. */
	memset(&info, 0, sizeof(info));
	CU_ASSERT_EQUAL(dmar_parse(t.b, t.n, &info, NULL), -DMAR_ERR_NOSPACE);
	CU_ASSERT_EQUAL(info.n_units, 2);
	CU_ASSERT_EQUAL(info.n_rmrrs, 0);
	CU_ASSERT_EQUAL(info.n_scopes, 4);
}

static void test_strerror(void)
{
	CU_ASSERT_STRING_EQUAL(dmar_strerror(-DMAR_ERR_CHECKSUM), "bad checksum");
	CU_ASSERT_STRING_EQUAL(dmar_strerror(0), "success");
	CU_ASSERT_STRING_EQUAL(dmar_strerror(-99), "unknown DMAR error");
	CU_ASSERT_STRING_EQUAL(dmar_strerror(3), "unknown DMAR error");
	for (int e = 1; e <= DMAR_ERR_MAX; e++)
		CU_ASSERT_STRING_NOT_EQUAL(dmar_strerror(-e), "unknown DMAR error");
	CU_ASSERT_STRING_EQUAL(dmar_scope_type_name(0), "unknown");
	CU_ASSERT_STRING_EQUAL(dmar_scope_type_name(DMAR_SCOPE_ACPI_NS), "acpi-namespace");
}

/* The DMAR captured from QEMU 7.2 (q35, intel-iommu aw-bits=48, edu at 04.0). */
static void test_qemu_capture(void)
{
	const char *top = getenv("top_srcdir");
	struct dmar_info info;
	uint8_t buf[4096];
	char path[1024];
	size_t n, off;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/vtd/data/qemu-q35-dmar.bin", top ? top : ".");
	f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(n, 112);
	init_info(&info);
	CU_ASSERT_EQUAL_FATAL(dmar_parse(buf, n, &info, &off), 0);
	CU_ASSERT_STRING_EQUAL(info.oem_id, "BOCHS ");
	CU_ASSERT_EQUAL(info.haw, 48);
	CU_ASSERT_EQUAL(info.flags, 0);
	CU_ASSERT_EQUAL(info.n_units, 1);
	CU_ASSERT_EQUAL(info.n_rmrrs, 0);
	CU_ASSERT_EQUAL(info.n_skipped, 0);
	CU_ASSERT_EQUAL(units[0].reg_base, 0xfed90000);
	/* QEMU 7.2 lists every device instead of setting INCLUDE_PCI_ALL. */
	CU_ASSERT_FALSE(units[0].include_all);
	CU_ASSERT_EQUAL_FATAL(units[0].n_scopes, 6);
	check_scope(&scopes[0], DMAR_SCOPE_IOAPIC, 0, 0xff, 0, 0);
	check_scope(&scopes[1], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0, 0);
	check_scope(&scopes[2], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 4, 0);
	check_scope(&scopes[3], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0x1f, 0);
	check_scope(&scopes[4], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0x1f, 2);
	check_scope(&scopes[5], DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0x1f, 3);

	/* Every truncation of the real table is refused, none crashes. */
	for (size_t len = 0; len < n; len++)
		CU_ASSERT(dmar_parse(buf, len, &info, &off) < 0);
	/* Every single-bit flip breaks the checksum. */
	for (size_t i = 0; i < n * 8; i++) {
		buf[i / 8] ^= (uint8_t)(1u << (i % 8));
		CU_ASSERT(dmar_parse(buf, n, &info, &off) < 0);
		buf[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "QEMU-like single DRHD", test_qemu_like },
		{ "two DRHDs with scopes", test_two_drhds },
		{ "RMRRs", test_rmrr },
		{ "paths through bridges", test_path_bridges },
		{ "bad header", test_bad_header },
		{ "bad structures", test_bad_structures },
		{ "bad RMRR ranges", test_bad_rmrr },
		{ "bad device scopes", test_bad_scopes },
		{ "skipped structures", test_skipped },
		{ "output capacity", test_capacity },
		{ "error strings", test_strerror },
		{ "real QEMU DMAR", test_qemu_capture },
	};

	return CU_RUN("dmar", cases);
}
