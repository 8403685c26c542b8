/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>

#include "util/escape.h"
#include "iommu/fault_fmt.h"
#include "iommu/probe.h"
#include "iommu/streams.h"

/*
 * "pci:0:5.0 (as pci:0:*, allow foo, x.smmu:5)" or "(not in the policy)";
 * stream: "StreamID 9, " in the parentheses.
 */
static int name_device(const struct smmub_view *v, const struct probe *p, const char *stream,
		       char *buf, size_t size)
{
	char bdf[32];
	int dev = p->mem ? smmub_lookup_mem(v, p->mmio) : smmub_lookup_pci(v, p->sid);
	const struct smmub_device *dv;
	const struct smmub_symbol *s;
	const char *spec, *set = NULL;

	probe_device_name(p, bdf, sizeof(bdf));
	if (dev < 0)
		return snprintf(buf, size, "%s (%snot in the policy)", bdf, stream);
	dv = smmub_device(v, (uint32_t)dev);
	s = smmub_sym(v, smmub_le32(dv->sym));
	spec = smmub_str(v, smmub_le32(s->name));
	if (smmub_le32(dv->set) != SMMUB_NONE)
		set = smmub_str(v, smmub_le32(smmub_set(v, smmub_le32(dv->set))->name));
	char as[160] = "", grants[160], e[160];

	if (smmub_le32(dv->kind) != SMMUB_DEV_PCI_FUNC && smmub_le32(dv->kind) != SMMUB_DEV_MEM)
		snprintf(as, sizeof(as), "as %s, ", esc_str(spec, e, sizeof(e)));
	if (set)
		snprintf(grants, sizeof(grants), "allow %s", esc_str(set, e, sizeof(e)));
	else
		snprintf(grants, sizeof(grants), "no allow set");
	return snprintf(buf, size, "%s (%s%s%s, %s:%u)", bdf, stream, as, grants,
			esc_str(smmub_str(v, smmub_le32(s->file)), e, sizeof(e)),
			smmub_le32(s->line));
}

int fault_format(const struct smmub_view *v, const struct iommu_fault *f, char *buf, size_t size)
{
	struct probe p = { .sid = f->sid, .addr = f->addr, .write = f->write };
	struct probe_answer a;
	char dev[512], why[600] = "", stream[32] = "", many[64] = "";

	if (f->stream) {
		snprintf(stream, sizeof(stream), "StreamID %u, ", f->sid);
		if (iommu_stream_device(v, f->sid, &p.mem, &p.sid, &p.mmio))
			return snprintf(buf, size, "StreamID %u (not in the policy) denied: %s "
					"(event 0x%x)", f->sid,
					f->reason_text ? f->reason_text : "fault", f->reason);
	}
	name_device(v, &p, stream, dev, sizeof(dev));
	if (f->count > 1 && f->has_addr)
		snprintf(many, sizeof(many), " (%u records, to 0x%llx)", f->count,
			 (unsigned long long)f->last_addr);
	else if (f->count > 1)
		snprintf(many, sizeof(many), " (%u records)", f->count);
	if (f->stream && !f->has_addr)
		return snprintf(buf, size, "%s denied: %s (event 0x%x)%s", dev,
				f->reason_text ? f->reason_text : "fault", f->reason, many);
	probe_policy(v, &p, &a);
	if (a.verdict == PROBE_DENY_PERM && a.rule != SMMUB_NONE) {
		char rule[512];

		probe_rule_name(v, a.rule, rule, sizeof(rule));
		snprintf(why, sizeof(why), "; %s grants %s", rule,
			 a.region_perms & SMMUB_PERM_R ? "read only" : "write only");
	} else if (a.verdict == PROBE_DENY_OUTSIDE) {
		snprintf(why, sizeof(why), "; outside its grants");
	}
	return snprintf(buf, size, "%s denied %s at 0x%llx: %s (%s 0x%x)%s%s", dev,
			f->write ? "write" : "read", (unsigned long long)f->addr,
			f->reason_text ? f->reason_text : "fault", f->stream ? "event" : "reason",
			f->reason, why, many);
}
