/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device specs, sema (the model, in one pass), per-type parameters of the
 * four smmu types, settings and user specs.
 */
#include "fixture.h"

#define CL "<command line>"

static const char *fmt(const struct devspec *s)
{
	static char buf[128];

	devspec_format(s, buf, sizeof(buf));
	return buf;
}

static void test_specs(void)
{
	static const char *const want[] = {
		"pci:*", "pci:3:*", "pci:2:0.*", "pci:2:0.1", "pci:255:31.7",
		"mem:0xe6ef0000/0x1000", "mem:0xe6ef0000/0x2000", "mem:0x2800/0x100000",
		"pci:16:1.0",
	};
	struct fx f;
	size_t i;

	fx_words(&f, "device pci:* device pci:3:* device pci:2:00.* device pci:2:00.1 "
		     "device pci:0d255:0x1f.7 device mem:0xe6ef0000 device e6ef0000/0x2000 "
		     "device mem:0d10K/1M device pci:0x10:1.0");
	CU_ASSERT_EQUAL(f.d.errors + f.d.warnings, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->ndevs, 9);
	for (i = 0; i < 9; i++)
		CU_ASSERT_STRING_EQUAL(fmt(f.cfg->devs[i].spec), want[i]);
	CU_ASSERT_EQUAL(f.cfg->devs[0].spec->kind, SPEC_PCI_ANY);
	CU_ASSERT_EQUAL(f.cfg->devs[1].spec->kind, SPEC_PCI_BUS);
	CU_ASSERT_EQUAL(f.cfg->devs[2].spec->kind, SPEC_PCI_DEV);
	CU_ASSERT_EQUAL(f.cfg->devs[3].spec->kind, SPEC_PCI_FUNC);
	CU_ASSERT_EQUAL(f.cfg->devs[3].spec->fn, 1);
	CU_ASSERT_EQUAL(f.cfg->devs[5].spec->kind, SPEC_MEM);
	CU_ASSERT_STRING_EQUAL(f.cfg->devs[6].spec->text, "e6ef0000/0x2000");
	CU_ASSERT(devspec_cmp(f.cfg->devs[3].spec, f.cfg->devs[3].spec) == 0);
	CU_ASSERT(devspec_cmp(f.cfg->devs[3].spec, f.cfg->devs[2].spec) != 0);
	CU_ASSERT(devspec_cmp(f.cfg->devs[5].spec, f.cfg->devs[6].spec) != 0);
	fx_end(&f);
}

static void test_bad_specs(void)
{
	struct fx f;

	fx_words(&f, "device pci:0:32.0\n"
		     "device pci:256:0.0\n"
		     "device pci:0:0.8\n"
		     "device pci:1\n"
		     "device pci:1:2:3\n"
		     "device pci:x:0.0\n"
		     "device usb:1\n"
		     "device mem:1000/2/3\n"
		     "device zz\n"
		     "reserved 0x1000,4096\n");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1), CL ":1:14: error: device number 32 out of range "
				"0-31 [bad-device-spec]");
	FX_HAS_ALL(&f,
		   CL ":2:12: error: bus number 256 out of range 0-255",
		   CL ":3:16: error: function number 8 out of range 0-7",
		   CL ":4:8: error: malformed PCI device spec 'pci:1' (expected "
		      "pci:*, pci:B:*, pci:B:D.* or pci:B:D.F) [bad-device-spec]",
		   CL ":5:8: error: malformed PCI device spec 'pci:1:2:3'",
		   CL ":6:12: error: bad bus number 'x' in device spec 'pci:x:0.0' "
		      "(bad digit)",
		   CL ":7:8: error: malformed device spec 'usb:1'",
		   CL ":8:19: error: malformed device spec 'mem:1000/2/3' (one '/' "
		      "at most: [mem:]PADDR[/LEN])",
		   CL ":9:8: error: malformed device spec 'zz'");
	CU_ASSERT_EQUAL(f.d.count[CHK_BAD_DEVICE_SPEC], 9);
	CU_ASSERT_EQUAL(f.d.errors, 9);
	/* kept as devices, so the reserved line has one: no cascade */
	CU_ASSERT_EQUAL(f.cfg->ndevs, 9);
	CU_ASSERT(f.cfg->devs[8].spec->paddr.bad);
	CU_ASSERT_EQUAL(f.cfg->stmts[9].u.reserved->dev, 8);
	CU_ASSERT_EQUAL(f.cfg->devs[8].nreserved, 1);
	fx_end(&f);
}

static void test_allow_sets(void)
{
	struct fx f;

	fx_words(&f, "device pci:0:18.0 foo\n"
		     "allow moo 0xF8000000,0x4000,s\n"
		     "allow foo 0xF8000000,0x4000,tts\n"
		     "allow foo 0x4000,4096\n"
		     "device pci:0:21.0 foo\n"
		     "device pci:0:18.0\n"
		     "device pci:0:26.2 moo\n"
		     "device pci:0:18.0 moo\n"
		     "device pci:0:26.2\n"
		     "allow bad 1,2,sx\n");
	CU_ASSERT_EQUAL_FATAL(f.cfg->nsets, 3);
	CU_ASSERT_STRING_EQUAL(f.cfg->sets[0].name, "foo");
	CU_ASSERT(f.cfg->sets[0].defined);
	CU_ASSERT_EQUAL(f.cfg->sets[0].pos.line, 3);
	CU_ASSERT_EQUAL(f.cfg->sets[0].users, 2);
	CU_ASSERT_EQUAL_FATAL(f.cfg->sets[0].nregs, 2);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].perms, PERM_S | PERM_T);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[0].stmt, 2);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[1].start->value, 0x4000);
	CU_ASSERT_EQUAL(f.cfg->sets[0].regs[1].perms, PERM_S | PERM_T);
	CU_ASSERT_STRING_EQUAL(f.cfg->sets[1].name, "moo");
	CU_ASSERT_EQUAL(f.cfg->sets[1].regs[0].perms, PERM_S);
	CU_ASSERT_EQUAL(f.cfg->sets[1].users, 2);
	/* devices are unique per spec; the first set stays (conflicts: checks.c) */
	CU_ASSERT_EQUAL_FATAL(f.cfg->ndevs, 3);
	CU_ASSERT_EQUAL(f.cfg->devs[0].set, 0);
	CU_ASSERT_EQUAL(f.cfg->devs[0].stmt, 0);
	CU_ASSERT_EQUAL(f.cfg->devs[2].set, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[5].u.device->dev, 0);
	CU_ASSERT_EQUAL(f.cfg->stmts[8].u.device->dev, 2);
	/* the model reads the statements' own specs and numbers, no copies */
	CU_ASSERT_PTR_EQUAL(f.cfg->sets[0].regs[1].start, &f.cfg->stmts[3].u.allow->start);
	CU_ASSERT_PTR_EQUAL(f.cfg->sets[0].regs[1].len, &f.cfg->stmts[3].u.allow->len);
	CU_ASSERT_PTR_EQUAL(f.cfg->devs[2].spec, &f.cfg->stmts[6].u.device->spec);
	/* at 10^6 lines every byte of these counts millions of times */
	if (sizeof(void *) == 8) {
		CU_ASSERT_EQUAL(sizeof(struct stmt), 24);
		CU_ASSERT_EQUAL(sizeof(struct num), 24);
		CU_ASSERT_EQUAL(sizeof(struct region), 24);
		CU_ASSERT_EQUAL(sizeof(struct device), 48);
		CU_ASSERT_EQUAL(sizeof(struct allow_set), 40);
		CU_ASSERT(sizeof(struct stmt_allow) <= 88);
		CU_ASSERT(sizeof(struct stmt_device) <= 112);
	}
	CU_ASSERT(fx_has(&f, CL ":10:16: error: bad permission 'x' in 'sx' (only s: read, t: "
			     "write) [bad-permissions]"));
	fx_end(&f);

	/* a device naming a set first, then a device without one, then the set */
	fx_words(&f, "device mem:0x1000 a\ndevice pci:0:1.0\ndevice pci:0:1.0 b\nallow b 1,2");
	CU_ASSERT_EQUAL(f.cfg->nsets, 2);
	CU_ASSERT_FALSE(f.cfg->sets[0].defined);
	CU_ASSERT_EQUAL(f.cfg->sets[0].pos.col, 19);
	CU_ASSERT_EQUAL(f.cfg->devs[1].set, 1);
	fx_end(&f);
}

static void test_allow_numbers(void)
{
	struct fx f;

	fx_words(&f, "allow a 10K,64K\nallow b 0x1h,0\nallow c 1,2,\nallow d 1\n"
		     "allow e 0x1,0x2,s,t\nallow f 0x10000000000000000,99999999999999999999\n"
		     "allow g 0x40000000000000K,1\nallow h $asinfo_base{x},1\n");
	FX_HAS_ALL(&f,
		   CL ":1:9: warning: '10K' is read as 0x4000 (hexadecimal address); "
		      "0d10K would be 0x2800 [ambiguous-radix]",
		   CL ":2:12: error: bad hexadecimal digit 'h' in start address '0x1h' "
		      "[bad-number]",
		   CL ":3:13: error: empty permissions (use s: read, t: write, or st) "
		      "[bad-permissions]",
		   CL ":4:9: error: allow needs START,LEN[,PERMS], not '1' [syntax]",
		   CL ":5:19: error: too many items in '0x1,0x2,s,t' (allow takes "
		      "START,LEN[,PERMS]) [syntax]",
		   CL ":6:9: error: start address '0x10000000000000000' does not fit "
		      "in 64 bits [number-overflow]",
		   CL ":6:29: error: length '99999999999999999999' does not fit in 64 "
		      "bits [number-overflow]",
		   CL ":7:9: error: start address '0x40000000000000K' does not fit in "
		      "64 bits after its multiplier [number-overflow]",
		   CL ":8:9: error: malformed asinfo reference '$asinfo_base{x}' for "
		      "the start address");
	/* the length 64K is decimal by default and draws nothing */
	CU_ASSERT_EQUAL(f.d.count[CHK_AMBIGUOUS_RADIX], 1);
	/* zero length is the checks' business (zero-length), not the parser's */
	CU_ASSERT_EQUAL(f.d.count[CHK_ZERO_LENGTH], 0);
	CU_ASSERT(f.cfg->stmts[1].u.allow->start.bad);
	CU_ASSERT(f.cfg->stmts[1].u.allow->len.resolved);
	fx_end(&f);
}

/* ambiguous-radix only where the default radix is hexadecimal: addresses */
static void test_ambiguous_radix(void)
{
	struct fx f;

	fx_words(&f, "allow a 0x1000,16K\nallow b 64K,16K\ndevice mem:0x3000/64K a\n"
		     "reserved 0x2000,10M\ndevice mem:20M/16K b\nreserved 10K,0x1000\n"
		     "allow c 0x1000000,0d16K\nallow d 0d64K,0x16K\nallow e 4K,8K\n");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 1),
			       CL ":2:9: warning: '64K' is read as 0x19000 (hexadecimal address); "
				  "0d64K would be 0x10000 [ambiguous-radix]");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 2), "allow b 64K,16K");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 4),
			       CL ":5:12: warning: '20M' is read as 0x2000000 (hexadecimal "
				  "address); 0d20M would be 0x1400000 [ambiguous-radix]");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 7),
			       CL ":6:10: warning: '10K' is read as 0x4000 (hexadecimal address); "
				  "0d10K would be 0x2800 [ambiguous-radix]");
	CU_ASSERT_STRING_EQUAL(fx_line(&f, 10), "");
	CU_ASSERT_EQUAL(f.d.count[CHK_AMBIGUOUS_RADIX], 3);
	CU_ASSERT_EQUAL(f.d.errors + f.d.warnings, 3);
	CU_ASSERT_EQUAL(f.cfg->stmts[0].u.allow->len.value, 16384);
	CU_ASSERT_EQUAL(f.cfg->stmts[3].u.reserved->len.value, 10u << 20);
	fx_end(&f);
}

static void test_vtd(void)
{
	struct fx f;

	fx_words(&f, "smmu vtd\nsmmu vtd require\nsmmu vtd ignore\n"
		     "unit vtd1 0xfed64000\nunit vtd2 fed65000\n"
		     "device pci:0:2.0 use vtd1\nreserved 0x7b800000,0x4800000\n"
		     "device pci:* use vtd2\n");
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nsmmus, 3);
	CU_ASSERT_EQUAL(f.cfg->smmus[0].p.vtd.dmar, VTD_DMAR_AUTO);
	CU_ASSERT_EQUAL(f.cfg->smmus[1].p.vtd.dmar, VTD_DMAR_REQUIRE);
	CU_ASSERT_EQUAL(f.cfg->smmus[2].p.vtd.dmar, VTD_DMAR_IGNORE);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nunits, 2);
	CU_ASSERT_EQUAL(f.cfg->units[0].smmu, 2);
	CU_ASSERT(f.cfg->units[0].params_ok);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.vtd.base.value, 0xfed64000);
	CU_ASSERT_EQUAL(f.cfg->units[1].p.vtd.base.value, 0xfed65000);
	CU_ASSERT_EQUAL(f.cfg->devs[0].unit, 0);
	CU_ASSERT_FALSE(f.cfg->devs[0].has_use_param);
	CU_ASSERT_EQUAL(f.cfg->devs[0].nreserved, 1);
	CU_ASSERT_EQUAL(f.cfg->devs[0].reserved[0].perms, PERM_S | PERM_T);
	CU_ASSERT_EQUAL(f.cfg->devs[1].unit, 1);
	fx_end(&f);

	fx_words(&f, "smmu vtd always\nsmmu vtd\nunit vtd1\nunit vtd2 1000,2000\n"
		     "unit vtd3 0xfed64000\ndevice pci:0:2.0 use vtd3 5\n");
	FX_HAS_ALL(&f,
		   CL ":1:10: error: vtd takes 'require' or 'ignore', not 'always' "
		      "[bad-smmu-param]",
		   CL ":3:6: error: vtd unit 'vtd1' needs PADDR [bad-unit-param]",
		   CL ":4:16: error: '1000,2000' has too many items (expected PADDR) "
		      "[bad-unit-param]",
		   CL ":6:27: error: vtd units take no 'use' parameter, not '5' "
		      "[bad-use-param]");
	CU_ASSERT_FALSE(f.cfg->smmus[0].params_ok);
	CU_ASSERT_FALSE(f.cfg->units[0].params_ok);
	CU_ASSERT(f.cfg->units[2].params_ok);
	fx_end(&f);
}

static void test_armsmmuv3(void)
{
	struct fx f;

	fx_words(&f, "smmu armsmmuv3\nunit s0 0x2b400000\nunit s1 0x2b500000,71\n"
		     "unit s2 0x2b600000,72,73\ndevice mem:0x1000 use s2 0x11\n"
		     "device pci:0:1.0 use s0\n");
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nunits, 3);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.armsmmuv3.evtq_irq, -1);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.armsmmuv3.gerror_irq, -1);
	CU_ASSERT_EQUAL(f.cfg->units[1].p.armsmmuv3.evtq_irq, 71);
	CU_ASSERT_EQUAL(f.cfg->units[2].p.armsmmuv3.paddr.value, 0x2b600000);
	CU_ASSERT_EQUAL(f.cfg->units[2].p.armsmmuv3.gerror_irq, 73);
	CU_ASSERT(f.cfg->devs[0].has_use_param);
	CU_ASSERT_EQUAL(f.cfg->devs[0].use_param, 0x11);
	CU_ASSERT_FALSE(f.cfg->devs[1].has_use_param);
	fx_end(&f);

	fx_words(&f, "smmu armsmmuv3 x\nsmmu armsmmuv3\nunit s0 1,2,3,4\nunit s1 1,x\n"
		     "unit s2 1,2\ndevice pci:0:1.0 use s2 0x100000000\n");
	FX_HAS_ALL(&f,
		   CL ":1:16: error: armsmmuv3 takes 'require' or no smmu parameter (its "
		      "unit lines carry them), not 'x' [bad-smmu-param]",
		   CL ":3:15: error: '1,2,3,4' has too many items (expected "
		      "PADDR[,EVTQ_IRQ[,GERROR_IRQ]]) [bad-unit-param]",
		   CL ":4:11: error: bad decimal digit 'x' in event queue IRQ 'x' "
		      "[bad-number]",
		   CL ":6:25: error: StreamID 4294967296 out of range 0-4294967295 "
		      "[bad-use-param]");
	fx_end(&f);
}

static void test_armsmmu(void)
{
	struct fx f;

	fx_words(&f, "smmu armsmmu\nunit m0 0xfd800000,155,156,0\n"
		     "unit m1 0xfd900000,157,158,1,0x400:0x401:0x402,smmu-cfg-zynq.so\n"
		     "device mem:0xff0a0000 use m1 0x400\n");
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nunits, 2);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.armsmmu.nsc_irq, 155);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.armsmmu.nsg_irq, 156);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.armsmmu.bypass, 0);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.armsmmu.nsids, 0);
	CU_ASSERT_PTR_NULL(f.cfg->units[0].p.armsmmu.cfglib);
	CU_ASSERT_EQUAL(f.cfg->units[1].p.armsmmu.bypass, 1);
	CU_ASSERT_EQUAL_FATAL(f.cfg->units[1].p.armsmmu.nsids, 3);
	CU_ASSERT_EQUAL(f.cfg->units[1].p.armsmmu.sids[2], 0x402);
	CU_ASSERT_STRING_EQUAL(f.cfg->units[1].p.armsmmu.cfglib, "smmu-cfg-zynq.so");
	CU_ASSERT_EQUAL(f.cfg->devs[0].use_param, 0x400);
	fx_end(&f);

	fx_words(&f, "smmu armsmmu\nunit m0 0xfd800000,155,156\nunit m1 1,2,3,2\n"
		     "unit m2 1,2,3,0,1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17\n"
		     "unit m3 1,2,3,0,4,\ndevice pci:0:1.0 use m3\n");
	FX_HAS_ALL(&f,
		   CL ":2:9: error: '0xfd800000,155,156' has too few items (expected "
		      "PADDR,NScIrpt,NSgIrpt,BYPASS[,SID:SID...[,CFGLIB]]) "
		      "[bad-unit-param]",
		   CL ":3:15: error: BYPASS 2 out of range 0-1 [bad-unit-param]",
		   "error: more than 16 stream IDs [bad-unit-param]",
		   CL ":5:19: error: empty CFGLIB name [bad-unit-param]",
		   CL ":6:22: error: armsmmu 'use' needs the device's StreamID: use "
		      "m3 STREAMID [bad-use-param]");
	fx_end(&f);
}

static void test_rcar3(void)
{
	struct fx f;

	fx_words(&f, "smmu rcar3 0xe67b0000,228,0x4f.0x01,0x4f.0x10,0x4f.0x20\n"
		     "smmu rcar3 0xe67b0000,228,18,0x4f.0x20\n"
		     "unit vi0 0xfebd0000,14\n"
		     "device mem:0xE6EF0000 use vi0 0\n");
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nsmmus, 2);
	CU_ASSERT_EQUAL(f.cfg->smmus[0].p.rcar3.paddr.value, 0xe67b0000);
	CU_ASSERT_EQUAL(f.cfg->smmus[0].p.rcar3.fault_irq, 228);
	CU_ASSERT_FALSE(f.cfg->smmus[0].p.rcar3.has_mm_fault_bit);
	CU_ASSERT_EQUAL_FATAL(f.cfg->smmus[0].p.rcar3.nsoc, 3);
	CU_ASSERT_EQUAL(f.cfg->smmus[0].p.rcar3.soc[1].socid, 0x4f);
	CU_ASSERT_EQUAL(f.cfg->smmus[0].p.rcar3.soc[1].revid, 0x10);
	CU_ASSERT(f.cfg->smmus[1].p.rcar3.has_mm_fault_bit);
	CU_ASSERT_EQUAL(f.cfg->smmus[1].p.rcar3.mm_fault_bit, 18);
	CU_ASSERT_EQUAL(f.cfg->smmus[1].p.rcar3.nsoc, 1);
	CU_ASSERT_EQUAL(f.cfg->units[0].smmu, 1);
	CU_ASSERT_EQUAL(f.cfg->units[0].p.rcar3.intr_bit, 14);
	CU_ASSERT(f.cfg->devs[0].has_use_param);
	CU_ASSERT_EQUAL(f.cfg->devs[0].use_param, 0);
	fx_end(&f);

	fx_words(&f, "smmu rcar3\nsmmu rcar3 0xe67b0000\nsmmu rcar3 1,2,0x4f.1,18\n"
		     "smmu rcar3 1,2,32\nsmmu rcar3 1,2,1.2.3\n"
		     "smmu rcar3 1,2,1.1,1.2,1.3,1.4,1.5,1.6,1.7,1.8,1.9\n"
		     "unit vi0 0xfebd0000\nunit vi1 1,32\ndevice mem:0x1000 use vi1\n");
	FX_HAS_ALL(&f,
		   CL ":1:6: error: rcar3 needs PADDR,FAULT_IRQ[,MM_FAULT_BIT]"
		      "[,SOCID.REVID]... [bad-smmu-param]",
		   CL ":2:12: error: '0xe67b0000' has too few items",
		   CL ":3:23: error: '18': the MM fault bit comes once, right after "
		      "the fault IRQ",
		   CL ":4:16: error: MM fault bit 32 out of range 0-31",
		   CL ":5:16: error: malformed SOCID.REVID '1.2.3'",
		   CL ":6:48: error: more than 8 SOCID.REVID pairs",
		   CL ":7:10: error: '0xfebd0000' has too few items (expected "
		      "PADDR,INTR_STATUS_BIT) [bad-unit-param]",
		   CL ":8:12: error: interrupt status bit 32 out of range 0-31",
		   CL ":9:23: error: rcar3 'use' needs the device's micro-TLB number: "
		      "use vi1 UTLB [bad-use-param]");
	CU_ASSERT_EQUAL(f.d.count[CHK_BAD_SMMU_PARAM], 6);
	fx_end(&f);
}

static void test_context(void)
{
	struct fx f;

	fx_words(&f, "unit early 0x1000\nuse vtd1\nreserved 1000,4096\nsmmu bogus\n"
		     "unit u0 0x1000\nsmmu vtd\nunit vtd1 0xfed64000\nunit vtd1 0xfed65000\n"
		     "device pci:0:2.0 use vtd1\nuse nope\nuse vtd1\n");
	CU_ASSERT(fx_has(&f, CL ":4:6: error: unknown smmu type 'bogus' (expected vtd, armsmmuv3, "
			     "armsmmu or rcar3) [unknown-smmu-type]"));
	/* the checks report these; sema leaves the context at -1 */
	CU_ASSERT_EQUAL(f.cfg->stmts[0].u.unit->smmu, -1);
	CU_ASSERT_EQUAL(f.cfg->stmts[1].u.use->dev, -1);
	CU_ASSERT_EQUAL(f.cfg->stmts[2].u.reserved->dev, -1);
	CU_ASSERT_EQUAL_FATAL(f.cfg->nsmmus, 2);
	CU_ASSERT_EQUAL(f.cfg->smmus[0].type, SMMU_UNKNOWN);
	CU_ASSERT_FALSE(f.cfg->smmus[0].params_ok);
	/* duplicate unit: the first stays */
	CU_ASSERT_EQUAL_FATAL(f.cfg->nunits, 2);
	CU_ASSERT_STRING_EQUAL(f.cfg->units[1].name, "vtd1");
	CU_ASSERT_EQUAL(f.cfg->units[1].p.vtd.base.value, 0xfed64000);
	CU_ASSERT_EQUAL(f.cfg->units[1].stmt, 6);
	/* use: last wins; an undefined unit leaves -1 */
	CU_ASSERT_EQUAL(f.cfg->devs[0].unit, 1);
	CU_ASSERT_EQUAL(f.cfg->devs[0].use_stmt, 11);
	CU_ASSERT_EQUAL(f.cfg->stmts[9].u.use->dev, 0);
	CU_ASSERT_EQUAL(f.cfg->stmts[4].u.unit->smmu, 0);
	CU_ASSERT_EQUAL(f.cfg->stmts[6].u.unit->smmu, 1);
	CU_ASSERT_EQUAL(f.cfg->stmts[8].u.device->dev, 0);
	fx_end(&f);

	fx_words(&f, "device pci:0:2.0 use nope");
	CU_ASSERT_EQUAL(f.cfg->devs[0].unit, -1);
	CU_ASSERT_EQUAL(f.cfg->devs[0].use_stmt, 1);
	fx_end(&f);
}

static void test_guest(void)
{
	struct fx f;

	fx_begin(&f);
	f.cfg->guest = true;
	parse_words(f.cfg, &f.d, "smmu vtd ignore unit vtd1 0xfed64000 allow a 1000,4096 "
				 "device pci:0:2.0 a use vtd1 reserved 0x7b800000,0x4800000");
	sema_build(f.cfg, &f.d, NULL, false);
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(f.cfg->nstmts, 6);
	CU_ASSERT_EQUAL(f.cfg->nsmmus, 0);
	CU_ASSERT_EQUAL(f.cfg->nunits, 0);
	CU_ASSERT_EQUAL_FATAL(f.cfg->ndevs, 1);
	CU_ASSERT_EQUAL(f.cfg->devs[0].set, 0);
	CU_ASSERT_EQUAL(f.cfg->devs[0].unit, -1);
	CU_ASSERT_EQUAL(f.cfg->devs[0].nreserved, 0);
	CU_ASSERT_EQUAL(f.cfg->nsets, 1);
	fx_end(&f);
}

static void test_settings(void)
{
	struct fx f;
	struct settings *st;

	fx_words(&f, "debug 2 foreground safety warn safety required safety none smmu-vtd "
		     "safety warn smmu-vtd safety none procnto set grow-heap 0x4000 "
		     "set message-block-timeout 200 set slogger2-required off set ?");
	st = &f.cfg->settings;
	CU_ASSERT_EQUAL(f.d.errors, 0);
	CU_ASSERT_EQUAL(st->debug, 2);
	CU_ASSERT(st->foreground);
	CU_ASSERT(st->safety_set);
	CU_ASSERT_EQUAL(st->safety, SAFETY_REQUIRED);
	CU_ASSERT_EQUAL_FATAL(st->ncomps, 2);
	CU_ASSERT_STRING_EQUAL(st->comps[0].component, "smmu-vtd");
	CU_ASSERT_EQUAL(st->comps[0].level, SAFETY_WARN);
	CU_ASSERT_EQUAL(st->comps[1].level, SAFETY_NONE);
	CU_ASSERT_EQUAL(st->grow_heap, 0x4000);
	CU_ASSERT_EQUAL(st->message_block_timeout, 200);
	CU_ASSERT_FALSE(st->slogger2_required);
	CU_ASSERT(st->set_query);
	fx_end(&f);

	fx_words(&f, "foreground");
	st = &f.cfg->settings;
	CU_ASSERT_EQUAL(st->debug, 0);
	CU_ASSERT_FALSE(st->safety_set);
	CU_ASSERT_EQUAL(st->message_block_timeout, 100);
	CU_ASSERT(st->slogger2_required);
	CU_ASSERT_EQUAL(st->grow_heap, 0);
	fx_end(&f);

	fx_words(&f, "set message-block-timeout 0 set message-block-timeout 4\n"
		     "set message-block-timeout 10001 set slogger2-required maybe\n"
		     "set colour blue safety maybe debug 0 set slogger2-required yes\n");
	CU_ASSERT_EQUAL(f.cfg->settings.message_block_timeout, 0);
	CU_ASSERT(f.cfg->settings.slogger2_required);
	FX_HAS_ALL(&f,
		   CL ":1:55: error: message-block-timeout must be 0 (never) or "
		      "5-10000 ms, not 4 [set-out-of-range]",
		   CL ":2:27: error: message-block-timeout must be 0 (never) or "
		      "5-10000 ms, not 10001",
		   CL ":2:55: error: slogger2-required must be on or off (or yes/no, "
		      "true/false, 1/0), not 'maybe' [set-out-of-range]",
		   CL ":3:5: error: unknown variable 'colour' (see 'set ?') "
		      "[unknown-set-var]",
		   CL ":3:24: error: unknown safety level 'maybe' (expected none, "
		      "warn or required) [bad-safety]",
		   CL ":3:36: error: debug level must be 1 or 2, not 0 [bad-number]");
	fx_end(&f);
}

static void test_user(void)
{
	struct fx f;
	struct user_spec *u;

	fx_words(&f, "user 100:200,300,400");
	u = &f.cfg->settings.user;
	CU_ASSERT(u->set && u->has_uid && u->has_gid);
	CU_ASSERT_EQUAL(u->uid, 100);
	CU_ASSERT_EQUAL(u->gid, 200);
	CU_ASSERT_EQUAL_FATAL(u->ngroups, 2);
	CU_ASSERT_EQUAL(u->groups[1], 400);
	CU_ASSERT_PTR_NULL(u->name);
	fx_end(&f);

	fx_words(&f, "user 5 user smmuman,20,21");
	u = &f.cfg->settings.user;
	CU_ASSERT_FALSE(u->has_uid);
	CU_ASSERT_STRING_EQUAL(u->name, "smmuman");
	CU_ASSERT_EQUAL(u->ngroups, 2);
	CU_ASSERT_EQUAL(u->groups[0], 20);
	fx_end(&f);

	fx_words(&f, "user 7\nuser 100,5\nuser 1:2:3\nuser 1:x\nuser 9abc\n"
		     "user ops,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\nuser 4294967295\n");
	FX_HAS_ALL(&f,
		   CL ":2:6: error: bad user '100,5': supplementary groups need a "
		      "primary group (uid:gid,sup_gid...) [bad-user]",
		   CL ":3:10: error: bad user '1:2:3' (expected uid[:gid[,sup_gid]*])",
		   CL ":4:8: error: bad gid 'x' (bad digit) [bad-user]",
		   CL ":5:6: error: bad uid '9abc' (bad digit)",
		   "error: bad user 'ops,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17': "
		   "more than 16 supplementary groups",
		   CL ":7:6: error: bad uid '4294967295' (must be below 4294967295)");
	CU_ASSERT_EQUAL(f.d.count[CHK_BAD_USER], 6);
	/* bad specs change nothing: the first one stays */
	CU_ASSERT_EQUAL(f.cfg->settings.user.uid, 7);
	fx_end(&f);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"device specs", test_specs},
		{"bad device specs", test_bad_specs},
		{"allow sets and devices", test_allow_sets},
		{"numbers in allow lines", test_allow_numbers},
		{"ambiguous-radix: addresses only", test_ambiguous_radix},
		{"vtd parameters", test_vtd},
		{"armsmmuv3 parameters", test_armsmmuv3},
		{"armsmmu parameters", test_armsmmu},
		{"rcar3 parameters", test_rcar3},
		{"current smmu and device", test_context},
		{"guest mode", test_guest},
		{"settings", test_settings},
		{"user", test_user},
	};

	return CU_RUN("sema", cases);
}
