/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tables at boot: the prebuilt pages when every unit honours their
 * contract (copy, relocate, flush), otherwise a rebuild from the policy
 * records with the builder the compiler used, straight into table memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/boot_int.h"
#include "util/escape.h"
#include "iommu/fdt_regions.h"
#include "daemon/log.h"
#include "util/readall.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_bootcheck.h"
#include "vtd/vtd_policy.h"
#include "vtd/vtd_regs.h"

const char *boot_sym_loc(const struct boot *b, uint32_t i)
{
	static char buf[2][512];
	static int k;
	const struct smmub_symbol *s = smmub_sym(&b->v, i);
	char e[480];

	k ^= 1;
	if (!s)
		return "?";
	snprintf(buf[k], sizeof(buf[k]), "%s:%u",
		 esc_str(smmub_str(&b->v, smmub_le32(s->file)), e, sizeof(e)), smmub_le32(s->line));
	return buf[k];
}

/* The device tree for late binding, read whole once. */
struct late_fdt {
	void *buf;
	size_t len;
	const char *path;
};

static int late_lookup(void *arg, const char *name, uint64_t *start, uint64_t *length)
{
	struct late_fdt *f = arg;

	if (!f->buf)
		return -1;
	return fdt_region_find(f->buf, f->len, name, start, length);
}

/* The live device tree is tens of KiB, and sysfs gives a page per read(). */
#define LATE_FDT_MAX_BYTES (64u << 20)

/* 0, or the Design Safe State naming the device tree that cannot be read */
static int late_load(struct boot *b, struct late_fdt *f)
{
	f->buf = read_file_max(f->path, LATE_FDT_MAX_BYTES, &f->len);
	if (f->buf && !f->len) {
		free(f->buf);
		f->buf = NULL;
		errno = ENODATA;
	}
	if (!f->buf)
		return boot_dss(b, BOOT_DSS_LATE, "cannot read the device tree %s: %s", f->path,
				errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
	return 0;
}

/* Can every unit walk the prebuilt tables? */
static bool contract_holds(struct boot *b, const struct vtd_tables_view *t, char *why,
			   size_t whylen)
{
	for (int i = 0; i < b->nunits; i++) {
		const struct drv_caps *c = drv_caps(b, i);
		unsigned need = t->levels == 4 ? VTD_SAGAW_48 : VTD_SAGAW_39;

		if (!(c->sagaw & need)) {
			snprintf(why, whylen, "blob tables are %u-level, unit %s offers SAGAW 0x%x",
				 t->levels, b->units[i].name, c->sagaw);
			return false;
		}
		if (((t->sizes_used & SMMUB_VTD_PGSZ_2M) && !c->sp2m) ||
		    ((t->sizes_used & SMMUB_VTD_PGSZ_1G) && !c->sp1g)) {
			snprintf(why, whylen, "blob tables use %s pages, unit %s does not support them",
				 t->sizes_used & SMMUB_VTD_PGSZ_1G ? "1 GiB" : "2 MiB",
				 b->units[i].name);
			return false;
		}
	}
	return true;
}

/* The profile every unit supports, keeping what the integrator allowed. */
static int common_profile(struct boot *b, const struct vtd_tables_view *t,
			  struct vtd_profile *p)
{
	unsigned sagaw = VTD_SAGAW_39 | VTD_SAGAW_48;
	bool sp2m = !t->present || (t->sizes_allowed & SMMUB_VTD_PGSZ_2M);
	bool sp1g = t->present && (t->sizes_allowed & SMMUB_VTD_PGSZ_1G);

	for (int i = 0; i < b->nunits; i++) {
		sagaw &= drv_caps(b, i)->sagaw;
		sp2m = sp2m && drv_caps(b, i)->sp2m;
		sp1g = sp1g && drv_caps(b, i)->sp1g;
	}
	if (t->present && (sagaw & (t->levels == 4 ? VTD_SAGAW_48 : VTD_SAGAW_39)))
		p->levels = t->levels;
	else if (sagaw & VTD_SAGAW_48)
		p->levels = 4;
	else if (sagaw & VTD_SAGAW_39)
		p->levels = 3;
	else
		return -1;
	p->sp2m = sp2m;
	p->sp1g = sp1g;
	return 0;
}

/* The whole blob's CRC, where no copy reads it anyway. */
static int check_crc(struct boot *b)
{
	const struct smmub_header *h = (const void *)b->v.base;

	if (!b->crc_ok && smmub_compute_crc(b->v.base, b->v.size) != smmub_le32(h->crc32c))
		return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: %s at offset %zu",
				b->o.blob_path, smmub_strerror(-SMMUB_ERR_BADCRC),
				offsetof(struct smmub_header, crc32c));
	b->crc_ok = true;
	return BOOT_OK;
}

/*
 * Tables the boot-time proof refused (vtd_bootcheck.h): nothing was
 * enabled yet, and boot_dss blocks every unit. The line names the entry.
 */
static int refused(struct boot *b, bool prebuilt, int err, const struct vtd_bc_bad *bad)
{
	char msg[320];

	vtd_bootcheck_msg(err, bad, msg, sizeof(msg));
	if (prebuilt)
		return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: VT-d tables refused: %s",
				b->o.blob_path, msg);
	return boot_dss(b, BOOT_DSS_INTERNAL, "VT-d tables built at boot refused: %s", msg);
}

/* No leaf may map any unit's table memory (the grow-heap reserve is inside it). */
static struct vtd_bc_range *forbidden(const struct boot *b)
{
	struct vtd_bc_range *f = calloc((size_t)b->nunits + 1, sizeof(*f));

	for (int i = 0; f && i < b->nunits; i++)
		f[i] = (struct vtd_bc_range){ b->units[i].io.table_phys,
					      b->units[i].io.table_size + b->units[i].io.table_held };
	return f;
}

/* Copies (or builds) into each distinct table memory, relocates, proves, flushes. */
static int install_units(struct boot *b, const struct vtd_tables_view *t,
			 const struct vtd_input *in, uint64_t reserve,
			 const struct vtd_bc_range *forbid)
{
	struct vtd_bc_bad bad;

	for (int i = 0; i < b->nunits; i++) {
		struct unit_io *io = &b->units[i].io;
		uint64_t room = io->table_size > reserve ? io->table_size - reserve : 0;
		bool again = false;
		int rc;

		for (int k = 0; k < i && b->be->shared_table_memory; k++)
			again |= b->units[k].io.table_phys == io->table_phys;
		if (again)
			continue; /* one carve-out: already there, and maybe live */
		if (t) {
			uint64_t bytes = (uint64_t)t->npages * VTD_PAGE_SIZE;

			if (bytes > room)
				return boot_dss(b, BOOT_DSS_TABLE_MEMORY,
						"tables need %llu bytes, table memory has %llu",
						(unsigned long long)bytes, (unsigned long long)room);
			rc = vtd_tables_install_proven(&b->v, t, io->table_mem, io->table_phys,
						       !b->crc_ok, forbid, (size_t)b->nunits, &bad);
			if (rc == -SMMUB_ERR_BADCRC)
				return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: %s at offset %zu",
						b->o.blob_path, smmub_strerror(-SMMUB_ERR_BADCRC),
						offsetof(struct smmub_header, crc32c));
			if (rc)
				return refused(b, true, rc, &bad);
			b->crc_ok = true;
			b->pool_first = bytes;
		} else {
			struct vtd_build_out out = { 0 };
			struct vtd_bc_tables tb;
			size_t pages = room / VTD_PAGE_SIZE;

			rc = vtd_build_at(&in->pol, io->table_mem, pages, &out);
			if (rc == -EINVAL)
				return boot_dss(b, BOOT_DSS_CAPS,
						"the policy cannot be built for this unit");
			if (rc == -ENOSPC)
				return boot_dss(b, BOOT_DSS_TABLE_MEMORY,
						"tables need %zu pages, table memory has %zu",
						out.npages, pages);
			if (rc)
				return boot_dss(b, BOOT_DSS_INTERNAL, "rebuilding the tables failed");
			vtd_relocate(io->table_mem, out.npages, out.relocs, out.nrelocs,
				     io->table_phys);
			tb = (struct vtd_bc_tables){ .mem = io->table_mem, .phys = io->table_phys,
						     .npages = (uint32_t)out.npages,
						     .levels = in->pol.prof.levels,
						     .sizes = VTD_PGSZ_4K, .relocs = out.relocs,
						     .nrelocs = out.nrelocs, .forbid = forbid,
						     .nforbid = (size_t)b->nunits };
			tb.sizes |= (in->pol.prof.sp2m ? VTD_PGSZ_2M : 0) |
				    (in->pol.prof.sp1g ? VTD_PGSZ_1G : 0);
			rc = vtd_bootcheck(&tb, NULL, &in->pol, &bad);
			free(out.relocs);
			if (rc)
				return refused(b, false, rc, &bad);
			b->pool_first = out.npages * VTD_PAGE_SIZE;
		}
		if (io->flush)
			io->flush(io->ctx, io->table_mem, b->pool_first);
	}
	return BOOT_OK;
}

static int install(struct boot *b, const struct vtd_tables_view *t, const struct vtd_input *in,
		   uint64_t reserve)
{
	struct vtd_bc_range *forbid = forbidden(b);
	int rc = forbid ? install_units(b, t, in, reserve, forbid)
			: boot_dss(b, BOOT_DSS_INTERNAL, "out of memory");

	free(forbid);
	return rc;
}

int boot_tables(struct boot *b)
{
	const struct smmub_settings *st = smmub_settings(&b->v);
	uint64_t reserve = smmub_le32(st->flags) & SMMUB_SET_GROW_HEAP ? smmub_le64(st->grow_heap)
								       : 0;
	struct vtd_tables_view t;
	struct vtd_input in;
	struct vtd_profile prof;
	struct late_fdt fdt = { .path = b->o.asinfo ? b->o.asinfo : "/sys/firmware/fdt" };
	uint64_t bad = 0;
	char why[256];
	bool late = b->v.flags & SMMUB_F_LATE_BOUND;
	const struct rt_rmrr *rr = NULL;
	size_t nrr = 0;
	int rc;

	if (vtd_tables_view(&b->v, &t, &bad))
		return boot_dss(b, BOOT_DSS_BLOB, "policy blob %s: VT-d tables inconsistent at offset %llu",
				b->o.blob_path, (unsigned long long)bad);
	if (reserve) {
		/* grow-heap: the runtime's own pool, carved off the end and touched now */
		if (reserve >= b->units[0].io.table_size)
			return boot_dss(b, BOOT_DSS_TABLE_MEMORY,
					"grow-heap %llu bytes does not fit in %llu bytes of table memory",
					(unsigned long long)reserve,
					(unsigned long long)b->units[0].io.table_size);
		memset(b->units[0].io.table_mem + b->units[0].io.table_size - reserve, 0, reserve);
		log_msg(LOG_LVL_INFO, "grow-heap: reserved %llu bytes of table memory",
			(unsigned long long)reserve);
	}
	if (!b->o.args.guest && b->be->firmware_reserved)
		nrr = b->be->firmware_reserved(&rr);
	if (nrr)
		log_msg(LOG_LVL_INFO, "firmware reserves %zu region%s (RMRR): the tables are built "
			"at boot with them", nrr, nrr == 1 ? "" : "s");
	/* the records decide what is refused: their CRC first, then the grants as bound */
	if ((rc = check_crc(b)))
		return rc;
	if (late && (rc = late_load(b, &fdt)))
		return rc;
	if ((rc = boot_check_table_memory(b, late_lookup, &fdt, rr, nrr))) {
		free(fdt.buf);
		return rc;
	}
	if (t.present && !late && !b->o.args.guest && !nrr &&
	    contract_holds(b, &t, why, sizeof(why))) {
		log_msg(LOG_LVL_DEBUG1, "installing %u prebuilt table pages (%u relocations)",
			t.npages, t.nrelocs);
		return install(b, &t, NULL, reserve);
	}
	if (t.present && !late && !b->o.args.guest && !nrr)
		log_msg(LOG_LVL_WARN, "capability mismatch: %s; rebuilding the tables", why);
	else if (b->o.args.guest)
		log_msg(LOG_LVL_INFO, "guest: building tables without reserved regions");
	if ((rc = check_crc(b)))
		return rc;
	if (common_profile(b, &t, &prof)) {
		free(fdt.buf);
		return boot_dss(b, BOOT_DSS_CAPS, "no page-table format that every unit supports "
				"(SAGAW has neither 39 nor 48 bits)");
	}
	rc = b->o.args.guest ? vtd_input_guest(&b->v, &prof, late_lookup, &fdt, &in, why, sizeof(why))
			     : vtd_input_from_blob(&b->v, &prof, late_lookup, &fdt, &in, why,
						   sizeof(why));
	/* kept for --probe: its answers come from the tree the boot bound names from */
	b->late_fdt = fdt.buf;
	b->late_fdt_len = fdt.len;
	if (rc)
		return boot_dss(b, late ? BOOT_DSS_LATE : BOOT_DSS_INTERNAL, "%s%s%s", why,
				late ? " in " : "", late ? fdt.path : "");
	for (size_t i = 0; i < nrr; i++) {
		log_msg(LOG_LVL_INFO, "RMRR 0x%llx-0x%llx reserved for %02x:%02x.%u",
			(unsigned long long)rr[i].base, (unsigned long long)rr[i].limit,
			rr[i].sid >> 8, (rr[i].sid >> 3) & 31, rr[i].sid & 7);
		if (vtd_input_add_reserved(&in, rr[i].sid, rr[i].base,
					   rr[i].limit - rr[i].base + 1)) {
			vtd_input_free(&in);
			return boot_dss(b, BOOT_DSS_INTERNAL, "cannot add the firmware's RMRRs");
		}
	}
	b->built_domains = in.pol.ndomains;
	rc = install(b, NULL, &in, reserve);
	if (!rc)
		log_msg(LOG_LVL_INFO, "built %llu table pages at boot (%u-level%s%s)",
			(unsigned long long)(b->pool_first / VTD_PAGE_SIZE), prof.levels,
			prof.sp2m ? ", 2 MiB" : "", prof.sp1g ? ", 1 GiB" : "");
	vtd_input_free(&in);
	return rc;
}
