/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util/escape.h"
#include "iommu/probe.h"

/*
 * A probe number: 0x/0d prefixes, else the default radix; no multipliers
 * (probes name single addresses). Returns 0 and advances *s past it.
 */
static int pnum(const char **s, unsigned radix, uint64_t *out)
{
	const char *p = *s;
	uint64_t v = 0;
	int nd = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		radix = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'd' || p[1] == 'D')) {
		radix = 10;
		p += 2;
	}
	for (;; p++, nd++) {
		unsigned dg;

		if (isdigit((unsigned char)*p))
			dg = (unsigned)(*p - '0');
		else if (radix == 16 && isxdigit((unsigned char)*p))
			dg = (unsigned)(tolower((unsigned char)*p) - 'a' + 10);
		else
			break;
		if (v > (UINT64_MAX - dg) / radix)
			return -1;
		v = v * radix + dg;
	}
	if (!nd)
		return -1;
	*s = p;
	*out = v;
	return 0;
}

static int perr(char *err, size_t n, const char *msg, const char *line)
{
	snprintf(err, n, "%s in probe '%s'", msg, line);
	return -1;
}

int probe_parse(const char *line, struct probe *p, char *err, size_t errlen)
{
	const char *s = line;
	uint64_t b, d, f;

	memset(p, 0, sizeof(*p));
	while (isspace((unsigned char)*s))
		s++;
	if (!strncmp(s, "pci:", 4)) {
		s += 4;
		if (pnum(&s, 10, &b) || *s++ != ':' || pnum(&s, 10, &d) || *s++ != '.' ||
		    pnum(&s, 10, &f))
			return perr(err, errlen, "expected pci:BUS:DEV.FUNC", line);
		if (b > 255 || d > 31 || f > 7)
			return perr(err, errlen, "PCI bus/device/function out of range", line);
		p->sid = (uint16_t)(b << 8 | d << 3 | f);
	} else {
		if (!strncmp(s, "mem:", 4))
			s += 4;
		p->mem = true;
		if (pnum(&s, 16, &p->mmio))
			return perr(err, errlen, "expected pci:B:D.F or mem:PADDR", line);
	}
	if (!isspace((unsigned char)*s))
		return perr(err, errlen, "expected a space after the device", line);
	while (isspace((unsigned char)*s))
		s++;
	if (pnum(&s, 16, &p->addr))
		return perr(err, errlen, "expected an address", line);
	if (!isspace((unsigned char)*s))
		return perr(err, errlen, "expected r or w after the address", line);
	while (isspace((unsigned char)*s))
		s++;
	if ((*s != 'r' && *s != 'w') || (s[1] && !isspace((unsigned char)s[1])))
		return perr(err, errlen, "expected r or w", line);
	p->write = *s == 'w';
	for (s++; isspace((unsigned char)*s); s++)
		;
	if (*s)
		return perr(err, errlen, "trailing text", line);
	return 0;
}

char *probe_line(char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = 0;
	while (*line == ' ' || *line == '\t')
		line++;
	return *line && *line != '#' ? line : NULL;
}

/* Does rule r, widened to pages, cover addr? Late rules grant nothing here. */
static bool rule_covers(const struct smmub_rule *r, uint64_t addr)
{
	uint64_t s = smmub_le64(r->start), n = smmub_le64(r->length);
	uint64_t first, span;

	if (smmub_le32(r->flags) & SMMUB_RULE_LATE || !n)
		return false;
	/* offsets from the first page: no overflow even at the top of memory */
	first = s & ~(uint64_t)4095;
	span = ((s & 4095) + (n - 1)) | 4095;
	return addr >= first && addr - first <= span;
}

/* The device's rules: its set's, then its reserved ones, as {first, count}. */
static void device_rules(const struct smmub_view *v, const struct smmub_device *dv, uint32_t dev,
			 uint32_t ranges[2][2])
{
	uint32_t set = smmub_le32(dv->set);

	ranges[0][0] = ranges[0][1] = ranges[1][0] = ranges[1][1] = 0;
	if (set != SMMUB_NONE && smmub_set(v, set)) {
		ranges[0][0] = smmub_le32(smmub_set(v, set)->rule_first);
		ranges[0][1] = smmub_le32(smmub_set(v, set)->rule_count);
	}
	smmub_device_reserved(v, dev, &ranges[1][0], &ranges[1][1]);
}

/* First rule of the device's grants covering addr, preferring one with need. */
static uint32_t find_rule(const struct smmub_view *v, const struct smmub_device *dv,
			  uint32_t dev, uint64_t addr, uint32_t need)
{
	uint32_t ranges[2][2], covering = SMMUB_NONE;

	device_rules(v, dv, dev, ranges);
	for (int k = 0; k < 2; k++) {
		for (uint32_t i = 0; i < ranges[k][1]; i++) {
			const struct smmub_rule *r = smmub_rule(v, ranges[k][0] + i);

			if (!r || !rule_covers(r, addr))
				continue;
			if ((smmub_le32(r->perms) & need) == need)
				return ranges[k][0] + i;
			if (covering == SMMUB_NONE)
				covering = ranges[k][0] + i;
		}
	}
	return covering;
}

/* Does [s, s + n), widened to pages, cover addr? */
static bool span_covers(uint64_t s, uint64_t n, uint64_t addr)
{
	uint64_t first = s & ~(uint64_t)4095;

	return n && addr >= first && addr - first <= (((s & 4095) + (n - 1)) | 4095);
}

/*
 * The device's late-bound rules (its set's and its reserved ones): with
 * fn, the first that, as bound, covers addr with need (else the first
 * covering it at all) into *rule and its permissions into *perms. Returns
 * whether the device has late rules at all.
 */
static bool find_late(const struct smmub_view *v, const struct smmub_device *dv, uint32_t dev,
		      uint64_t addr, uint32_t need, smmub_asinfo_fn fn, void *arg, uint32_t *rule,
		      uint32_t *perms)
{
	uint32_t ranges[2][2];
	bool any = false;

	*rule = SMMUB_NONE;
	*perms = 0;
	device_rules(v, dv, dev, ranges);
	for (int k = 0; k < 2; k++) {
		for (uint32_t i = 0; i < ranges[k][1]; i++) {
			const struct smmub_rule *r = smmub_rule(v, ranges[k][0] + i);
			uint64_t s, n;
			uint32_t rp;
			char err[256];

			if (!r || !(smmub_le32(r->flags) & SMMUB_RULE_LATE))
				continue;
			any = true;
			if (!fn || smmub_rule_bound(v, ranges[k][0] + i, fn, arg, &s, &n, err,
						  sizeof(err)) || !span_covers(s, n, addr))
				continue;
			rp = smmub_le32(r->perms);
			if (*rule == SMMUB_NONE || ((rp & need) == need && (*perms & need) != need)) {
				*rule = ranges[k][0] + i;
				*perms = rp;
			}
		}
	}
	return any;
}

void probe_policy(const struct smmub_view *v, const struct probe *p, struct probe_answer *a)
{
	probe_policy_bound(v, p, NULL, NULL, a);
}

void probe_policy_bound(const struct smmub_view *v, const struct probe *p, smmub_asinfo_fn fn,
			void *arg, struct probe_answer *a)
{
	const struct smmub_device *dv;
	uint32_t need = p->write ? SMMUB_PERM_W : SMMUB_PERM_R, dom;
	int dev, reg;

	*a = (struct probe_answer){ PROBE_DENY_NO_DEVICE, -1, SMMUB_NONE, 0 };
	dev = p->mem ? smmub_lookup_mem(v, p->mmio) : smmub_lookup_pci(v, p->sid);
	if (dev < 0)
		return;
	a->device = dev;
	a->verdict = PROBE_DENY_OUTSIDE;
	dv = smmub_device(v, (uint32_t)dev);
	dom = smmub_le32(dv->domain);
	reg = dom == SMMUB_NONE ? -1 : smmub_domain_find(v, dom, p->addr);
	if (reg >= 0) {
		a->region_perms = smmub_le32(smmub_region(v, (uint32_t)reg)->perms);
		a->rule = find_rule(v, dv, (uint32_t)dev, p->addr, need);
		a->verdict = (a->region_perms & need) == need ? PROBE_ALLOW : PROBE_DENY_PERM;
		if (a->verdict == PROBE_ALLOW)
			return;
	}
	/* late-bound grants: as the boot bound them, or the answer is the binding's */
	uint32_t lrule, lperms;

	if (!find_late(v, dv, (uint32_t)dev, p->addr, need, fn, arg, &lrule, &lperms))
		return;
	if (!fn) {
		a->verdict = PROBE_LATE;
		return;
	}
	if (lrule == SMMUB_NONE)
		return;
	a->region_perms |= lperms;
	a->rule = lrule;
	a->verdict = (a->region_perms & need) == need ? PROBE_ALLOW : PROBE_DENY_PERM;
}

void probe_device_name(const struct probe *p, char *buf, size_t size)
{
	if (p->mem)
		snprintf(buf, size, "mem:0x%llx", (unsigned long long)p->mmio);
	else
		snprintf(buf, size, "pci:%u:%u.%u", p->sid >> 8, (p->sid >> 3) & 31u, p->sid & 7u);
}

int probe_rule_name(const struct smmub_view *v, uint32_t rule, char *buf, size_t size)
{
	const struct smmub_rule *r = smmub_rule(v, rule);
	const struct smmub_symbol *s;
	const char *setname = "reserved";

	if (!r || !(s = smmub_sym(v, smmub_le32(r->sym))))
		return snprintf(buf, size, "?");
	char e1[256], e2[512];

	if (!(smmub_le32(r->flags) & SMMUB_RULE_RESERVED))
		setname = smmub_str(v, smmub_le32(s->name));
	return snprintf(buf, size, "%s %s:%u", esc_str(setname, e1, sizeof(e1)),
			esc_str(smmub_str(v, smmub_le32(s->file)), e2, sizeof(e2)),
			smmub_le32(s->line));
}

static const char *perm_text(uint32_t perms)
{
	switch (perms & (SMMUB_PERM_R | SMMUB_PERM_W)) {
	case SMMUB_PERM_R:
		return "read only";
	case SMMUB_PERM_W:
		return "write only";
	case SMMUB_PERM_R | SMMUB_PERM_W:
		return "read and write";
	}
	return "nothing";
}

int probe_format(const struct smmub_view *v, const struct probe *p,
		 const struct probe_answer *a, char *buf, size_t size)
{
	char dev[48], rule[512] = "", eset[256];
	const struct smmub_device *dv = a->device >= 0 ? smmub_device(v, (uint32_t)a->device) : NULL;
	const char *set = NULL;

	probe_device_name(p, dev, sizeof(dev));
	if (dv && smmub_le32(dv->set) != SMMUB_NONE)
		set = esc_str(smmub_str(v, smmub_le32(smmub_set(v, smmub_le32(dv->set))->name)),
			      eset, sizeof(eset));
	if (a->rule != SMMUB_NONE)
		probe_rule_name(v, a->rule, rule, sizeof(rule));
	switch (a->verdict) {
	case PROBE_ALLOW:
		return snprintf(buf, size, "allow %s", rule);
	case PROBE_DENY_NO_DEVICE:
		return snprintf(buf, size, "deny device not in the policy (%s)", dev);
	case PROBE_DENY_OUTSIDE:
		return snprintf(buf, size, "deny address outside its grants (%s%s%s, 0x%llx)", dev,
				set ? ", allow " : "", set ? set : "", (unsigned long long)p->addr);
	case PROBE_LATE:
		return snprintf(buf, size, "late %s 0x%llx %s: the answer depends on the late-bound "
				"grants of allow %s, bound at boot", dev, (unsigned long long)p->addr,
				p->write ? "w" : "r", set ? set : "(none)");
	case PROBE_DENY_PERM:
		return snprintf(buf, size, "deny permission missing (%s may not %s 0x%llx: %s grants %s)",
				dev, p->write ? "write" : "read", (unsigned long long)p->addr,
				rule, perm_text(a->region_perms));
	}
	return 0;
}
