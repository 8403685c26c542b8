/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the SMMUv3 tables of a blob, through the function the
 * boot runs (smmuv3_tables_install_boot) on a simulated unit. The input
 * is a policy blob; its CRC field is made right here, so mutated tables
 * reach the install, and the CRC's first byte as written shapes the
 * simulated unit instead (cfg_from): stages, stream table levels, output
 * size and StreamID width, so that the prebuilt tables are installed on
 * some units and rebuilt from the records on others.
 *
 * When the install accepts, the stream table the driver would write is
 * put back and the independent walker (smmuv3_walk.c) is asked, over all
 * of the simulated memory, for reads and writes of every StreamID of the
 * blob's devices, and of StreamIDs next to them and 0 (mostly no
 * device's: everything denied), at every region's edges, the page either
 * side: any translation the records do not grant, or to another address,
 * is a finding (abort). The memory below the table window holds valid-looking
 * descriptors, so that a table pointer the proof took for "out of reach"
 * shows. When the prebuilt tables were used, the compiler's proof
 * (smmuv3_tables_prove_blob) must agree with the boot on accept/refuse.
 *
 * Built with clang -fsanitize=fuzzer for 'make fuzz', and with
 * -DFUZZ_STANDALONE as a plain program replaying files.
 */
#include <endian.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "iommu/arch.h"
#include "iommu/backend.h"
#include "iommu/input.h"
#include "iommu/streams.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_blob.h"
#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_sim.h"
#include "smmuv3/smmuv3_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Table memory low in a small simulated memory: the goldens grant far above it. */
#define TABLE_BASE   0x100000ull
#define TABLE_SIZE   (4ull << 20)
#define MAX_STREAMS  64
#define MAX_ADDRS    512
#define IDS_PER_SPEC 3
/*
 * A descriptor valid at every level (table at levels 0-2, page at 3) to
 * address 0, accessed, readable and writable at stage 2 and readable at
 * stage 1: what a walk that leaves the proven pages finds.
 */
#define LURE 0x4c3ull

#define finding(...)                                                                               \
	do {                                                                                       \
		fprintf(stderr, "fuzz-s3tables: " __VA_ARGS__);                                    \
		fputc('\n', stderr);                                                               \
		abort();                                                                           \
	} while (0)

struct stream {
	uint32_t sid;
	int dev; /* DEVICES index the records give its sender */
};

static bool rebuilt_logged;

static void log_sink(int level, const char *msg)
{
	if (level == IOMMU_LOG_WARN && strstr(msg, "cannot walk the blob's"))
		rebuilt_logged = true;
}

/* The unit from one byte: stages, ST_LEVEL, OAS, SIDSIZE. */
static void cfg_from(uint8_t b, struct smmuv3_sim_cfg *c)
{
	static const unsigned sidsize[4] = {16, 32, 8, 6};
	unsigned oas = (b >> 3) & 7;

	smmuv3_sim_default_cfg(c, false);
	c->s1p = (b & 3) != 2;
	c->s2p = (b & 3) != 1;
	c->st_level = !(b & 4);
	c->oas = oas > 6 ? 5 : oas;
	c->sidsize = sidsize[b >> 6];
	c->table_base = TABLE_BASE;
	c->table_size = TABLE_SIZE;
	c->mem_size = TABLE_BASE + TABLE_SIZE;
}

/* Late names all bind to one window: the install's late path, not its grants. */
static int late_lookup(void *arg, const char *name, uint64_t *start, uint64_t *length)
{
	(void)arg;
	(void)name;
	*start = 0x50000000;
	*length = 0x10000;
	return 0;
}

/* Does the policy grant device dev the access at addr? At stage 1 write implies read. */
static bool granted(const struct smmub_view *v, int dev, uint64_t addr, bool write, unsigned stage)
{
	uint32_t dom, perms;
	int r;

	if (dev < 0)
		return false;
	dom = smmub_le32(smmub_device(v, (uint32_t)dev)->domain);
	if (dom == SMMUB_NONE || (r = smmub_domain_find(v, dom, addr)) < 0)
		return false;
	perms = smmub_le32(smmub_region(v, (uint32_t)r)->perms);
	if (stage == 1 && (perms & SMMUB_PERM_W))
		perms |= SMMUB_PERM_R;
	return perms & (write ? SMMUB_PERM_W : SMMUB_PERM_R);
}

/* The StreamIDs the blob's devices send, each with the device the records name for it. */
static size_t streams_of(const struct smmub_view *v, struct stream *s)
{
	uint32_t ndev = smmub_count(v, SMMUB_SEC_DEVICES);
	uint16_t ids[256];
	size_t n = 0;

	for (uint32_t i = 0; i < ndev && n < MAX_STREAMS; i++) {
		const struct smmub_device *dv = smmub_device(v, i);
		uint32_t kind = smmub_le32(dv->kind), first = smmub_le32(dv->sid), sid;
		long cnt;
		int taken = 0;

		if (kind == SMMUB_DEV_MEM) {
			if (!iommu_entry_stream(v, i, 0, true, &sid))
				s[n++] = (struct stream){
				    sid, smmub_lookup_mem(v, smmub_le64(dv->paddr))};
			continue;
		}
		cnt = iommu_pci_expand(kind, first >> 8, (first >> 3) & 31, first & 7, ids, 256);
		if (cnt > 256)
			cnt = 256;
		/* the first ids this spec wins (a more specific spec owns the others) */
		for (long k = 0; k < cnt && taken < IDS_PER_SPEC && n < MAX_STREAMS; k++) {
			if (smmub_lookup_pci(v, ids[k]) != (int)i ||
			    iommu_entry_stream(v, i, ids[k], true, &sid))
				continue;
			s[n++] = (struct stream){sid, smmub_lookup_pci(v, ids[k])};
			taken++;
		}
	}
	return n;
}

/* The device the records say sends sid, or -1 (no device: every access must fault). */
static int sender(const struct smmub_view *v, uint32_t sid)
{
	uint64_t mmio;
	uint32_t rid;
	bool mem;
	int r;

	if (iommu_stream_device(v, sid, &mem, &rid, &mmio))
		return -1;
	r = mem ? smmub_lookup_mem(v, mmio) : smmub_lookup_pci(v, rid);
	return r < 0 ? -1 : r;
}

/*
 * StreamIDs next to the devices' and 0: most belong to no device of the
 * policy, and a table pointer the proof cannot follow is as dangerous there.
 */
static size_t strangers(const struct smmub_view *v, struct stream *s, size_t n)
{
	size_t had = n;

	for (size_t i = 0; i <= had && n + 3 <= MAX_STREAMS; i++) {
		uint32_t near[3] = {0, 1, 2}, k;

		if (i < had) {
			near[0] = s[i].sid - 1;
			near[1] = s[i].sid + 1;
			near[2] = s[i].sid ^ 0x100;
		}
		for (k = 0; k < 3; k++) {
			size_t j = 0;

			while (j < n && s[j].sid != near[k])
				j++;
			if (j == n)
				s[n++] = (struct stream){near[k], sender(v, near[k])};
		}
	}
	return n;
}

/* FUZZ_VERBOSE set: one line per input saying how far it went (the corpus's coverage). */
static bool verbose;
static size_t nwalks;

static void walk_all(const struct smmub_view *v, struct smmuv3_sim *sim,
		     const struct smmuv3_unit *d, unsigned stage)
{
	const struct smmuv3_sim_cfg *c = smmuv3_sim_knobs(sim);
	struct smmuv3_mem m = {smmuv3_sim_mem(sim), 0, c->mem_size};
	struct smmuv3_walk_cfg wc = {.strtab_base = TABLE_BASE + d->strtab_off,
				     .strtab_cfg = d->strtab_cfg,
				     .sidsize = d->caps.sidsize,
				     .oas = d->caps.oas_bits,
				     .s1p = d->caps.s1p,
				     .s2p = d->caps.s2p};
	struct stream s[MAX_STREAMS];
	uint64_t addrs[MAX_ADDRS];
	size_t ns = strangers(v, s, streams_of(v, s)), na = 0;

	addrs[na++] = 0;
	addrs[na++] = TABLE_BASE;
	for (uint32_t i = 0; i < smmub_count(v, SMMUB_SEC_REGIONS) && na + 4 <= MAX_ADDRS; i++) {
		const struct smmub_region *r = smmub_region(v, i);
		uint64_t st = smmub_le64(r->start), l = smmub_le64(r->length);

		addrs[na++] = st - 1;
		addrs[na++] = st;
		addrs[na++] = st + l - 1;
		addrs[na++] = st + l;
	}
	for (size_t i = 0; i < ns; i++)
		for (size_t k = 0; k < na; k++)
			for (int w = 0; w < 2; w++) {
				struct smmuv3_walk_result res;

				nwalks++;
				if (smmuv3_walk(&m, &wc, s[i].sid, addrs[k], w, &res) || !res.ok)
					continue;
				if (res.pa != addrs[k] || !granted(v, s[i].dev, addrs[k], w, stage))
					finding(
					    "StreamID %u (device %d) %s at 0x%llx translates to "
					    "0x%llx%s: the records do not grant it",
					    s[i].sid, s[i].dev, w ? "write" : "read",
					    (unsigned long long)addrs[k],
					    (unsigned long long)res.pa,
					    res.bypass ? " (bypass)" : "");
			}
}

/* Would the install take the prebuilt tables on this unit (smmuv3_boot.c's rule)? */
static bool uses_prebuilt(const struct smmuv3_tables_view *t, const struct smmuv3_caps *c,
			  bool late)
{
	bool two = (t->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT) == SMMUV3_STRTAB_FMT_2LVL;

	return t->present && !late && (t->prof.stage == 1 ? c->s1p : c->s2p) &&
	       t->prof.oas <= c->oas_bits && (!two || c->st_2lvl);
}

/* The stage of the tables the install put in: the blob's, or the capability rule's rebuild. */
static unsigned installed_stage(const struct smmuv3_tables_view *t, const struct smmuv3_caps *c,
				bool prebuilt)
{
	struct smmuv3_profile want, got;
	struct iommu_profile ip;
	char why[256];

	if (prebuilt)
		return t->prof.stage;
	if (t->present) {
		want = t->prof;
	} else {
		iommu_arch_smmuv3.profile_default(&ip);
		smmuv3_profile_from(&ip, &want);
	}
	if (smmuv3_caps_fit(c, &want, &got, why, sizeof(why)))
		finding("install accepted a unit the capability rule refuses: %s", why);
	return got.stage;
}

/* The boot and the compiler's proof agree on the prebuilt tables. */
static void compare_proof(const struct smmub_view *v, int rc, const char *why)
{
	char err[512];
	int prc = smmuv3_tables_prove_blob(v, "fuzz", NULL, err, sizeof(err));

	if (prc == 2) /* out of memory: no answer */
		return;
	if (!rc && prc)
		finding("the boot installs prebuilt tables the compiler's proof refuses: %s", err);
	if (rc == IOMMU_DSS_BLOB && strstr(why, "SMMUv3 tables refused") && !prc)
		finding("the boot refuses prebuilt tables the compiler's proof accepts: %s", why);
}

static void run(const struct smmub_view *v, uint8_t knob)
{
	struct smmuv3_sim_cfg c;
	struct smmuv3_sim *sim;
	struct smmuv3_tables_view t = {0};
	struct rt_unit u = {.name = "fuzz0", .reg_base = 0x09050000};
	struct iommu_tables_out out = {0};
	struct iommu_tables_in in = {.v = v,
				     .blob_path = "fuzz",
				     .units = &u,
				     .nunits = 1,
				     .late = (v->flags & SMMUB_F_LATE_BOUND) != 0,
				     .lookup = late_lookup,
				     .lookup_from = "fuzz"};
	struct smmuv3_unit *d;
	uint64_t bad;
	bool prebuilt;
	int rc = -1;

	nwalks = 0;
	cfg_from(knob, &c);
	sim = smmuv3_sim_new(&c);
	if (!sim)
		abort();
	for (uint64_t a = 0; a < TABLE_BASE; a += 8) {
		uint64_t e = htole64(LURE);

		memcpy(smmuv3_sim_mem(sim) + a, &e, 8);
	}
	smmuv3_sim_io(sim, &u.io);
	u.io.reg_base = u.reg_base;
	d = calloc(1, sizeof(*d));
	if (!d)
		abort();
	u.caps = d;
	/* as unit_probe: a unit without a stage is refused before any table */
	if (smmuv3_probe(&u.io, &d->caps, NULL, 0) || smmuv3_carve(&u.io, d))
		goto out;
	d->probed = true;
	rebuilt_logged = false;
	rc = smmuv3_tables_install_boot(&in, &out);
	if (rc && (rc < IOMMU_DSS_BLOB || rc > IOMMU_DSS_INTERNAL || !out.why[0]))
		finding("install returned %d with reason '%s'", rc, out.why);
	if (smmuv3_tables_view(v, &t, &bad)) {
		if (!rc)
			finding("install accepted tables the view refuses at %llu",
				(unsigned long long)bad);
		goto out;
	}
	prebuilt = uses_prebuilt(&t, &d->caps, in.late);
	if (prebuilt && rebuilt_logged)
		finding("harness and boot disagree on the prebuilt tables' use");
	if (prebuilt && t.pages.npages <= TABLE_SIZE / 4096)
		compare_proof(v, rc, out.why);
	if (rc || in.late)
		goto out;
	if (!d->strtab_image || d->strtab_off + d->strtab_bytes > u.io.table_size)
		finding("install accepted without a stream table image in table memory");
	memcpy(u.io.table_mem + d->strtab_off, d->strtab_image, d->strtab_bytes);
	walk_all(v, sim, d, installed_stage(&t, &d->caps, prebuilt));
out:
	if (verbose)
		fprintf(stderr, "knob 0x%02x: install %d%s, %zu walks%s%s\n", knob, rc,
			rc						    ? ""
			: t.present && uses_prebuilt(&t, &d->caps, in.late) ? " prebuilt"
									    : " rebuilt",
			nwalks, rc ? ": " : "", rc ? out.why : "");
	free((void *)d->strtab_image);
	free(d);
	smmuv3_sim_free(sim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t crc_at = offsetof(struct smmub_header, crc32c);
	unsigned char *buf;
	struct smmub_view v;
	uint8_t knob;
	uint32_t crc;

	if (size < sizeof(struct smmub_header) || size > (1u << 20))
		return 0;
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	knob = buf[crc_at];
	memset(buf + crc_at, 0, 4);
	crc = htole32(smmub_compute_crc(buf, size));
	memcpy(buf + crc_at, &crc, 4);
	iommu_set_log(log_sink);
	verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (!smmub_validate(buf, size, &v, NULL))
		run(&v, knob);
	free(buf);
	return 0;
}

#define FUZZ_DEFAULT_DIR "tests/smmuv3/data/fuzz-tables"
#include "../fuzz/fuzz_main.h"
