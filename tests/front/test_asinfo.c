/* SPDX-License-Identifier: BSD-2-Clause */
/* asinfo maps from YAML and from a device-tree blob, and their use by sema. */
#include <limits.h>
#include <sys/stat.h>
#include <errno.h>
#include "fixture.h"

static void test_yaml_good(void)
{
	struct asinfo_map *m;
	uint64_t s = 0, l = 0;
	struct fx f;

	fx_begin(&f);
	m = asinfo_load(fx_data("asinfo-good.yaml"), &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(asinfo_count(m), 4);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "smbs0", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 0x7f000000);
	CU_ASSERT_EQUAL(l, 0x10000);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "hsu0", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 4096);
	CU_ASSERT_EQUAL(l, 0x2000);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "quoted", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 0x80000000);
	CU_ASSERT_EQUAL(l, 0x100000);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "top", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 0xfffffffffffff000ull);
	CU_ASSERT_EQUAL(l, 0x1000);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "nope", &s, &l), -1);

	/* sema resolves references against it */
	parse_words(f.cfg, &f.d, "allow smbs0 $asinfo_start{smbs0},$asinfo_length{smbs0},st\n"
				 "allow x $asinfo_start{nope},$asinfo_length{hsu0}\n"
				 "device mem:$asinfo_start{hsu0}/$asinfo_length{hsu0} smbs0\n"
				 "debug $asinfo_start{smbs0}\n");
	sema_build(f.cfg, &f.d, m, false);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].start->value, 0x7f000000);
	CU_ASSERT(f.cfg->sets[0].regs[0].start->resolved);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].start->kind, NUM_ASINFO_START);
	CU_ASSERT_STRING_EQUAL(f.cfg->sets[0].regs[0].start->asinfo, "smbs0");
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].len->value, 0x10000);
	CU_ASSERT_EQUAL(f.cfg->sets[1].regs[0].len->value, 0x2000);
	CU_ASSERT(f.cfg->sets[1].regs[0].start->bad);
	FX_HAS_ALL(&f,
		   "<command line>:2:9: error: no asinfo region 'nope' in ",
		   "asinfo-good.yaml [unresolved-asinfo]",
		   "<command line>:4:7: error: an asinfo reference cannot stand for "
		   "the debug level [bad-number]");
	CU_ASSERT_EQUAL(f.cfg->devs[0].spec->paddr.value, 4096);
	CU_ASSERT_EQUAL(f.cfg->devs[0].spec->len.value, 0x2000);
	CU_ASSERT_EQUAL(f.d.errors, 2);
	asinfo_free(m);
	fx_end(&f);
}

static void test_unresolved(void)
{
	struct fx f;

	fx_words(&f, "allow a $asinfo_start{a},4096");
	CU_ASSERT(fx_has(&f, "<command line>:1:9: error: no asinfo region 'a' (no --asinfo map "
			     "given) [unresolved-asinfo]"));
	fx_end(&f);

	/* late binding: no error, the reference stays for the runtime */
	fx_begin(&f);
	parse_words(f.cfg, &f.d, "allow a $asinfo_start{a},4096 device pci:0:1.0 a");
	sema_build(f.cfg, &f.d, NULL, true);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_FALSE(f.cfg->sets[0].regs[0].start->resolved);
	CU_ASSERT_FALSE(f.cfg->sets[0].regs[0].start->bad);
	CU_ASSERT_STRING_EQUAL(f.cfg->sets[0].regs[0].start->asinfo, "a");
	fx_end(&f);
}

static void test_yaml_bad(void)
{
	static const char *const want[] = {
		"asinfo-bad.yaml:9:5: error: asinfo: unknown key 'size' (expected name, start, "
		"length or end) [syntax]",
		"asinfo-bad.yaml:10:5: error: asinfo: region 'b' has no start [syntax]",
		"asinfo-bad.yaml:15:10: error: asinfo: region 'c' has both length and end [syntax]",
		"asinfo-bad.yaml:18:13: error: asinfo: region 'd' has length 0 [syntax]",
		"asinfo-bad.yaml:21:13: error: asinfo: 'length' value '0x10000000000000000' does "
		"not fit in 64 bits [syntax]",
		"asinfo-bad.yaml:24:13: error: asinfo: region 'f' goes past the 64-bit address "
		"space [syntax]",
		"asinfo-bad.yaml:25:11: error: asinfo: duplicate region 'a' (first defined at 3:11) "
		"[syntax]",
		"asinfo-bad.yaml:29:12: error: asinfo: 'start' must be a decimal or 0x-prefixed "
		"number, not '12abc' [syntax]",
		"asinfo-bad.yaml:32:5: error: asinfo: duplicate key 'name' [syntax]",
		"asinfo-bad.yaml:35:5: error: asinfo: region without a name [syntax]",
		"asinfo-bad.yaml:39:10: error: asinfo: region 'k': end is below start [syntax]",
		"asinfo-bad.yaml:40:1: error: asinfo: unknown key 'extra' (expected regions) "
		"[syntax]",
	};
	struct fx f;
	size_t i;

	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(fx_data("asinfo-bad.yaml"), &f.d));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CU_ASSERT(fx_has(&f, want[i]));
	CU_ASSERT_EQUAL(f.d.errors, sizeof(want) / sizeof(want[0]));
	fx_end(&f);

	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(fx_data("asinfo-syntax.yaml"), &f.d));
	CU_ASSERT(fx_has(&f, "asinfo-syntax.yaml:4:1: error: asinfo: YAML: "));
	fx_end(&f);

	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(fx_data("asinfo-noregions.yaml"), &f.d));
	FX_HAS_ALL(&f,
		   "asinfo-noregions.yaml:2:1: error: asinfo: unknown key 'region' "
		   "(expected regions) [syntax]",
		   "asinfo-noregions.yaml:2:1: error: asinfo: no 'regions' list");
	fx_end(&f);

	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(fx_data("no-such.yaml"), &f.d));
	CU_ASSERT(fx_has(&f, "smmucc: error: cannot read asinfo map '"));
	fx_end(&f);
}

/* Builds tests/front/asinfo.tmp/NAME.dtb from data/NAME.dts with $DTC. */
static const char *build_dtb(const char *name)
{
	static char out[PATH_MAX + 64];
	const char *dtc = getenv("DTC"), *top = getenv("top_builddir");
	char dir[PATH_MAX], cmd[3 * PATH_MAX];

	if (!dtc || !*dtc) {
		fprintf(stderr, "\nDTC is not set: install device-tree-compiler (CI does)\n");
		return NULL;
	}
	snprintf(dir, sizeof(dir), "%s/tests/front/asinfo.tmp", top ? top : ".");
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return NULL;
	snprintf(out, sizeof(out), "%s/%s.dtb", dir, name);
	snprintf(cmd, sizeof(cmd), "'%s' -q -I dts -O dtb -o '%s' '%s'", dtc, out,
		 fx_data(name));
	strcat(cmd, ".dts");
	return system(cmd) == 0 ? out : NULL;
}

static void test_dtb(void)
{
	const char *dtb = build_dtb("asinfo");
	struct asinfo_map *m;
	uint64_t s = 0, l = 0;
	struct fx f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	fx_begin(&f);
	m = asinfo_load(dtb, &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	/* two-cell and one-cell reg, a dynamic reservation without reg skipped */
	CU_ASSERT_EQUAL(asinfo_count(m), 2);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "smbs0", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 0x17f000000ull);
	CU_ASSERT_EQUAL(l, 0x10000);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "ixgbe", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 0x80000000);
	CU_ASSERT_EQUAL(l, 0x1000000);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "dyn", &s, &l), -1);
	asinfo_free(m);
	fx_end(&f);

	dtb = build_dtb("asinfo-cells");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	fx_begin(&f);
	m = asinfo_load(dtb, &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "fb", &s, &l), 0);
	CU_ASSERT_EQUAL(s, 0x3e000000);
	CU_ASSERT_EQUAL(l, 0x2000000);
	asinfo_free(m);
	fx_end(&f);

	dtb = build_dtb("asinfo-bad");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(dtb, &f.d));
	FX_HAS_ALL(&f,
		   "/reserved-memory/zero@1000: size 0",
		   "/reserved-memory/short@2000: reg has 8 bytes, needs 16",
		   "/reserved-memory/a@4000: duplicate region 'a'",
		   "/reserved-memory/wrap@ffffffffffff0000: region goes past the "
		   "64-bit address space");
	CU_ASSERT_EQUAL(fx_count(&f, "smmucc: error: "), 4);
	fx_end(&f);
}

static void test_dtb_corrupt(void)
{
	const char *top = getenv("top_builddir");
	char path[PATH_MAX];
	const char *dtb = build_dtb("asinfo");
	unsigned char buf[4096];
	size_t n;
	FILE *fp;
	struct fx f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	fp = fopen(dtb, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/tests/front/asinfo.tmp/truncated.dtb", top ? top : ".");
	fp = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fwrite(buf, 1, n / 2, fp);
	fclose(fp);
	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(path, &f.d));
	CU_ASSERT(fx_has(&f, "truncated.dtb: not a valid device-tree blob: "));
	fx_end(&f);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"YAML map and resolution", test_yaml_good},
		{"unresolved and late-bound references", test_unresolved},
		{"every bad YAML entry", test_yaml_bad},
		{"device-tree blob", test_dtb},
		{"corrupt device-tree blob", test_dtb_corrupt},
	};

	return CU_RUN("asinfo", cases);
}
