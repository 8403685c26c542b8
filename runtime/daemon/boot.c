/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuman's boot path (see boot.h). The order matters and is the point:
 * units are found before anything else can fail, so that every later
 * failure can block them; tables are in place and invalidated before
 * translation is enabled; privileges are dropped only once the hardware
 * is set up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/boot.h"
#include "daemon/boot_int.h"
#include "daemon/log.h"
#include "daemon/privdrop.h"
#include "daemon/server.h"
#include "util/readall.h"
#include "daemon/safety.h"
#include "iommu/fdt_regions.h"

#ifdef SMMU_SAFETY_VARIANT
static const bool safety_build = true;
#else
static const bool safety_build = false;
#endif

int boot_dss(struct boot *b, int status, const char *fmt, ...)
{
	char why[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* block first, talk after: DMA must stop even if logging hangs */
	for (int i = 0; i < b->nunits; i++)
		b->units[i].blocked = drv_block_all(b, i) == 0;
	for (int i = 0; i < b->nunits; i++)
		if (b->units[i].blocked)
			log_msg(LOG_LVL_DEBUG1, "unit %s at 0x%llx: all DMA blocked",
				b->units[i].name, (unsigned long long)b->units[i].reg_base);
		else
			log_msg(LOG_LVL_ERR, "unit %s: could not block DMA", b->units[i].name);
	b->dss = true;
	log_dss("%s", why);
	return status;
}

/* The units' log of what an architecture says (iommu_log). */
static void arch_log(int level, const char *msg)
{
	log_msg(level == IOMMU_LOG_WARN ? LOG_LVL_WARN
		: level == IOMMU_LOG_INFO ? LOG_LVL_INFO : LOG_LVL_DEBUG1, "%s", msg);
}

int boot_prepare(struct boot *b, const struct boot_opts *o)
{
	enum backend_kind kind;

	memset(b, 0, sizeof(*b));
	b->o = *o;
	/* "vtd" was the name of /dev/mem access when VT-d was the only architecture */
	if (!strcmp(o->backend, "sim"))
		kind = BACKEND_SIM;
	else if (!strcmp(o->backend, "devmem") || !strcmp(o->backend, "vtd"))
		kind = BACKEND_DEVMEM;
	else {
		fprintf(stderr, "smmuman: unknown backend '%s' (sim or devmem)\n", o->backend);
		return -1;
	}
	b->syslog_ok = log_open("smmuman", o->syslog_socket, o->log_file);
	log_set_debug(o->verbose);
	iommu_set_log(arch_log);
	boot_phase(b, "log open");

	/*
	 * Read once into private memory, and the file is never touched again:
	 * a mapping would die of SIGBUS when the file shrinks, and follow it
	 * when it is rewritten between validation and use.
	 */
	b->map = read_file_max(o->blob_path, SMMUB_MAX_READ, &b->map_len);
	if (!b->map) {
		b->blob_err = errno; /* positive: a system error, not the reader's */
	} else if (!b->map_len) {
		b->blob_err = -SMMUB_ERR_TRUNCATED;
	} else {
		/*
		 * The structure now, the CRC in boot_tables, before any page
		 * is written. Until then only what shapes the start-up report
		 * is read (debug level, foreground, message-block-timeout, the
		 * architecture); nothing that grants DMA, weighs safety or
		 * drops privileges.
		 */
		b->blob_err = smmub_validate_structure(b->map, b->map_len, &b->v,
						       &b->blob_bad_offset);
	}
	b->blob_ok = b->blob_err == 0;
	if (b->blob_ok) {
		unsigned dbg = smmub_le32(smmub_settings(&b->v)->debug);

		log_set_debug(dbg > o->verbose ? dbg : o->verbose);
	}
	/* a bad blob names none: the platform's own units are blocked */
	b->arch = b->blob_ok ? iommu_arch_for_blob(&b->v, b->arch_why, sizeof(b->arch_why))
			     : iommu_arch_default();
	b->be = b->arch ? b->arch->backends[kind] : NULL;
	boot_phase(b, "blob read and checked");
	if (b->arch && !b->be)
		snprintf(b->arch_why, sizeof(b->arch_why), "this build has no %s access to %s units",
			 o->backend, b->arch->name);
	return 0;
}

bool boot_wants_foreground(const struct boot *b)
{
	return b->blob_ok &&
	       (smmub_le32(smmub_settings(&b->v)->flags) & SMMUB_SET_FOREGROUND);
}

unsigned boot_message_timeout(const struct boot *b)
{
	return b->blob_ok ? smmub_le32(smmub_settings(&b->v)->message_block_timeout) : 100;
}

static const char *blob_errtext(int err)
{
	/* positive errno from reading the file, negative reader codes */
	return err < 0 ? smmub_strerror(err) : strerror(err);
}

static int check_safety(struct boot *b)
{
	const struct component comps[] = {
		{ "smmuman", safety_build },
		{ b->be->component, safety_build && !b->be->model },
		{ "smmucc", safety_blob_from_safety_compiler(&b->v) },
	};
	char why[256];

	if (safety_check(&b->v, safety_build, comps, sizeof(comps) / sizeof(comps[0]), why,
			 sizeof(why)))
		return boot_dss(b, BOOT_DSS_SAFETY, "%s", why);
	b->safe = comps[0].safety_variant && comps[1].safety_variant && comps[2].safety_variant;
	return 0;
}

/* In a guest the host owns these: say what is being ignored. */
static void list_guest_ignored(struct boot *b)
{
	uint32_t n;

	n = smmub_count(&b->v, SMMUB_SEC_SMMUS);
	for (uint32_t i = 0; i < n; i++)
		log_msg(LOG_LVL_INFO, "guest: ignoring smmu line %s",
			boot_sym_loc(b, smmub_le32(smmub_smmu(&b->v, i)->sym)));
	n = smmub_count(&b->v, SMMUB_SEC_UNITS);
	for (uint32_t i = 0; i < n; i++)
		log_msg(LOG_LVL_INFO, "guest: ignoring unit %s at %s",
			smmub_str(&b->v, smmub_le32(smmub_unit(&b->v, i)->name)),
			boot_sym_loc(b, smmub_le32(smmub_unit(&b->v, i)->sym)));
	n = smmub_count(&b->v, SMMUB_SEC_DEVICES);
	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_device *dv = smmub_device(&b->v, i);

		if (smmub_le32(dv->use_sym) != SMMUB_NONE)
			log_msg(LOG_LVL_INFO, "guest: ignoring use line %s",
				boot_sym_loc(b, smmub_le32(dv->use_sym)));
	}
	n = smmub_count(&b->v, SMMUB_SEC_RULES);
	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_rule *r = smmub_rule(&b->v, i);

		if (smmub_le32(r->flags) & SMMUB_RULE_RESERVED)
			log_msg(LOG_LVL_INFO, "guest: ignoring reserved line %s",
				boot_sym_loc(b, smmub_le32(r->sym)));
	}
}

int boot_run(struct boot *b)
{
	char why[512] = "";
	bool early;
	int st;

	/* never another architecture's units, nor its model: nothing to program */
	if (!b->be)
		return boot_dss(b, BOOT_DSS_NO_UNIT, "policy blob %s: %s: no unit programmed, "
				"none blocked", b->o.blob_path, b->arch_why);
	b->nunits = b->be->open(&b->o.args, b->blob_ok ? &b->v : NULL, &b->units, why,
				sizeof(why));
	if (b->nunits <= 0) {
		b->nunits = 0;
		free(b->units);
		b->units = NULL;
		return boot_dss(b, BOOT_DSS_NO_UNIT, "no IOMMU unit found%s%s", *why ? ": " : "",
				why);
	}
	/* without its capabilities a unit can still be blocked (the driver reads them) */
	for (int i = 0; i < b->nunits; i++) {
		char pwhy[256];

		st = drv_probe(b, i, pwhy, sizeof(pwhy));
		if (st)
			return boot_dss(b, st, "%s", pwhy);
	}
	if (*why)
		return boot_dss(b, BOOT_DSS_NO_UNIT, "%s", why);
	boot_phase(b, "units found");
	/* the tables name requester ids of segment 0: on another segment they
	 * would grant its devices what segment 0's devices of the same id get */
	for (int i = 0; i < b->nunits; i++)
		if (b->units[i].segment)
			return boot_dss(b, BOOT_DSS_CAPS, "unit %s at 0x%llx is on PCI segment %u: "
					"smmuman builds tables for segment 0 only",
					b->units[i].name, (unsigned long long)b->units[i].reg_base,
					b->units[i].segment);
	if (b->blob_err == EFBIG)
		return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: larger than %u MiB, the most "
				"smmuman reads", b->o.blob_path, SMMUB_MAX_READ >> 20);
	if (!b->blob_ok)
		return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: %s at offset %llu",
				b->o.blob_path, blob_errtext(b->blob_err),
				(unsigned long long)b->blob_bad_offset);
	if ((st = drv_hold_restart(b)))
		return boot_dss(b, st, "a unit already translating could not be held blocked "
				"for the restart");
	if (b->v.flags & SMMUB_F_GUEST)
		b->o.args.guest = true;
	/* tables first: their copy checks the blob's CRC, before any record is trusted */
	if ((st = boot_tables(b)))
		return boot_dss(b, st, "%s", b->why);
	boot_phase(b, "tables installed");
	if (b->o.args.guest)
		list_guest_ignored(b);
	if ((st = check_safety(b)))
		return st;
	if (!b->syslog_ok) {
		if (smmub_le32(smmub_settings(&b->v)->flags) & SMMUB_SET_SLOGGER2_REQUIRED)
			return boot_dss(b, BOOT_DSS_SYSLOG,
					"the system log is unreachable and slogger2-required is on");
		log_msg(LOG_LVL_WARN, "the system log is unreachable; logging to stderr only");
	}
	/* the starting process bounds what follows with message-block-timeout */
	early = boot_abort;
	boot_phase(b, "enabling");
	if (b->o.progress_fd >= 0) {
		unsigned char m = BOOT_MSG_PROGRAMMING;

		if (write(b->o.progress_fd, &m, 1) != 1)
			log_msg(LOG_LVL_WARN, "cannot report progress: %s", strerror(errno));
	}
	for (int i = 0; i <= b->nunits; i++) {
		/* the starting process gave up: it says DSS, so every unit must be blocked */
		if (boot_abort && early)
			return boot_dss(b, BOOT_DSS_TIMEOUT, "start-up took longer than its bound "
					"before programming the units: all DMA blocked");
		if (boot_abort)
			return boot_dss(b, BOOT_DSS_TIMEOUT, "start-up took longer than "
					"message-block-timeout (%u ms): all DMA blocked",
					boot_message_timeout(b));
		if (i < b->nunits && (st = drv_enable(b, i)))
			return boot_dss(b, st, "unit %s at 0x%llx: enabling translation failed: %s",
					b->units[i].name, (unsigned long long)b->units[i].reg_base,
					st == BOOT_DSS_TIMEOUT ? "a register command timed out"
							       : "the unit refused");
	}
	boot_phase(b, "translation on");
	/* the socket's directory may be root's: before privileges go */
	server_open(b);
	if (privdrop(&b->v, why, sizeof(why)))
		return boot_dss(b, BOOT_DSS_USER, "%s", why);
	/* what the tables hold: firmware reserved regions may have split domains */
	log_msg(LOG_LVL_INFO, "policy %s: %u devices, %zu domains on %d unit%s; translation enabled",
		b->o.blob_path, smmub_count(&b->v, SMMUB_SEC_DEVICES),
		b->built_domains ? b->built_domains : smmub_count(&b->v, SMMUB_SEC_DOMAINS),
		b->nunits, b->nunits == 1 ? "" : "s");
	return BOOT_OK;
}

int boot_block_units(struct boot *b, int status, const char *why)
{
	char owhy[512] = "";

	/* the units as boot_run finds them, opened again by this process */
	if (!b->be)
		return boot_dss(b, BOOT_DSS_NO_UNIT, "%s; and %s", why, b->arch_why);
	if (!b->nunits) {
		b->nunits = b->be->open(&b->o.args, b->blob_ok ? &b->v : NULL, &b->units, owhy,
					sizeof(owhy));
		if (b->nunits < 0)
			b->nunits = 0;
	}
	if (!b->nunits)
		return boot_dss(b, BOOT_DSS_NO_UNIT, "%s; and no IOMMU unit found to block%s%s",
				why, *owhy ? ": " : "", owhy);
	return boot_dss(b, status, "%s", why);
}

void boot_finish(struct boot *b)
{
	server_close(b);
	for (int i = 0; b->arch && i < b->nunits; i++)
		b->arch->unit_release(&b->units[i]);
	if (b->be && b->be->close)
		b->be->close(b->units, (size_t)b->nunits);
	free(b->units);
	free(b->map);
	fdt_region_index_free(b->late_ix);
	free(b->late_fdt);
	log_close();
}
