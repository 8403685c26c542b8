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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot.h"
#include "boot_int.h"
#include "log.h"
#include "privdrop.h"
#include "safety.h"
#include "vtd_blob.h"

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
		if (drv_block_all(b, i))
			log_msg(LOG_LVL_ERR, "unit %s: could not block DMA", b->units[i].name);
	b->dss = true;
	log_dss("%s", why);
	return status;
}

int boot_prepare(struct boot *b, const struct boot_opts *o)
{
	struct stat st;
	int fd;

	memset(b, 0, sizeof(*b));
	b->o = *o;
	if (!strcmp(o->backend, "sim"))
		b->be = &backend_sim;
	else if (!strcmp(o->backend, "vtd"))
		b->be = &backend_vtd;
	else {
		fprintf(stderr, "smmuman: unknown backend '%s' (sim or vtd)\n", o->backend);
		return -1;
	}
	b->syslog_ok = log_open("smmuman", o->syslog_socket, o->log_file);
	log_set_debug(o->verbose);

	b->blob_err = -SMMUB_ERR_TRUNCATED;
	fd = open(o->blob_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		b->blob_err = -errno;
	} else if (st.st_size <= 0) {
		b->blob_err = -SMMUB_ERR_TRUNCATED;
	} else {
		b->map_len = (size_t)st.st_size;
		b->map = mmap(NULL, b->map_len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (b->map == MAP_FAILED) {
			b->map = NULL;
			b->blob_err = -errno;
		} else {
			/*
			 * The structure now, the CRC in boot_tables, before any
			 * page is written. Until then only what shapes the
			 * start-up report is read (debug level, foreground,
			 * message-block-timeout); nothing that grants DMA, weighs
			 * safety or drops privileges.
			 */
			b->blob_err = smmub_validate_structure(b->map, b->map_len, &b->v,
							       &b->blob_bad_offset);
		}
	}
	if (fd >= 0)
		close(fd);
	b->blob_ok = b->blob_err == 0;
	if (b->blob_ok) {
		unsigned dbg = smmub_le32(smmub_settings(&b->v)->debug);

		log_set_debug(dbg > o->verbose ? dbg : o->verbose);
	}
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
	/* positive errno from open/mmap, negative reader codes */
	return err < 0 && -err < SMMUB_ERR_MAX ? smmub_strerror(err) : strerror(-err);
}

static int check_safety(struct boot *b)
{
	const struct component comps[] = {
		{ "smmuman", safety_build },
		{ b->be->component, b->be->safety_variant },
		{ "smmucc", safety_blob_from_safety_compiler(&b->v) },
	};
	char why[256];

	if (safety_check(&b->v, safety_build, comps, sizeof(comps) / sizeof(comps[0]), why,
			 sizeof(why)))
		return boot_dss(b, BOOT_DSS_SAFETY, "%s", why);
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
	int st;

	b->nunits = b->be->open(&b->o.args, b->blob_ok ? &b->v : NULL, b->units, RT_MAX_UNITS,
				why, sizeof(why));
	if (b->nunits <= 0) {
		b->nunits = 0;
		return boot_dss(b, BOOT_DSS_NO_UNIT, "no IOMMU unit found%s%s", *why ? ": " : "",
				why);
	}
	for (int i = 0; i < b->nunits; i++) {
		char pwhy[256];

		st = drv_probe(b, i, pwhy, sizeof(pwhy));
		if (st)
			return boot_dss(b, st, "%s", pwhy);
	}
	if (*why)
		return boot_dss(b, BOOT_DSS_NO_UNIT, "%s", why);
	if (!b->blob_ok)
		return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: %s at offset %llu",
				b->o.blob_path, blob_errtext(b->blob_err),
				(unsigned long long)b->blob_bad_offset);
	if (b->v.flags & SMMUB_F_GUEST)
		b->o.args.guest = true;
	/* tables first: their copy checks the blob's CRC, before any record is trusted */
	if ((st = boot_tables(b)))
		return st;
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
	for (int i = 0; i < b->nunits; i++)
		if ((st = drv_enable(b, i)))
			return boot_dss(b, st, "unit %s at 0x%llx: enabling translation failed: %s",
					b->units[i].name, (unsigned long long)b->units[i].reg_base,
					st == BOOT_DSS_TIMEOUT ? "a register command timed out"
							       : "the unit refused");
	if (privdrop(&b->v, why, sizeof(why)))
		return boot_dss(b, BOOT_DSS_USER, "%s", why);
	log_msg(LOG_LVL_INFO, "policy %s: %u devices, %u domains on %d unit%s; translation enabled",
		b->o.blob_path, smmub_count(&b->v, SMMUB_SEC_DEVICES),
		smmub_count(&b->v, SMMUB_SEC_DOMAINS), b->nunits, b->nunits == 1 ? "" : "s");
	return BOOT_OK;
}

void boot_finish(struct boot *b)
{
	if (b->nunits && b->be->close)
		b->be->close(b->units, (size_t)b->nunits);
	for (int i = 0; i < RT_MAX_UNITS; i++)
		free(b->drv[i]);
	if (b->map)
		munmap(b->map, b->map_len);
	log_close();
}
