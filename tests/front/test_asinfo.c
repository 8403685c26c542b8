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
	CU_ASSERT_STRING_EQUAL(num_asinfo(f.cfg->sets[0].regs[0].start), "smbs0");
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

/* A name with a comma (linux,cma): an argument list is not split inside {...}. */
static void test_comma_name(void)
{
	struct asinfo_map *m;
	struct fx f;

	fx_begin(&f);
	m = asinfo_load(fx_data("asinfo-comma.yaml"), &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	parse_words(f.cfg, &f.d, "allow cma $asinfo_start{linux,cma},$asinfo_length{linux,cma},st\n"
				 "allow low 0x1000,$asinfo_length{linux,cma}\n");
	sema_build(f.cfg, &f.d, m, false);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].start->value, 0x80000000);
	CU_ASSERT_STRING_EQUAL(num_asinfo(f.cfg->sets[0].regs[0].start), "linux,cma");
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].len->value, 16u << 20);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].perms, PERM_S | PERM_T);
	CU_ASSERT_EQUAL(f.cfg->sets[1].regs[0].len->value, 16u << 20);
	asinfo_free(m);
	fx_end(&f);
}

/* The language's notation (smmu(5), Numbers), decimal by default for start too. */
static void test_yaml_numbers(void)
{
	static const char *const want[] = {
		"asinfo-numbers-bad.yaml:4:13: error: asinfo: bad decimal digit 'f' in start "
		"'7f000000' [bad-number]",
		"asinfo-numbers-bad.yaml:5:15: error: asinfo: bad decimal digit 'Q' in length "
		"'64Q' [bad-number]",
		"asinfo-numbers-bad.yaml:7:12: error: asinfo: start '0x' has no digits [bad-number]",
		"asinfo-numbers-bad.yaml:8:13: error: asinfo: length '17179869184G' does not fit "
		"in 64 bits after its multiplier [number-overflow]",
		"asinfo-numbers-bad.yaml:10:12: error: asinfo: start '0x10000000000000000' does "
		"not fit in 64 bits [number-overflow]",
		"asinfo-numbers-bad.yaml:11:16: error: asinfo: bad decimal digit 'z' in length "
		"'12z' [bad-number]",
		"asinfo-numbers-bad.yaml:13:16: error: asinfo: bad decimal digit 'a' in start "
		"'0d12a' [bad-number]",
		"asinfo-numbers-bad.yaml:14:13: error: asinfo: length 'K' has no digits "
		"[bad-number]",
		/* a name's control bytes are escaped */
		"asinfo-numbers-bad.yaml:15:5: error: asinfo: region 'e\\033[2J' has no start "
		"[syntax]",
	};
	static const struct { const char *name; uint64_t start, length; } good[] = {
		{"k64", 0x7f000000, 65536},
		{"m16", 0x80000000, 0x1000000},
		{"dec", 1048576, 4096},
		{"hexmul", 0x1000000, 0x1000},
		{"plain", 65536, 1024},
	};
	struct asinfo_map *m;
	uint64_t s, l;
	struct fx f;
	size_t i;

	fx_begin(&f);
	m = asinfo_load(fx_data("asinfo-numbers.yaml"), &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		s = l = 0;
		CU_ASSERT_EQUAL(asinfo_lookup(m, good[i].name, &s, &l), 0);
		CU_ASSERT_EQUAL(s, good[i].start);
		CU_ASSERT_EQUAL(l, good[i].length);
	}
	asinfo_free(m);
	fx_end(&f);

	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(fx_data("asinfo-numbers-bad.yaml"), &f.d));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CU_ASSERT(fx_has(&f, want[i]));
	CU_ASSERT_EQUAL(f.d.errors, sizeof(want) / sizeof(want[0]));
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
	CU_ASSERT_STRING_EQUAL(num_asinfo(f.cfg->sets[0].regs[0].start), "a");
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
		"asinfo-bad.yaml:21:13: error: asinfo: length '0x10000000000000000' does "
		"not fit in 64 bits [number-overflow]",
		"asinfo-bad.yaml:24:13: error: asinfo: region 'f' goes past the 64-bit address "
		"space [syntax]",
		"asinfo-bad.yaml:25:11: error: asinfo: duplicate region 'a' (first defined at 3:11) "
		"[syntax]",
		"asinfo-bad.yaml:29:14: error: asinfo: bad decimal digit 'a' in start '12abc' "
		"[bad-number]",
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
	/* two-cell and one-cell reg, and a dynamic reservation: named, with no place */
	CU_ASSERT_EQUAL(asinfo_count(m), 3);
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

}

/* The bytes of path into buf (at most cap): how many, 0 when it cannot be read. */
static size_t read_bytes(const char *path, char *buf, size_t cap)
{
	FILE *fp = path ? fopen(path, "rb") : NULL;
	size_t n;

	if (!fp)
		return 0;
	n = fread(buf, 1, cap, fp);
	fclose(fp);
	return n;
}

/* The first n bytes of buf as the whole of path: 0, or -1. */
static int write_bytes(const char *path, const char *buf, size_t n)
{
	FILE *fp = fopen(path, "wb");
	int rc;

	if (!fp)
		return -1;
	rc = fwrite(buf, 1, n, fp) == n ? 0 : -1;
	return fclose(fp) ? -1 : rc;
}

/* Builds asinfo-names.dtb with one byte of a node name made an escape character. */
static const char *names_dtb(void)
{
	const char *dtb = build_dtb("asinfo-names");
	static const char node[] = "memory@88000000";
	static char buf[8192];
	size_t n = read_bytes(dtb, buf, sizeof(buf)), i;

	if (!n)
		return NULL;
	for (i = 0; i + sizeof(node) <= n; i++)
		if (!memcmp(buf + i, node, sizeof(node))) {
			buf[i + 11] = '\033';
			break;
		}
	return write_bytes(dtb, buf, n) ? NULL : dtb;
}

/* Repeated names, labels, disabled nodes and every region no policy can use. */
static void test_dtb_names(void)
{
	static const char *const want[] = {
		"<command line>:4:9: error: asinfo name 'memory' is ambiguous in ",
		"asinfo-names.dtb: 3 regions have it: 'memory@85700000', 'memory@86000000', "
		"'memory@8800\\033000' [unresolved-asinfo]",
		"<command line>:5:9: error: asinfo name 'secmon' is ambiguous in ",
		"asinfo-names.dtb: 2 regions have it: 'secmon@1000', 'secmon@2000' "
		"[unresolved-asinfo]",
		"<command line>:6:9: error: asinfo name 'ramoops' is ambiguous in ",
		"asinfo-names.dtb: 2 regions have it: 'ramoops@b0000000', 'memory@86000000' "
		"[unresolved-asinfo]",
		"<command line>:7:9: error: no asinfo region 'gone' in ",
		"<command line>:8:9: error: no asinfo region 'memory@90000000' in ",
		"<command line>:9:9: error: asinfo region 'cma' in ",
		"asinfo-names.dtb (node 'cma') has no fixed address: the OS places it at boot "
		"(size, no reg); bind it late (--late-bind, smmu(5) ASINFO) [unresolved-asinfo]",
		"<command line>:10:9: error: asinfo region 'split' in ",
		"asinfo-names.dtb (node 'split@a0000000') has 2 reg entries: name one as "
		"'split#0' to 'split#1' [unresolved-asinfo]",
		"<command line>:11:9: error: asinfo region 'split_mem#2' in ",
		"asinfo-names.dtb (node 'split@a0000000') has no reg entry 2 (it has 2) "
		"[unresolved-asinfo]",
		"<command line>:12:9: error: asinfo region 'nothing' in ",
		"asinfo-names.dtb (node 'nothing@0') has neither reg nor size [unresolved-asinfo]",
		"<command line>:13:9: error: asinfo region 'odd' in ",
		"asinfo-names.dtb (node 'odd@5000') has a reg of 12 bytes, not whole entries of "
		"16 (#address-cells 2, #size-cells 2) [unresolved-asinfo]",
		"<command line>:14:9: error: asinfo region 'zero@6000' in ",
		"asinfo-names.dtb (node 'zero@6000') has size 0 [unresolved-asinfo]",
		"<command line>:15:9: error: asinfo region 'wrap' in ",
		"asinfo-names.dtb (node 'wrap@ffffffffffff0000') goes past the 64-bit address "
		"space [unresolved-asinfo]",
	};
	const char *dtb = names_dtb();
	struct asinfo_map *m;
	struct fx f;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	fx_begin(&f);
	m = asinfo_load(dtb, &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(asinfo_count(m), 13);
	parse_words(f.cfg, &f.d,
		    "allow a $asinfo_start{memory@85700000},$asinfo_length{hyp_mem}\n"
		    "allow b $asinfo_start{tz},$asinfo_length{tz@86200000}\n"
		    "allow c $asinfo_start{split#1},$asinfo_length{split_mem#1}\n"
		    "allow d $asinfo_start{memory},4096\n"
		    "allow e $asinfo_start{secmon},4096\n"
		    "allow f $asinfo_start{ramoops},4096\n"
		    "allow g $asinfo_start{gone},4096\n"
		    "allow h $asinfo_start{memory@90000000},4096\n"
		    "allow i $asinfo_start{cma},4096\n"
		    "allow j $asinfo_start{split},4096\n"
		    "allow k $asinfo_start{split_mem#2},4096\n"
		    "allow l $asinfo_start{nothing},4096\n"
		    "allow m $asinfo_start{odd},4096\n"
		    "allow n $asinfo_start{zero@6000},4096\n"
		    "allow o $asinfo_start{wrap},4096\n"
		    "allow p $asinfo_start{secmon@2000},4096\n");
	sema_build(f.cfg, &f.d, m, false);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].start->value, 0x85700000);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].len->value, 0x600000);
	CU_ASSERT_EQUAL(f.cfg->sets[1].regs[0].start->value, 0x86200000);
	CU_ASSERT_EQUAL(f.cfg->sets[1].regs[0].len->value, 0x2d00000);
	CU_ASSERT_EQUAL(f.cfg->sets[2].regs[0].start->value, 0xa0100000);
	CU_ASSERT_EQUAL(f.cfg->sets[2].regs[0].len->value, 0x2000);
	CU_ASSERT(f.cfg->sets[15].regs[0].start->resolved);
	CU_ASSERT_EQUAL(f.cfg->sets[15].regs[0].start->value, 0x2000);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CU_ASSERT(fx_has(&f, want[i]));
	CU_ASSERT_EQUAL(f.d.errors, 12);
	fx_end(&f);

	/* late binding leaves to boot what the tree lacks or places at boot, no more */
	fx_begin(&f);
	parse_words(f.cfg, &f.d, "allow a $asinfo_start{cma},4096\n"
				 "allow b $asinfo_start{gone},4096\n"
				 "allow c $asinfo_start{memory},4096\n");
	sema_build(f.cfg, &f.d, m, true);
	CU_ASSERT_FALSE(f.cfg->sets[0].regs[0].start->bad);
	CU_ASSERT_FALSE(f.cfg->sets[1].regs[0].start->bad);
	CU_ASSERT(f.cfg->sets[2].regs[0].start->bad);
	CU_ASSERT(fx_has(&f, "<command line>:3:9: error: asinfo name 'memory' is ambiguous"));
	CU_ASSERT_EQUAL(f.d.errors, 1);
	asinfo_free(m);
	fx_end(&f);
}

/* Two siblings of one name: the node name is ambiguous, a path names the first. */
static void test_dtb_dup(void)
{
	const char *dtb = build_dtb("asinfo-dup");
	static char buf[4096];
	struct asinfo_map *m;
	uint64_t st = 0, l = 0;
	size_t n, i;
	struct fx f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	n = read_bytes(dtb, buf, sizeof(buf));
	CU_ASSERT_FATAL(n > 0);
	for (i = 0; i + 8 <= n; i++)
		if (!memcmp(buf + i, "ab@1000", 8))
			buf[i + 1] = 'a';
	CU_ASSERT_EQUAL_FATAL(write_bytes(dtb, buf, n), 0);
	fx_begin(&f);
	m = asinfo_load(dtb, &f.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "first", &st, &l), 0);
	CU_ASSERT_EQUAL(st, 0x1000);
	CU_ASSERT_EQUAL(l, 0x1000);
	/* not one of /reserved-memory's children, or disabled: no label */
	CU_ASSERT_EQUAL(asinfo_lookup(m, "short", &st, &l), -1);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "deep", &st, &l), -1);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "elsewhere", &st, &l), -1);
	CU_ASSERT_EQUAL(asinfo_lookup(m, "off", &st, &l), -1);
	parse_words(f.cfg, &f.d, "allow a $asinfo_start{aa@1000},4096\n");
	sema_build(f.cfg, &f.d, m, false);
	CU_ASSERT(fx_has(&f, "<command line>:1:9: error: asinfo name 'aa@1000' is ambiguous in "));
	CU_ASSERT(fx_has(&f, "asinfo-dup.dtb: 2 regions have it: 'aa@1000', 'aa@1000' "
			     "[unresolved-asinfo]"));
	CU_ASSERT_EQUAL(f.d.errors, 1);
	asinfo_free(m);
	fx_end(&f);
}

static void test_dtb_corrupt(void)
{
	const char *top = getenv("top_builddir");
	char path[PATH_MAX];
	const char *dtb = build_dtb("asinfo");
	char buf[4096];
	size_t n;
	struct fx f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dtb);
	n = read_bytes(dtb, buf, sizeof(buf));
	CU_ASSERT_FATAL(n > 0);
	snprintf(path, sizeof(path), "%s/tests/front/asinfo.tmp/truncated.dtb", top ? top : ".");
	CU_ASSERT_EQUAL_FATAL(write_bytes(path, buf, n / 2), 0);
	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(path, &f.d));
	CU_ASSERT(fx_has(&f, "truncated.dtb: not a valid device-tree blob: "));
	fx_end(&f);
}

/* A version 2 tree whose root name has no '/': libfdt 1.6.1's check itself crashes on it. */
static void test_dtb_old_version(void)
{
	const char *src = getenv("top_srcdir");
	char path[PATH_MAX];
	struct fx f;

	snprintf(path, sizeof(path), "%s/tests/smmuv3/data/fuzz-fdt/v2-root-name.dtb",
		 src ? src : ".");
	fx_begin(&f);
	CU_ASSERT_PTR_NULL(asinfo_load(path, &f.d));
	CU_ASSERT(fx_has(&f, "v2-root-name.dtb: not a valid device-tree blob: FDT_ERR_BADVERSION"));
	fx_end(&f);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"YAML map and resolution", test_yaml_good},
		{"unresolved and late-bound references", test_unresolved},
		{"every bad YAML entry", test_yaml_bad},
		{"YAML numbers in the language's notation", test_yaml_numbers},
		{"a name with a comma", test_comma_name},
		{"device-tree blob", test_dtb},
		{"device-tree names, labels and unusable regions", test_dtb_names},
		{"device-tree siblings of one name", test_dtb_dup},
		{"a device tree before version 16", test_dtb_old_version},
		{"corrupt device-tree blob", test_dtb_corrupt},
	};

	return CU_RUN("asinfo", cases);
}
