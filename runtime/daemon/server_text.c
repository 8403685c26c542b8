/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What smmuctl reads: the status, the fault ring and probe answers, as
 * text or JSON, rendered here so that smmuctl stays a thin pipe. Every
 * name from a policy, the firmware or a client is escaped (esc_str for
 * text, JSON's own escapes for JSON).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "daemon/boot_int.h"
#include "daemon/server_int.h"
#include "iommu/probe.h"
#include "util/escape.h"

struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len >= o->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	/* a full reply is cut at its end: the last line says so */
	if (n < 0 || (size_t)n >= o->cap - o->len) {
		o->len = o->cap;
		return;
	}
	o->len += (size_t)n;
}

/* s as a JSON string, quotes included. */
static void put_json(struct out *o, const char *s)
{
	put(o, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			put(o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			put(o, "\\u%04x", c);
		else
			put(o, "%c", c);
	}
	put(o, "\"");
}

static uint32_t done(struct out *o)
{
	if (o->len == o->cap) {
		static const char cut[] = "\n... (cut: the reply is full)\n";

		o->len = o->cap - sizeof(cut);
		memcpy(o->p + o->len, cut, sizeof(cut));
		o->len += sizeof(cut) - 1;
	}
	return (uint32_t)o->len;
}

static void obj_counts(const struct sclient *c, size_t *nmap)
{
	*nmap = 0;
	for (size_t j = 0; j < c->nobjs; j++)
		*nmap += c->objs[j].next;
}

uint32_t srv_status_text(struct server *s, unsigned fmt)
{
	struct out o = { (char *)s->reply, 0, SMMUP_MAX_PAYLOAD - 8 };
	const struct boot *b = s->b;
	size_t used = 0, total = 0;
	char name[4 * sizeof(b->units[0].name)];

	if (s->live)
		s->ops->usage(s->live, &used, &total);
	if (fmt == SMMUP_FMT_JSON) {
		put(&o, "{\"architecture\":");
		put_json(&o, b->arch->name);
		put(&o, ",\"policy\":");
		put_json(&o, b->o.blob_path);
		put(&o, ",\"startup_devices\":%u,\"startup_domains\":%u,\"faults\":%llu,"
			"\"live\":%s,\"pool_pages\":{\"used\":%zu,\"total\":%zu},\"units\":[",
		    smmub_count(&b->v, SMMUB_SEC_DEVICES), smmub_count(&b->v, SMMUB_SEC_DOMAINS),
		    s->nfaults, s->live ? "true" : "false", used, total);
		for (int i = 0; i < b->nunits; i++) {
			put(&o, "%s{\"name\":", i ? "," : "");
			put_json(&o, b->units[i].name);
			put(&o, ",\"base\":\"0x%llx\"}", (unsigned long long)b->units[i].reg_base);
		}
		put(&o, "],\"clients\":[");
		for (size_t i = 0; i < s->ncl; i++) {
			const struct sclient *c = s->cl[i];

			put(&o, "%s{\"pid\":%ld,\"uid\":%ld,\"attach\":%s,\"queued\":%u,"
				"\"objects\":[", i ? "," : "", (long)c->pid, (long)c->uid,
			    c->attach ? "true" : "false", c->count);
			for (size_t j = 0; j < c->nobjs; j++) {
				const struct sobj *ob = &c->objs[j];

				put(&o, "%s{\"id\":%u,\"mappings\":%zu,\"devices\":[", j ? "," : "",
				    ob->id, ob->next);
				for (size_t k = 0; k < ob->ndevs; k++) {
					srv_devname(&ob->devs[k].id, name, sizeof(name));
					put(&o, "%s\"%s\"", k ? "," : "", name);
				}
				put(&o, "]}");
			}
			put(&o, "]}");
		}
		put(&o, "]}\n");
		return done(&o);
	}
	put(&o, "policy %s (%s): %u startup devices, %u domains; %llu faults seen\n",
	    esc_str(b->o.blob_path, name, sizeof(name)), b->arch->name,
	    smmub_count(&b->v, SMMUB_SEC_DEVICES), smmub_count(&b->v, SMMUB_SEC_DOMAINS),
	    s->nfaults);
	for (int i = 0; i < b->nunits; i++)
		put(&o, "unit %s at 0x%llx: translating\n",
		    esc_str(b->units[i].name, name, sizeof(name)),
		    (unsigned long long)b->units[i].reg_base);
	if (s->live)
		put(&o, "clients' table pages: %zu of %zu in use\n", used, total);
	else
		put(&o, "clients cannot attach devices: %s\n", s->live_why);
	for (size_t i = 0; i < s->ncl; i++) {
		const struct sclient *c = s->cl[i];
		size_t nmap;

		obj_counts(c, &nmap);
		put(&o, "client pid %ld uid %ld%s: %zu object%s, %zu device%s, %zu mapping%s, "
			"%u transgression%s queued\n", (long)c->pid, (long)c->uid,
		    c->attach ? "" : " (read-only)", c->nobjs, c->nobjs == 1 ? "" : "s",
		    c->ndevs, c->ndevs == 1 ? "" : "s", nmap, nmap == 1 ? "" : "s", c->count,
		    c->count == 1 ? "" : "s");
		for (size_t j = 0; j < c->nobjs; j++) {
			const struct sobj *ob = &c->objs[j];

			put(&o, "  object %u: %zu mapping%s; devices", ob->id, ob->next,
			    ob->next == 1 ? "" : "s");
			for (size_t k = 0; k < ob->ndevs; k++) {
				srv_devname(&ob->devs[k].id, name, sizeof(name));
				put(&o, " %s", name);
			}
			put(&o, "%s\n", ob->ndevs ? "" : " none");
		}
	}
	return done(&o);
}

uint32_t srv_faults_text(struct server *s, unsigned fmt)
{
	struct out o = { (char *)s->reply, 0, SMMUP_MAX_PAYLOAD - 8 };
	char name[4 * sizeof(s->b->units[0].name)];

	if (fmt == SMMUP_FMT_JSON)
		put(&o, "{\"total\":%llu,\"faults\":[", s->nfaults);
	for (unsigned i = 0; i < s->fcount; i++) {
		const struct sfault *f = &s->faults[(s->fhead + i) % SRV_FAULT_LOG];
		const char *unit = s->b->units[f->unit].name;

		if (fmt == SMMUP_FMT_JSON) {
			put(&o, "%s{\"unit\":", i ? "," : "");
			put_json(&o, unit);
			put(&o, ",\"sid\":%u,\"addr\":\"0x%llx\",\"access\":\"%s\",\"reason\":%u,"
				"\"client_pid\":%ld,\"text\":", f->f.sid,
			    (unsigned long long)f->f.addr, f->f.write ? "write" : "read",
			    f->f.reason, (long)f->owner);
			put_json(&o, f->text);
			put(&o, "}");
		} else {
			put(&o, "unit %s: %s", esc_str(unit, name, sizeof(name)), f->text);
			if (f->owner)
				put(&o, " [client pid %ld]", (long)f->owner);
			put(&o, "\n");
		}
	}
	if (fmt == SMMUP_FMT_JSON)
		put(&o, "]}\n");
	else if (s->nfaults > s->fcount)
		put(&o, "(%llu older faults are only in the log)\n", s->nfaults - s->fcount);
	return done(&o);
}

static int hook_stream(void *arg, const struct probe *p, size_t *unit, uint32_t *sid)
{
	struct server *s = arg;
	struct iommu_devid d = { .mem = p->mem, .rid = p->sid, .mmio = p->mmio };

	return s->live && !s->ops->stream(s->live, &d, unit, sid) ? 0 : -1;
}

static bool hook_grant(void *arg, size_t unit, uint32_t sid, const struct probe *p, char *out,
		       size_t size)
{
	struct server *s = arg;
	struct sobj *o;
	struct sclient *c = srv_owner(s, unit, sid, NULL, &o);

	if (!c)
		return false;
	for (size_t i = 0; i < o->next; i++) {
		const struct sext *e = &o->ext[i];

		if (p->addr >= e->iova && p->addr - e->iova < e->len) {
			snprintf(out, size, "allow client pid %ld object %u mapping 0x%llx-0x%llx "
					    "%s%s", (long)c->pid, o->id, (unsigned long long)e->iova,
				 (unsigned long long)(e->iova + e->len - 1),
				 e->perms & IOMMU_LIVE_R ? "r" : "", e->perms & IOMMU_LIVE_W ? "w" : "");
			return true;
		}
	}
	snprintf(out, size, "allow (client pid %ld object %u maps nothing here: the unit let it "
			    "through)", (long)c->pid, o->id);
	return true;
}

int srv_probe(struct server *s, const struct smmup_req *r, uint32_t *len)
{
	struct iommu_devid d;
	struct boot_probe_hook h = { hook_stream, hook_grant, s };
	struct probe p;
	char line[1400];
	int rc;

	*len = 0;
	if (!s->b->be->dma)
		return -EOPNOTSUPP; /* real hardware: a probe would be a real DMA */
	if ((rc = srv_devid(&r->devid, &d)))
		return rc;
	p = (struct probe){ .mem = d.mem, .sid = d.rid, .mmio = d.mmio, .addr = r->addr,
			    .write = r->write };
	boot_probe_one(s->b, &p, &h, line, sizeof(line));
	if (r->format == SMMUP_FMT_JSON) {
		struct out o = { (char *)s->reply, 0, SMMUP_MAX_PAYLOAD - 8 };
		size_t verb = strcspn(line, " ");

		put(&o, "{\"answer\":\"%.*s\",\"line\":", (int)verb, line);
		put_json(&o, line);
		put(&o, "}\n");
		*len = done(&o);
	} else {
		*len = (uint32_t)snprintf((char *)s->reply, SMMUP_MAX_PAYLOAD - 8, "%s\n", line);
	}
	return 0;
}
