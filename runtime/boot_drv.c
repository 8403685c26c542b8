/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The unit driver as the boot path uses it, and what comes after boot:
 * --probe runs and the fault monitor. Faults are always reported as the
 * unit recorded them, decoded with the policy's names.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "boot_int.h"
#include "fault_fmt.h"
#include "log.h"
#include "probe.h"
#include "vtd_drv.h"
#include "vtd_regs.h"

struct drv {
	struct vtd_caps caps;
	struct drv_caps dc;
	bool probed;
};

static struct drv *drv(struct boot *b, int unit)
{
	if (!b->drv[unit])
		b->drv[unit] = calloc(1, sizeof(struct drv));
	return b->drv[unit];
}

int drv_probe(struct boot *b, int unit, char *why, size_t whylen)
{
	struct drv *d = drv(b, unit);
	int rc;

	if (!d)
		return BOOT_DSS_INTERNAL;
	rc = vtd_probe(&b->units[unit].io, &d->caps);
	d->probed = rc == 0;
	d->dc = (struct drv_caps){ d->caps.sagaw, d->caps.sp2m, d->caps.sp1g };
	if (rc && VTD_VER_MAJOR(d->caps.ver) >= 1 &&
	    !(d->caps.sagaw & (VTD_SAGAW_39 | VTD_SAGAW_48))) {
		snprintf(why, whylen, "unit %s offers no 3- or 4-level page-table format "
				      "(SAGAW 0x%x): no tables can be built for it",
			 b->units[unit].name, d->caps.sagaw);
		return BOOT_DSS_CAPS;
	}
	if (rc) {
		snprintf(why, whylen, "unit %s at 0x%llx: unusable registers (VER 0x%x)",
			 b->units[unit].name, (unsigned long long)b->units[unit].reg_base,
			 d->caps.ver);
		return BOOT_DSS_NO_UNIT;
	}
	log_msg(LOG_LVL_DEBUG1, "unit %s at 0x%llx: VER %u.%u CAP 0x%llx ECAP 0x%llx SAGAW 0x%x%s%s",
		b->units[unit].name, (unsigned long long)b->units[unit].reg_base,
		(d->caps.ver >> 4) & 15, d->caps.ver & 15, (unsigned long long)d->caps.cap,
		(unsigned long long)d->caps.ecap, d->caps.sagaw, d->caps.sp2m ? " 2M" : "",
		d->caps.sp1g ? " 1G" : "");
	return 0;
}

const struct drv_caps *drv_caps(const struct boot *b, int unit)
{
	return &((const struct drv *)b->drv[unit])->dc;
}

int drv_enable(struct boot *b, int unit)
{
	struct drv *d = drv(b, unit);
	struct timespec ts;
	int rc = vtd_enable(&b->units[unit].io, &d->caps, b->units[unit].io.table_phys);

	if (rc == -ETIMEDOUT)
		return BOOT_DSS_TIMEOUT;
	if (rc)
		return BOOT_DSS_INTERNAL;
	/* the stamp lets a test measure exec to TE on the same clock (make bench) */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	log_msg(LOG_LVL_DEBUG1, "unit %s: translation enabled, root table at 0x%llx "
		"(monotonic %lld us)", b->units[unit].name,
		(unsigned long long)b->units[unit].io.table_phys,
		(long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	return 0;
}

int drv_block_all(struct boot *b, int unit)
{
	struct drv *d = drv(b, unit);

	return vtd_block_all(&b->units[unit].io, d && d->probed ? &d->caps : NULL) ? -1 : 0;
}

/* ---- faults ----------------------------------------------------------- */

struct fault_ctx {
	struct boot *b;
	int unit;
	char *line;  /* where --probe wants the decoded fault, or NULL: log it */
	size_t size;
	bool seen;
};

static void on_fault(void *arg, const struct vtd_fault *f)
{
	struct fault_ctx *c = arg;
	struct boot *b = c->b;
	struct fault_rec r = { f->sid, f->addr, f->write, f->reason,
			       vtd_fault_reason_str(f->reason) };
	char buf[1200];

	b->ring[b->ring_next] = (struct boot_fault){ f->sid, f->addr, f->write, f->reason,
						     (unsigned)c->unit };
	b->ring_next = (b->ring_next + 1) % BOOT_FAULT_RING;
	b->nfaults++;
	if (b->blob_ok)
		fault_format(&b->v, &r, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%02x:%02x.%u denied %s at 0x%llx: %s (reason 0x%x)",
			 f->sid >> 8, (f->sid >> 3) & 31, f->sid & 7, f->write ? "write" : "read",
			 (unsigned long long)f->addr, r.reason_text, f->reason);
	if (c->line && !c->seen)
		snprintf(c->line, c->size, "%s", buf);
	else
		log_msg(LOG_LVL_WARN, "unit %s: %s", b->units[c->unit].name, buf);
	c->seen = true;
}

static int poll_unit(struct boot *b, int unit, char *line, size_t size)
{
	struct fault_ctx c = { b, unit, line, size, false };
	struct drv *d = b->drv[unit];

	vtd_poll_faults(&b->units[unit].io, d && d->probed ? &d->caps : NULL, on_fault, &c, NULL);
	return c.seen;
}

/* "allow firmware RMRR ..." if the firmware reserves addr for the device. */
static bool rmrr_for(struct boot *b, const struct probe *p, char *out, size_t size)
{
	const struct rt_rmrr *rr;
	size_t n = b->be->firmware_reserved ? b->be->firmware_reserved(&rr) : 0;

	for (size_t i = 0; i < n && !b->o.args.guest; i++) {
		if (rr[i].sid == p->sid && p->addr >= (rr[i].base & ~4095ull) &&
		    p->addr <= (rr[i].limit | 4095ull)) {
			snprintf(out, size, "allow firmware RMRR 0x%llx-0x%llx",
				 (unsigned long long)rr[i].base, (unsigned long long)rr[i].limit);
			return true;
		}
	}
	return false;
}

int boot_probes(struct boot *b, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int st = 0;

	if (!f) {
		log_msg(LOG_LVL_ERR, "cannot read probes %s: %s", path, strerror(errno));
		return BOOT_EXIT_USAGE;
	}
	if (!b->be->dma) {
		log_msg(LOG_LVL_ERR, "--probe needs the sim backend");
		fclose(f);
		return BOOT_EXIT_USAGE;
	}
	while (getline(&line, &cap, f) >= 0) {
		char *s = probe_line(line), err[512], out[1400], fault[1200] = "";
		struct probe p;
		int u;

		if (!s)
			continue;
		if (probe_parse(s, &p, err, sizeof(err)) || p.mem) {
			printf("error %s\n", p.mem ? "mem: masters are not behind a VT-d unit" : err);
			st = BOOT_EXIT_USAGE;
			continue;
		}
		u = b->nunits ? (b->blob_ok ? b->be->unit_for(b->units, (size_t)b->nunits, &b->v,
							       p.sid)
					    : 0)
			      : -1;
		if (u < 0) {
			printf("deny no unit (the platform has no IOMMU unit: DMA is not stopped)\n");
			continue;
		}
		if (b->be->dma(&b->units[u], p.sid, p.addr, p.write) == 0) {
			struct probe_answer a = { .verdict = PROBE_DENY_NO_DEVICE };

			if (b->blob_ok)
				probe_policy(&b->v, &p, &a);
			if (a.verdict == PROBE_ALLOW)
				probe_format(&b->v, &p, &a, out, sizeof(out));
			else if (rmrr_for(b, &p, out, sizeof(out)))
				;
			else
				snprintf(out, sizeof(out), "allow (not granted by the policy: "
							   "the unit let it through)");
			printf("%s\n", out);
			continue;
		}
		if (!poll_unit(b, u, fault, sizeof(fault)))
			snprintf(fault, sizeof(fault), "blocked, no fault recorded");
		printf("deny %s\n", fault);
	}
	free(line);
	fclose(f);
	fflush(stdout);
	return st;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

void boot_monitor(struct boot *b)
{
	struct timespec t0, now, nap = { b->o.poll_ms / 1000, (long)(b->o.poll_ms % 1000) * 1000000L };

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		for (int i = 0; i < b->nunits; i++)
			poll_unit(b, i, NULL, 0);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (b->o.run_for > 0 && now.tv_sec - t0.tv_sec >= b->o.run_for)
			break;
		nanosleep(&nap, NULL);
	}
	log_msg(LOG_LVL_INFO, "stopping: %u faults seen; translation stays enabled", b->nfaults);
}
