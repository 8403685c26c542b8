/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the blob reader: validate any input and, when it is
 * accepted, use every accessor and lookup over the view and run the
 * decompiler and the JSON writer on it. Like smmuman's boot path, the
 * VT-d tables are read on the structure alone (the CRC comes last there)
 * and, when the view accepts them, installed into exactly-sized memory.
 * A crash, a sanitizer report or an accepted blob that breaks an
 * accessor's promise is a finding.
 *
 * Built two ways: with clang -fsanitize=fuzzer for 'make fuzz', and with
 * -DFUZZ_STANDALONE as a plain program that runs the files named on its
 * command line (make check replays the seed corpus through it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "out/decompile.h"
#include "out/json_out.h"
#include "vtd/vtd_blob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void use_view(const struct smmub_view *v)
{
	uint32_t i, first, count, n;
	uint64_t p;
	size_t len;
	char *s;

	for (i = 0; i < 0x10000; i += 0x35)
		(void)smmub_lookup_pci(v, (uint16_t)i);
	(void)smmub_lookup_pci(v, 0xffff);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_DEVICES); i++) {
		const struct smmub_device *d = smmub_device(v, i);
		uint64_t a = smmub_le64(d->paddr);

		if (!d || smmub_device_reserved(v, i, &first, &count))
			abort();
		if (smmub_le32(d->kind) == SMMUB_DEV_MEM && smmub_lookup_mem(v, a) < 0)
			abort();
		(void)smmub_lookup_mem(v, a - 1);
		if (!smmub_sym(v, smmub_le32(d->sym)))
			abort();
	}
	for (i = 0; i < smmub_count(v, SMMUB_SEC_DOMAINS); i++) {
		const struct smmub_domain *d = smmub_domain(v, i);
		uint32_t k;

		for (k = 0; k < smmub_le32(d->region_count); k++) {
			const struct smmub_region *r =
			    smmub_region(v, smmub_le32(d->region_first) + k);
			uint64_t a = smmub_le64(r->start), l = smmub_le64(r->length);

			if (smmub_domain_find(v, i, a) != (int)(smmub_le32(d->region_first) + k) ||
			    smmub_domain_find(v, i, a + (l - 1)) < 0)
				abort();
		}
	}
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SETS); i++) {
		const char *name = smmub_str(v, smmub_le32(smmub_set(v, i)->name));

		if (!name || smmub_set_find(v, name) != (int)i)
			abort();
	}
	for (i = 0; i < smmub_count(v, SMMUB_SEC_RULES); i++)
		if (smmub_rule_relocs(v, i, &first, &count) || !smmub_rule(v, i))
			abort();
	n = smmub_count(v, SMMUB_SEC_PARAMS);
	for (i = 0; i < n; i++)
		if (smmub_param(v, i, &p))
			abort();
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SYMBOLS); i++)
		if (!smmub_str(v, smmub_le32(smmub_sym(v, i)->file)))
			abort();
	for (i = 0; i < smmub_count(v, SMMUB_SEC_SAFETY); i++)
		(void)smmub_safety(v, i);
	for (i = 0; i < smmub_count(v, SMMUB_SEC_UNITS); i++)
		(void)smmub_smmu(v, smmub_le32(smmub_unit(v, i)->smmu));
	for (i = 0; i < smmub_count(v, SMMUB_SEC_RELOCS); i++)
		(void)smmub_reloc(v, i);
	(void)smmub_settings(v);
	(void)smmub_producer(v);
	s = decompile_string(v, &len);
	free(s);
	s = json_string(v, &len);
	free(s);
}

/* The boot path's table install, without the CRC: the structure must make it safe. */
static void use_tables(const struct smmub_view *v, size_t size)
{
	struct vtd_tables_view t;
	uint64_t bad = 0;
	uint8_t *mem;
	int err = vtd_tables_view(v, &t, &bad);

	if (err) {
		if (err >= 0 || -err >= SMMUB_ERR_MAX || bad > size || t.present)
			abort();
		return;
	}
	if (!t.present || t.npages > 4096) /* 16 MiB at most: the fuzzer's memory limit */
		return;
	mem = malloc((size_t)t.npages * 4096);
	if (!mem)
		return;
	if (vtd_tables_install(v, &t, mem, 0x100000, false))
		abort();
	free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size 8-aligned copy: ASan then sees any read past the end */
	void *buf = malloc(size ? size : 1);
	struct smmub_view v;
	uint64_t bad;
	int err;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (smmub_validate_structure(buf, size, &v, &bad) == 0)
		use_tables(&v, size);
	err = smmub_validate(buf, size, &v, &bad);
	if (err == 0)
		use_view(&v);
	else if (err >= 0 || -err >= SMMUB_ERR_MAX || (size && bad > size))
		abort();
	free(buf);
	return 0;
}

#include "fuzz_main.h"
