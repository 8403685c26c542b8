/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Clients' objects: their devices (one owner each), their mappings (a
 * sorted list of extents, the model the tables follow), and the calls to
 * the architecture's live ops that make the tables say the same. The
 * startup configuration's devices are smmuman's: never a client's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/boot_int.h"
#include "daemon/log.h"
#include "daemon/server_int.h"
#include "iommu/probe.h"

#define PAGE 4096ull
#define SOCF_RESERVED_MANUAL 1u
#define SMF_READ   0x01u
#define SMF_WRITE  0x02u
#define SMF_EXEC   0x04u
#define SMF_TARGET 0x10u

int srv_devid(const struct smmup_devid *d, struct iommu_devid *out)
{
	*out = (struct iommu_devid){ 0 };
	if (d->type == 1) {
		out->mem = true;
		out->mmio = d->phys;
		out->mmio_len = d->length;
		return 0;
	}
	if (d->bus > 255 || d->dev > 31 || d->func > 7)
		return -EINVAL;
	out->rid = d->bus << 8 | d->dev << 3 | d->func;
	return 0;
}

void srv_devname(const struct smmup_devid *d, char *buf, size_t size)
{
	if (d->type == 1)
		snprintf(buf, size, "mem:0x%llx", (unsigned long long)d->phys);
	else
		snprintf(buf, size, "pci:%u:%u.%u", d->bus, d->dev, d->func);
}

static struct sobj *obj_of(struct sclient *c, uint32_t id)
{
	for (size_t i = 0; i < c->nobjs; i++)
		if (c->objs[i].id == id)
			return &c->objs[i];
	return NULL;
}

struct sclient *srv_owner(struct server *s, size_t unit, uint32_t sid, struct sdev **dev,
			  struct sobj **obj)
{
	for (size_t i = 0; i < s->ncl; i++)
		for (size_t j = 0; j < s->cl[i]->nobjs; j++) {
			struct sobj *o = &s->cl[i]->objs[j];

			for (size_t k = 0; k < o->ndevs; k++)
				if (o->devs[k].unit == unit && o->devs[k].sid == sid) {
					if (dev)
						*dev = &o->devs[k];
					if (obj)
						*obj = o;
					return s->cl[i];
				}
		}
	return NULL;
}

/* A -ETIMEDOUT from the architecture: the unit may still use what was removed. */
static int fatal(struct server *s, int rc, const char *what)
{
	if (rc == -ETIMEDOUT && !s->fatal)
		s->fatal = boot_dss(s->b, BOOT_DSS_TIMEOUT, "a client's %s: an invalidation "
				    "timed out: all DMA blocked", what);
	return rc;
}

int srv_obj_create(struct server *s, struct sclient *c, uint32_t flags)
{
	struct sobj *o, *objs;

	if (flags & ~SOCF_RESERVED_MANUAL)
		return -EINVAL;
	if (c->nobjs == SRV_MAX_OBJS)
		return -ENOSPC;
	if (!(objs = realloc(c->objs, (c->nobjs + 1) * sizeof(*objs))))
		return -ENOMEM;
	c->objs = objs;
	o = &objs[c->nobjs];
	*o = (struct sobj){ .id = c->next_id, .flags = flags };
	if (!(o->dom = malloc((s->ngroups ? s->ngroups : 1) * sizeof(*o->dom))))
		return -ENOMEM;
	for (size_t g = 0; g < s->ngroups; g++)
		o->dom[g] = -1;
	c->nobjs++;
	/* ids are the client's own: another client's cannot be named */
	if (++c->next_id > 0x7fffffff)
		c->next_id = 1;
	return (int)o->id;
}

/* Maps e in every group where o has a domain: 0 or -errno (no group changed on -ENOMEM... */
static int tables_map(struct server *s, struct sobj *o, const struct sext *e)
{
	for (size_t g = 0; g < s->ngroups; g++) {
		int rc;

		if (o->dom[g] < 0)
			continue;
		rc = s->ops->map(s->live, o->dom[g], e->iova, e->pa, e->len, e->perms);
		if (rc)
			return fatal(s, rc, "mapping");
	}
	return 0;
}

static int tables_unmap(struct server *s, struct sobj *o, uint64_t iova, uint64_t len)
{
	for (size_t g = 0; g < s->ngroups; g++) {
		int rc;

		if (o->dom[g] < 0)
			continue;
		rc = s->ops->unmap(s->live, o->dom[g], iova, len);
		if (rc)
			return fatal(s, rc, "unmapping");
	}
	return 0;
}

/* Whether [pa, pa + len) reaches a unit's table memory: its device could rewrite the tables. */
static bool hits_tables(const struct server *s, uint64_t pa, uint64_t len)
{
	for (int i = 0; i < s->b->nunits; i++) {
		const struct unit_io *io = &s->b->units[i].io;
		uint64_t lo = io->table_phys, hi = lo + io->table_size + io->table_held;

		if (pa < hi && pa + len > lo)
			return true;
	}
	return false;
}

/*
 * The tables of [e[j]] for j < k back to what the model says: each range
 * unmapped, then the model's extents inside it mapped again (their tables
 * exist, so this takes no page).
 */
static void tables_restore(struct server *s, struct sobj *o, const struct sext *e, size_t k)
{
	for (size_t j = 0; j < k; j++)
		tables_unmap(s, o, e[j].iova, e[j].len);
	for (size_t j = 0; j < k; j++) {
		struct sext piece;

		for (size_t i = srv_ext_first(o, e[j].iova);
		     i < o->next && srv_ext_clip(&o->ext[i], e[j].iova, e[j].len, &piece); i++)
			tables_map(s, o, &piece);
	}
}

/* e[0..n) mapped, in order: the tables, then the model; on failure both as they were. */
static int obj_map(struct server *s, struct sobj *o, const struct sext *e, size_t n)
{
	size_t k;
	int rc = 0;

	if (o->next + 2 * n > SRV_MAX_EXTENTS)
		return -ENOSPC;
	for (k = 0; k < n; k++)
		if ((rc = tables_map(s, o, &e[k])))
			break;
	if (!rc && (rc = srv_ext_add(o, e, n)))
		k = n;
	if (rc && rc != -ETIMEDOUT)
		tables_restore(s, o, e, k + (k < n)); /* the failed one may be half done */
	return rc;
}

int srv_map(struct server *s, struct sclient *c, const struct smmup_req *r)
{
	struct sobj *o = obj_of(c, r->obj);
	/* a DMA fetch of code is a read: SMF_EXEC maps readable */
	unsigned perms = (r->flags & (SMF_READ | SMF_EXEC) ? IOMMU_LIVE_R : 0) |
			 (r->flags & SMF_WRITE ? IOMMU_LIVE_W : 0);
	uint64_t target = r->target;
	struct sext *done;
	uint32_t i;
	int rc = 0;

	if (!o)
		return -ENOENT;
	if ((r->flags & SMF_TARGET) && !c->may_target)
		return -EPERM;
	if (!(r->flags & SMF_TARGET) && r->target)
		return -EINVAL;
	if (!s->live)
		return -EOPNOTSUPP;
	if (!(done = calloc(r->nent ? r->nent : 1, sizeof(*done))))
		return -ENOMEM;
	/* every entry checked before any is applied */
	for (i = 0; i < r->nent; i++) {
		struct smmup_entry en = smmup_entry_at(r, i);
		uint64_t start = en.phys & ~(PAGE - 1), end;

		if (!en.len || en.phys > UINT64_MAX - en.len - (PAGE - 1)) {
			rc = -EINVAL;
			break;
		}
		end = (en.phys + en.len + PAGE - 1) & ~(PAGE - 1);
		done[i] = (struct sext){ start, end - start, start, perms };
		if (r->flags & SMF_TARGET) {
			/* the entries translate, in order, to consecutive memory from target */
			if (target & (PAGE - 1) || target > UINT64_MAX - (end - start)) {
				rc = -EINVAL;
				break;
			}
			done[i].pa = target;
			target += end - start;
		}
		if (perms && hits_tables(s, done[i].pa, done[i].len)) {
			rc = -EACCES;
			break;
		}
	}
	if (!rc && perms) {
		rc = obj_map(s, o, done, r->nent);
	} else if (!rc) {
		for (i = 0; i < r->nent && !rc; i++)
			rc = tables_unmap(s, o, done[i].iova, done[i].len);
		if (!rc)
			rc = srv_ext_remove(o, done, r->nent);
	}
	free(done);
	return rc;
}

static bool startup_device(const struct server *s, const struct iommu_devid *d)
{
	struct probe p = { .mem = d->mem, .sid = d->rid, .mmio = d->mmio };
	struct probe_answer a;

	probe_policy(&s->b->v, &p, &a);
	return a.device >= 0;
}

/* The device's firmware reserved regions (RMRR): identity mapped unless SOCF_RESERVED_MANUAL. */
static size_t reserved_of(const struct server *s, uint32_t sid, const struct rt_rmrr **rr,
			  size_t i)
{
	const struct rt_rmrr *all;
	size_t n = s->b->be->firmware_reserved && !s->b->o.args.guest
			   ? s->b->be->firmware_reserved(&all) : 0;

	for (size_t k = 0; k < n; k++)
		if (all[k].sid == sid && i-- == 0) {
			*rr = &all[k];
			return 1;
		}
	return 0;
}

/* Makes sure o has a domain in group g, its mappings replayed there. */
static int obj_domain(struct server *s, struct sobj *o, size_t g)
{
	int dom;

	if (o->dom[g] >= 0)
		return 0;
	dom = s->ops->dom_new(s->live, g);
	if (dom < 0)
		return dom;
	for (size_t i = 0; i < o->next; i++) {
		int rc = s->ops->map(s->live, dom, o->ext[i].iova, o->ext[i].pa, o->ext[i].len,
				     o->ext[i].perms);

		if (rc) {
			s->ops->dom_free(s->live, dom);
			return fatal(s, rc, "mapping");
		}
	}
	o->dom[g] = dom;
	return 0;
}

static void dev_remove(struct sclient *c, struct sobj *o, struct sdev *d)
{
	*d = o->devs[--o->ndevs];
	c->ndevs--;
}

static bool wildcard(const struct smmup_devid *d)
{
	return d->type == 0 && (d->bus == SMMUP_FIELD_ANY || d->dev == SMMUP_FIELD_ANY ||
				d->func == SMMUP_FIELD_ANY);
}

static bool matches(const struct smmup_devid *d, uint32_t rid)
{
	return (d->bus == SMMUP_FIELD_ANY || d->bus == rid >> 8) &&
	       (d->dev == SMMUP_FIELD_ANY || d->dev == ((rid >> 3) & 31)) &&
	       (d->func == SMMUP_FIELD_ANY || d->func == (rid & 7));
}

static struct smmup_devid pci_devid(uint32_t rid)
{
	return (struct smmup_devid){ .bus = rid >> 8, .dev = (rid >> 3) & 31, .func = rid & 7 };
}

/* Where a device is and who holds it. */
struct dev_at {
	size_t unit;
	uint32_t sid;
	struct sclient *owner; /* NULL: nobody */
	struct sdev *dev;      /* the owner's record of it */
	struct sobj *obj;
};

/*
 * The checks every attach and detach makes, in this order: the startup
 * configuration's device (-EBUSY: smmuman owns it), no live updates
 * (-EOPNOTSUPP), no unit controls it (the live layer's -ENOENT), another
 * client's (-EBUSY). 0 with *at filled in.
 */
static int dev_find(struct server *s, struct sclient *c, const struct iommu_devid *dv,
		    struct dev_at *at)
{
	int rc;

	if (startup_device(s, dv))
		return -EBUSY;
	if (!s->live)
		return -EOPNOTSUPP;
	if ((rc = s->ops->stream(s->live, dv, &at->unit, &at->sid)))
		return rc;
	at->owner = srv_owner(s, at->unit, at->sid, &at->dev, &at->obj);
	return at->owner && at->owner != c ? -EBUSY : 0;
}

/*
 * A wildcard (SMMU_PCI_FIELD_ANY): every device of the platform's PCI
 * enumeration it matches. Attaching, every one must be attachable (one
 * EBUSY refuses the call) and a failure on the way detaches those this
 * call attached; detaching, the caller's matching devices go.
 */
static int dev_add_any(struct server *s, struct sclient *c, uint32_t id,
		       const struct smmup_devid *d)
{
	uint32_t *rids;
	bool *mine;
	size_t n, m = 0, i;
	int rc;

	if (!s->live)
		return id ? -EOPNOTSUPP : -ENOENT;
	if ((rc = srv_pci_list(s->b->o.pci_devices, &rids, &n)))
		return rc;
	for (i = 0; i < n; i++)
		if (matches(d, rids[i]))
			rids[m++] = rids[i];
	if (!(mine = calloc(m ? m : 1, sizeof(*mine)))) {
		free(rids);
		return -ENOMEM;
	}
	rc = m ? 0 : -ENOENT;
	for (i = 0, n = 0; i < m && !rc; i++) {
		struct iommu_devid dv = { .rid = rids[i] };
		struct dev_at at;

		rc = dev_find(s, c, &dv, &at);
		if (!rc && !id && !at.owner)
			rc = -ENOENT;
		mine[i] = !rc && at.owner == c;
		/* detaching: the caller's devices only (none at all is ENOENT) */
		if (!id && rc)
			rc = 0;
		else if (!rc) {
			rids[n] = rids[i];
			mine[n++] = mine[i];
		}
	}
	if (!rc && !n)
		rc = -ENOENT;
	for (i = 0; i < n && !rc; i++) {
		struct smmup_devid one = pci_devid(rids[i]);

		if ((rc = srv_dev_add(s, c, id, &one)) >= 0)
			continue;
		while (id && i-- > 0) {
			struct smmup_devid back = pci_devid(rids[i]);

			if (!mine[i])
				srv_dev_add(s, c, 0, &back);
		}
		break;
	}
	free(mine);
	free(rids);
	return rc < 0 ? rc : 0;
}

int srv_dev_add(struct server *s, struct sclient *c, uint32_t id, const struct smmup_devid *d)
{
	struct iommu_devid dv;
	struct sobj *o = NULL;
	struct sdev *devs;
	struct dev_at at;
	char name[64];
	size_t unit;
	uint32_t sid;
	int rc;

	if (id && !(o = obj_of(c, id)))
		return -ENOENT;
	if (wildcard(d))
		return dev_add_any(s, c, id, d);
	if ((rc = srv_devid(d, &dv)))
		return rc;
	rc = dev_find(s, c, &dv, &at);
	if (rc)
		return rc == -EOPNOTSUPP && !o ? -ENOENT : rc;
	unit = at.unit;
	sid = at.sid;
	srv_devname(d, name, sizeof(name));
	if (!o) {
		/* detach: blocked, never bypassed */
		if (!at.owner)
			return -ENOENT;
		if ((rc = s->ops->attach(s->live, unit, sid, -1)))
			return fatal(s, rc, "detach");
		dev_remove(c, at.obj, at.dev);
		log_msg(LOG_LVL_INFO, "client pid %ld: %s detached: blocked", (long)c->pid, name);
		return 0;
	}
	if (at.owner && at.obj == o)
		return 0;
	if (!at.owner && c->ndevs == SRV_MAX_DEVS)
		return -ENOSPC;
	if (!(o->flags & SOCF_RESERVED_MANUAL)) {
		const struct rt_rmrr *rr;

		for (size_t i = 0; reserved_of(s, sid, &rr, i); i++) {
			struct sext e = { rr->base & ~(PAGE - 1), 0, rr->base & ~(PAGE - 1),
					  IOMMU_LIVE_R | IOMMU_LIVE_W };

			e.len = (rr->limit | (PAGE - 1)) + 1 - e.iova;
			if ((rc = obj_map(s, o, &e, 1)))
				return rc;
		}
	}
	if ((rc = obj_domain(s, o, s->ops->group(s->live, unit))))
		return rc;
	if (!(devs = realloc(o->devs, (o->ndevs + 1) * sizeof(*devs))))
		return -ENOMEM;
	o->devs = devs;
	rc = s->ops->attach(s->live, unit, sid, o->dom[s->ops->group(s->live, unit)]);
	if (rc)
		return fatal(s, rc, "attach");
	if (at.owner)
		dev_remove(c, at.obj, at.dev); /* moved between the client's own objects */
	o->devs[o->ndevs++] = (struct sdev){ *d, unit, sid };
	c->ndevs++;
	log_msg(LOG_LVL_INFO, "client pid %ld: %s attached to object %u", (long)c->pid, name,
		o->id);
	/* the object's mappings are replayed into a new unit's tables here: never +1 */
	return 0;
}

int srv_reserved(struct server *s, const struct smmup_devid *d, uint32_t offset, uint32_t max,
		 uint8_t *body, uint32_t *body_len)
{
	struct iommu_devid dv;
	const struct rt_rmrr *rr;
	uint32_t sid, n = 0, total = 0;
	size_t unit;
	int rc;

	if ((rc = srv_devid(d, &dv)))
		return rc;
	sid = dv.rid;
	if (s->live && (rc = s->ops->stream(s->live, &dv, &unit, &sid)))
		return rc;
	while (reserved_of(s, sid, &rr, total))
		total++;
	*body_len = 0;
	if (offset >= total)
		return 0;
	for (uint32_t i = offset; i < total && n < max && n < SMMUP_MAX_RESV; i++, n++) {
		struct smmup_entry e;

		reserved_of(s, sid, &rr, i);
		e.phys = rr->base;
		e.len = rr->limit - rr->base + 1;
		smmup_put_entry(body + 16 * n, &e);
	}
	*body_len = 16 * n;
	return (int)(total - offset);
}

static void obj_release(struct server *s, struct sclient *c, struct sobj *o, size_t *ndev,
			size_t *next)
{
	while (o->ndevs) {
		struct sdev *d = &o->devs[o->ndevs - 1];

		fatal(s, s->ops->attach(s->live, d->unit, d->sid, -1), "detach");
		dev_remove(c, o, d);
		(*ndev)++;
	}
	for (size_t g = 0; g < s->ngroups; g++)
		if (o->dom[g] >= 0)
			s->ops->dom_free(s->live, o->dom[g]);
	*next += o->next;
	free(o->dom);
	free(o->devs);
	free(o->ext);
}

int srv_obj_destroy(struct server *s, struct sclient *c, uint32_t id)
{
	struct sobj *o = obj_of(c, id);
	size_t nd = 0, ne = 0;

	if (!o)
		return -ENOENT;
	obj_release(s, c, o, &nd, &ne);
	*o = c->objs[--c->nobjs];
	if (nd)
		log_msg(LOG_LVL_INFO, "client pid %ld: object %u destroyed: %zu device%s blocked",
			(long)c->pid, id, nd, nd == 1 ? "" : "s");
	return 0;
}

void srv_client_release(struct server *s, struct sclient *c)
{
	size_t nd = 0, ne = 0, no = c->nobjs;

	while (c->nobjs) {
		obj_release(s, c, &c->objs[c->nobjs - 1], &nd, &ne);
		c->nobjs--;
	}
	if (no)
		log_msg(LOG_LVL_WARN, "client pid %ld gone: %zu object%s destroyed, %zu device%s "
			"blocked, %zu mapping%s removed", (long)c->pid, no, no == 1 ? "" : "s",
			nd, nd == 1 ? "" : "s", ne, ne == 1 ? "" : "s");
}
