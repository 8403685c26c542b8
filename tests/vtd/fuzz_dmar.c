/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the DMAR parser. With clang -fsanitize=fuzzer it is a
 * libFuzzer target (make fuzz builds tests/vtd/fuzz-dmar); built with
 * -DFUZZ_STANDALONE it is a plain program that runs the files and directories
 * named on its command line (default: $top_srcdir/tests/vtd/data/fuzz-dmar)
 * so make check replays the corpus under the sanitizers.
 *
 * Besides "no crash", it checks what the parser promises on success.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/dmar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A made-up topology: some bridges exist, others fail to read. */
static int fake_secondary(void *arg, uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn)
{
	(void)arg;
	if ((dev ^ fn ^ bus ^ seg) & 1)
		return -1;
	return (bus + dev * 8 + fn + 1) & 0xff;
}

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz-dmar: invariant broken: %s\n", what);
		abort();
	}
}

static void run(const uint8_t *data, size_t size, int with_bridges)
{
	struct dmar_unit units[4];
	struct dmar_rmrr rmrrs[4];
	struct dmar_scope scopes[8];
	struct dmar_info info;
	size_t off = 0;
	int rc;

	memset(&info, 0, sizeof(info));
	info.units = units;
	info.units_cap = 4;
	info.rmrrs = rmrrs;
	info.rmrrs_cap = 4;
	info.scopes = scopes;
	info.scopes_cap = 8;
	if (with_bridges)
		info.secondary_bus = fake_secondary;
	rc = dmar_parse(data, size, &info, &off);
	check(rc <= 0 && rc >= -DMAR_ERR_MAX, "return code in range");
	check(dmar_strerror(rc) != NULL, "strerror");
	if (rc < 0) {
		check(off <= size, "error offset inside the buffer");
		return;
	}
	check(off == 0, "no error offset on success");
	check(info.table_len >= DMAR_HEADER_LEN && info.table_len <= size, "table length");
	check(info.n_units <= 4 && info.n_rmrrs <= 4 && info.n_scopes <= 8, "capacities");
	for (size_t i = 0; i < info.n_units; i++) {
		check(units[i].first_scope + units[i].n_scopes <= info.n_scopes, "unit scopes");
		check((units[i].reg_base & 0xfff) == 0, "unit base aligned");
	}
	for (size_t i = 0; i < info.n_rmrrs; i++) {
		check(rmrrs[i].first_scope + rmrrs[i].n_scopes <= info.n_scopes, "rmrr scopes");
		check(rmrrs[i].base <= rmrrs[i].limit, "rmrr range");
	}
	for (size_t i = 0; i < info.n_scopes; i++) {
		check(scopes[i].dev <= 31 && scopes[i].fn <= 7, "resolved device/function");
		check(scopes[i].type >= DMAR_SCOPE_PCI_ENDPOINT &&
		      scopes[i].type <= DMAR_SCOPE_ACPI_NS, "kept scope type");
		check(scopes[i].path_len >= 1, "path length");
	}
}

/*
 * smmuman's way (runtime/iommu/backend.c): a counting pass with no arrays, then
 * arrays of exactly the counted sizes. The counts of the first pass must
 * be the table's, so the second succeeds with the same counts whenever the
 * table is good; and a capped parse that succeeds agrees with it.
 */
static void run_sized(const uint8_t *data, size_t size, int with_bridges)
{
	struct dmar_info count, info;
	size_t off = 0;
	int rc;

	memset(&count, 0, sizeof(count));
	if (with_bridges)
		count.secondary_bus = fake_secondary;
	rc = dmar_parse(data, size, &count, &off);
	if (rc < 0 && rc != -DMAR_ERR_NOSPACE)
		return;
	info = count;
	info.units = calloc(count.n_units + 1, sizeof(*info.units));
	info.rmrrs = calloc(count.n_rmrrs + 1, sizeof(*info.rmrrs));
	info.scopes = calloc(count.n_scopes + 1, sizeof(*info.scopes));
	check(info.units && info.rmrrs && info.scopes, "memory");
	info.units_cap = count.n_units;
	info.rmrrs_cap = count.n_rmrrs;
	info.scopes_cap = count.n_scopes;
	rc = dmar_parse(data, size, &info, &off);
	check(rc == 0, "exact arrays from the counting pass suffice");
	check(info.n_units == count.n_units && info.n_rmrrs == count.n_rmrrs &&
	      info.n_scopes == count.n_scopes, "counting pass counts");
	for (size_t i = 0; i < info.n_units; i++)
		check(info.units[i].first_scope + info.units[i].n_scopes <= info.n_scopes,
		      "sized unit scopes");
	for (size_t i = 0; i < info.n_rmrrs; i++)
		check(info.rmrrs[i].first_scope + info.rmrrs[i].n_scopes <= info.n_scopes,
		      "sized rmrr scopes");
	free(info.units);
	free(info.rmrrs);
	free(info.scopes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size, 0);
	run(data, size, 1);
	run_sized(data, size, 0);
	run_sized(data, size, 1);
	/*
	 * Random bytes almost never sum to zero: also run the input with its
	 * length set to the buffer's and its checksum repaired, so the fuzzer
	 * reaches the structure walk.
	 */
	if (size >= DMAR_HEADER_LEN && size <= 65536) {
		uint8_t *copy = malloc(size);
		uint8_t sum = 0;

		if (!copy)
			return 0;
		memcpy(copy, data, size);
		copy[4] = (uint8_t)size;
		copy[5] = (uint8_t)(size >> 8);
		copy[6] = (uint8_t)(size >> 16);
		copy[7] = 0;
		copy[9] = 0;
		for (size_t i = 0; i < size; i++)
			sum = (uint8_t)(sum + copy[i]);
		copy[9] = (uint8_t)(0x100 - sum);
		run(copy, size, 1);
		run_sized(copy, size, 1);
		free(copy);
	}
	return 0;
}

#ifdef FUZZ_STANDALONE
#define FUZZ_DEFAULT_DIR "tests/vtd/data/fuzz-dmar"
#include "fuzz/fuzz_main.h"
#endif
