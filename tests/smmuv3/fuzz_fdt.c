/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the SMMUv3 device-tree reader. With clang
 * -fsanitize=fuzzer it is a libFuzzer target (make fuzz builds
 * tests/smmuv3/fuzz-fdt); built with -DFUZZ_STANDALONE it is a plain program
 * that runs the files and directories named on its command line (default:
 * $top_srcdir/tests/smmuv3/data, the real trees and the seed corpus) so
 * make check replays them under the sanitizers.
 *
 * Besides "no crash", it checks what the reader promises on success.
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_fdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz-fdt: invariant broken: %s\n", what);
		abort();
	}
}

static void check_info(const struct smmuv3_fdt_info *in, const void *fdt, size_t size)
{
	for (size_t i = 0; i < in->n_units; i++) {
		const struct smmuv3_fdt_unit *u = &in->units[i];

		check(u->node >= 0 && (size_t)u->node < size, "unit node inside the tree");
		check(u->size > 0 && (u->base & 0xffff) == 0 && u->base + (u->size - 1) >= u->base,
		      "unit frame");
		check(fdt_node_check_compatible(fdt, u->node, "arm,smmu-v3") == 0,
		      "unit is arm,smmu-v3");
	}
	for (size_t i = 0; i < in->n_hosts; i++) {
		const struct smmuv3_fdt_host *h = &in->hosts[i];
		size_t unit;
		uint32_t sid;

		check(h->first_map + h->n_maps <= in->n_maps, "host maps");
		check(h->has_map || h->n_maps == 0, "maps only with iommu-map");
		/* a few requester ids through the binding */
		for (uint32_t rid = 0; rid < 0x10000; rid += 0x1111) {
			int rc = smmuv3_fdt_pci_sid(in, i, rid, &unit, &sid);

			check(rc == 0 || rc == -SMMUV3_FDT_ERR_NO_MAP ||
			      rc == -SMMUV3_FDT_ERR_UNMAPPED || rc == -SMMUV3_FDT_ERR_OTHER,
			      "rid lookup answer");
			check(rc != 0 || unit < in->n_units, "rid unit");
		}
	}
	for (size_t i = 0; i < in->n_maps; i++) {
		const struct smmuv3_fdt_map *m = &in->maps[i];

		check(m->length > 0 && m->rid_base + (m->length - 1) >= m->rid_base &&
		      m->sid_base + (m->length - 1) >= m->sid_base, "map ranges");
		check(m->unit == SMMUV3_FDT_NONE || m->unit < in->n_units, "map unit");
	}
	for (size_t i = 0; i < in->n_masters; i++) {
		const struct smmuv3_fdt_master *m = &in->masters[i];
		size_t k;

		check(m->n_streams > 0 && m->first_stream + m->n_streams <= in->n_streams,
		      "master streams");
		check(m->has_addr || m->addr == 0, "no address is 0");
		if (m->has_addr) {
			int rc = smmuv3_fdt_master_at(in, m->addr, &k);

			check(rc == -SMMUV3_FDT_ERR_AMBIGUOUS || (rc == 0 && k == i),
			      "master found at its address");
		}
	}
	for (size_t i = 0; i < in->n_streams; i++)
		check(in->streams[i].unit < in->n_units, "stream unit");
}

/* A counting call with no arrays, then arrays of exactly the counted sizes. */
static void run(const uint8_t *data, size_t size)
{
	struct smmuv3_fdt_info count, in;
	int rc;

	memset(&count, 0, sizeof(count));
	rc = smmuv3_fdt_parse(data, size, &count);
	check(rc <= 0 && rc >= -SMMUV3_FDT_ERR_NOSPACE, "return code in range");
	check(smmuv3_fdt_strerror(rc) != NULL, "strerror");
	check(count.err_node >= -1 && (count.err_node < 0 || (size_t)count.err_node < size),
	      "error node inside the tree");
	check(rc < 0 || count.err_node == -1, "no error node on success");
	if (rc < 0 && rc != -SMMUV3_FDT_ERR_NOSPACE)
		return;
	in = count;
	in.units = calloc(count.n_units + 1, sizeof(*in.units));
	in.hosts = calloc(count.n_hosts + 1, sizeof(*in.hosts));
	in.maps = calloc(count.n_maps + 1, sizeof(*in.maps));
	in.masters = calloc(count.n_masters + 1, sizeof(*in.masters));
	in.streams = calloc(count.n_streams + 1, sizeof(*in.streams));
	check(in.units && in.hosts && in.maps && in.masters && in.streams, "memory");
	in.units_cap = count.n_units;
	in.hosts_cap = count.n_hosts;
	in.maps_cap = count.n_maps;
	in.masters_cap = count.n_masters;
	in.streams_cap = count.n_streams;
	rc = smmuv3_fdt_parse(data, size, &in);
	check(rc == 0, "exact arrays from the counting pass suffice");
	check(in.n_units == count.n_units && in.n_hosts == count.n_hosts &&
	      in.n_maps == count.n_maps && in.n_masters == count.n_masters &&
	      in.n_streams == count.n_streams && in.n_disabled == count.n_disabled &&
	      in.n_other == count.n_other, "counting pass counts");
	check_info(&in, data, size);
	free(in.units);
	free(in.hosts);
	free(in.maps);
	free(in.masters);
	free(in.streams);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size);
	/*
	 * Mutated trees rarely pass fdt_check_full because the header's sizes
	 * and offsets no longer agree: also run the input with totalsize set
	 * to the buffer's, so the fuzzer reaches the walk more often.
	 */
	if (size >= 40 && size <= (1u << 20)) {
		uint8_t *copy = malloc(size);

		if (!copy)
			return 0;
		memcpy(copy, data, size);
		copy[4] = (uint8_t)(size >> 24);
		copy[5] = (uint8_t)(size >> 16);
		copy[6] = (uint8_t)(size >> 8);
		copy[7] = (uint8_t)size;
		run(copy, size);
		free(copy);
	}
	return 0;
}

#ifdef FUZZ_STANDALONE
#define FUZZ_DEFAULT_DIR "tests/smmuv3/data"
#include "fuzz/fuzz_main.h"
#endif
