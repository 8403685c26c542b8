/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * asinfo map from a device-tree blob: the children of /reserved-memory are
 * the regions, named by the rule of runtime/iommu/fdt_regions.h (node
 * name, name up to '@', label; NAME#N for entry N of a reg with several).
 * The same index answers smmuman's late binding at boot, so compile time
 * and boot read a device tree the same way. Real trees repeat names and
 * hold regions no policy can use (size 0, placed at boot, odd reg): none of
 * that is an error until a policy names it. The blob is untrusted input:
 * fdt_check_full() vets it before any read.
 */
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/asinfo_int.h"
#include "front/parse.h"
#include "iommu/fdt_regions.h"
#include "util/escape.h"

int asinfo_read_dtb(struct asinfo_map *m, const char *path, char *buf, size_t len,
		    struct diag_ctx *d)
{
	int ac = 0, sc = 0, rc;

	m->dtb = buf;
	rc = fdt_region_index(buf, len, &m->dt, &ac, &sc);
	if (rc == -FDT_ERR_NOSPACE) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	if (rc == -FDT_ERR_BADNCELLS) {
		diag_fatal(d, "%s: /reserved-memory: #address-cells and #size-cells must be 1 "
			   "or 2 (they are %d and %d)", path, ac, sc);
		return -1;
	}
	if (rc < 0) {
		/* the walk checked the whole blob first: say which failed */
		if (fdt_tree_check(buf, len) < 0)
			diag_fatal(d, "%s: not a valid device-tree blob: %s", path,
				   fdt_strerror(rc));
		else
			diag_fatal(d, "%s: /reserved-memory: %s", path, fdt_strerror(rc));
		return -1;
	}
	return 0;
}

/* Names in a message: escaped, each in a buffer of its own. */
#define ESC_NAME 256

/* "'a@1', 'a@2', and 3 more": the candidates of an ambiguous name. */
static void candidates(const struct fdt_lookup_result *res, char *out, size_t size)
{
	char e[ESC_NAME];
	size_t k, n = res->ncand < FDT_LOOKUP_MAX_CAND ? res->ncand : FDT_LOOKUP_MAX_CAND;
	int w;

	*out = '\0';
	for (k = 0; k < n; k++) {
		size_t used = strlen(out);

		w = snprintf(out + used, size - used, "%s'%s'", k ? ", " : "",
			     esc_str(res->cand[k]->node, e, sizeof(e)));
		if (w < 0 || (size_t)w >= size - used)
			return;
	}
	if (res->ncand > n) {
		size_t used = strlen(out);

		snprintf(out + used, size - used, ", and %zu more", res->ncand - n);
	}
}

/* The reason a lookup that found one region gives no place, for a message. */
static void why(const struct fdt_lookup_result *res, const char *ref, char *out, size_t size)
{
	const struct fdt_region *r = res->r;
	int one = (r->ac + r->sc) * 4;

	switch (res->status) {
	case FDT_LOOKUP_DYNAMIC:
		snprintf(out, size, "has no fixed address: the OS places it at boot (size, no "
			 "reg); bind it late (--late-bind, smmu(5) ASINFO)");
		break;
	case FDT_LOOKUP_NOREG:
		snprintf(out, size, "has neither reg nor size");
		break;
	case FDT_LOOKUP_BADREG:
		snprintf(out, size, "has a reg of %d bytes, not whole entries of %d "
			 "(#address-cells %d, #size-cells %d)", r->reg_len, one, r->ac, r->sc);
		break;
	case FDT_LOOKUP_SEVERAL:
		snprintf(out, size, "has %d reg entries: name one as '%s#0' to '%s#%d'",
			 res->nentries, ref, ref, res->nentries - 1);
		break;
	case FDT_LOOKUP_NO_ENTRY:
		snprintf(out, size, "has no reg entry %d (it has %d)", res->entry, res->nentries);
		break;
	case FDT_LOOKUP_EMPTY:
		snprintf(out, size, "has size 0");
		break;
	default: /* FDT_LOOKUP_WRAPS */
		snprintf(out, size, "goes past the 64-bit address space");
		break;
	}
}

int asinfo_dt_lookup(const struct asinfo_map *m, struct diag_ctx *d, const struct srcpos *pos,
		     const char *name, bool late_bind, uint64_t *start, uint64_t *length)
{
	struct fdt_lookup_result res;
	char ref[ESC_NAME], base[ESC_NAME], node[ESC_NAME], file[ESC_NAME], text[1024];
	enum fdt_lookup st = fdt_region_lookup(m->dt, name, &res);

	if (st == FDT_LOOKUP_OK) {
		*start = res.start;
		*length = res.size;
		return 0;
	}
	if (late_bind && (st == FDT_LOOKUP_NONE || st == FDT_LOOKUP_DYNAMIC))
		return 1;
	if (!d)
		return -1;
	esc_str(name, ref, sizeof(ref));
	esc_str(asinfo_file(m), file, sizeof(file));
	if (st == FDT_LOOKUP_NONE) {
		diag_report(d, CHK_UNRESOLVED_ASINFO, pos, "no asinfo region '%s' in %s", ref,
			    file);
	} else if (st == FDT_LOOKUP_AMBIGUOUS) {
		candidates(&res, text, sizeof(text));
		diag_report(d, CHK_UNRESOLVED_ASINFO, pos, "asinfo name '%s' is ambiguous in %s: "
			    "%zu regions have it: %s", ref, file, res.ncand, text);
	} else {
		/* NAME#N's advice names entries of NAME */
		snprintf(base, sizeof(base), "%s", ref);
		if (res.entry >= 0 && strrchr(base, '#'))
			*strrchr(base, '#') = '\0';
		why(&res, base, text, sizeof(text));
		diag_report(d, CHK_UNRESOLVED_ASINFO, pos, "asinfo region '%s' in %s (node '%s') "
			    "%s", ref, file, esc_str(res.r->node, node, sizeof(node)), text);
	}
	return -1;
}
