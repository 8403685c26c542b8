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

#include "daemon/boot_int.h"
#include "util/escape.h"
#include "iommu/fault_fmt.h"
#include "daemon/fault_rate.h"
#include "iommu/fdt_regions.h"
#include "daemon/log.h"
#include "daemon/server.h"
#include "iommu/probe.h"
#include "util/readall.h"

int drv_probe(struct boot *b, int unit, char *why, size_t whylen)
{
	struct rt_unit *u = &b->units[unit];
	char name[4 * sizeof(u->name)];
	int rc = b->arch->unit_probe(u, why, whylen);

	if (!rc)
		log_msg(LOG_LVL_DEBUG1, "unit %s at 0x%llx: %s", esc_str(u->name, name, sizeof(name)),
			(unsigned long long)u->reg_base, why);
	return rc;
}

int drv_enable(struct boot *b, int unit)
{
	struct rt_unit *u = &b->units[unit];
	struct timespec ts;
	int rc = b->arch->unit_enable(u);

	if (rc)
		return rc;
	/* the stamp lets a test measure exec to TE on the same clock (make bench) */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	log_msg(LOG_LVL_DEBUG1, "unit %s: translation enabled, tables at 0x%llx "
		"(monotonic %lld us)", u->name, (unsigned long long)u->io.table_phys,
		(long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	return 0;
}

int drv_hold_restart(struct boot *b)
{
	bool any = false;

	for (int i = 0; i < b->nunits; i++)
		any |= b->arch->unit_translating(&b->units[i]);
	if (!any)
		return 0;
	for (int i = 0; i < b->nunits; i++) {
		struct unit_io *io = &b->units[i].io;
		char name[4 * sizeof(b->units[0].name)];
		int rc;

		if (io->table_size < 2 * IOMMU_PAGE_SIZE)
			return BOOT_DSS_TABLE_MEMORY;
		/* the new tables never write the page the live unit walks */
		io->table_size -= IOMMU_PAGE_SIZE;
		io->table_held += IOMMU_PAGE_SIZE;
		if (!b->arch->unit_translating(&b->units[i]))
			continue;
		/* the unit is switched to that page, empty tables, first */
		if ((rc = b->arch->unit_block_at(&b->units[i], io->table_size)))
			return rc;
		log_msg(LOG_LVL_WARN, "unit %s was translating (a restart): its DMA is blocked "
			"until the new tables are in place; translation stays on",
			esc_str(b->units[i].name, name, sizeof(name)));
	}
	return 0;
}

int drv_block_all(struct boot *b, int unit)
{
	return b->arch->unit_block_all(&b->units[unit]);
}

/* ---- faults ----------------------------------------------------------- */

static struct fault_rate rate;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void log_repeats(void *arg, const char *line, uint64_t n)
{
	(void)arg;
	log_msg(LOG_LVL_WARN, "%s (repeated %llu time%s)", line, (unsigned long long)n,
		n == 1 ? "" : "s");
}

struct fault_ctx {
	struct boot *b;
	int unit;
	char *line;  /* where --probe wants the decoded fault, or NULL: log it */
	size_t size;
	bool seen;
};

static void on_fault(void *arg, const struct iommu_fault *f)
{
	struct fault_ctx *c = arg;
	struct boot *b = c->b;
	char buf[1200];

	b->nfaults++;
	if (b->blob_ok)
		fault_format(&b->v, f, buf, sizeof(buf));
	else if (f->stream)
		snprintf(buf, sizeof(buf), "StreamID %u denied %s at 0x%llx: %s (event 0x%x)",
			 f->sid, f->write ? "write" : "read", (unsigned long long)f->addr,
			 f->reason_text ? f->reason_text : "fault", f->reason);
	else
		snprintf(buf, sizeof(buf), "%02x:%02x.%u denied %s at 0x%llx: %s (reason 0x%x)",
			 (f->sid >> 8) & 0xff, (f->sid >> 3) & 31, f->sid & 7,
			 f->write ? "write" : "read", (unsigned long long)f->addr, f->reason_text,
			 f->reason);
	if (c->line && !c->seen) {
		snprintf(c->line, c->size, "%s", buf);
	} else {
		char name[4 * sizeof(b->units[0].name)], full[FAULT_RATE_LINE];
		struct fault_key k = { (unsigned)c->unit, f->sid, f->addr >> 12, f->write };

		snprintf(full, sizeof(full), "unit %s: %s",
			 esc_str(b->units[c->unit].name, name, sizeof(name)), buf);
		if (fault_rate_admit(&rate, &k, full, now_ms(), log_repeats, NULL))
			log_msg(LOG_LVL_WARN, "%s", full);
	}
	c->seen = true;
	/* a client's device: its owner hears of it too */
	server_fault(b, c->unit, f, buf);
}

static int poll_unit(struct boot *b, int unit, char *line, size_t size)
{
	struct fault_ctx c = { b, unit, line, size, false };
	bool overflowed = false;

	b->arch->unit_poll_faults(&b->units[unit], on_fault, &c, &overflowed);
	if (overflowed) {
		char name[4 * sizeof(b->units[0].name)];

		/* acknowledged, so the unit records again; the lost faults are said once */
		log_msg(LOG_LVL_WARN, "unit %s: fault records overflowed (%s): faults were "
			"lost", esc_str(b->units[unit].name, name, sizeof(name)),
			b->arch->overflow_name);
	}
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

struct probe_fdt {
	char *buf;
	size_t len;
	const struct fdt_region_index *ix;
};

/* A read the unit allows where the policy grants write only: it cannot express that. */
static void widened(const struct boot *b, const struct probe_answer *a, char *out, size_t size)
{
	char rule[512];

	probe_rule_name(&b->v, a->rule, rule, sizeof(rule));
	snprintf(out, size, "allow (%s grants write only; the unit cannot deny the read: "
			    "write-implies-read)", rule);
}

/*
 * The id the probe's device sends to the unit: its StreamID (the
 * architecture's rule), else its requester id. 0, or -1 when it has none.
 */
static int probe_stream(const struct boot *b, const struct probe *p, uint32_t *sid)
{
	if (b->be && b->arch->stream_of && b->blob_ok)
		return b->arch->stream_of(&b->v, p, sid);
	*sid = p->sid;
	/* without a unit there is nothing to be behind, for mem: masters either */
	return p->mem && b->be ? -1 : 0;
}

static int probe_late_lookup(void *arg, const char *name, uint64_t *start, uint64_t *length)
{
	struct probe_fdt *f = arg;

	return f->buf ? fdt_region_answer(f->ix, name, start, length) : -1;
}

int boot_probe_one(struct boot *b, const struct probe *p, const struct boot_probe_hook *h,
		   char *out, size_t size)
{
	struct probe_fdt fdt = { b->late_fdt, b->late_fdt_len, b->late_ix };
	bool late = b->blob_ok && (b->v.flags & SMMUB_F_LATE_BOUND);
	char fault[1200] = "", name[64];
	size_t hu;
	uint32_t sid;
	int u;

	if (probe_stream(b, p, &sid)) {
		/* a device the policy gives no StreamID may be a client's */
		if (h && h->stream && !h->stream(h->arg, p, &hu, &sid)) {
			u = (int)hu;
			goto send;
		}
		probe_device_name(p, name, sizeof(name));
		if (b->arch->stream_of)
			snprintf(out, size, "error %s has no StreamID: the policy gives it none "
					    "(use UNIT SID)", name);
		else
			snprintf(out, size, "error mem: masters are not behind a VT-d unit");
		return BOOT_EXIT_USAGE;
	}
	u = b->nunits ? (b->blob_ok ? b->be->unit_for(b->units, (size_t)b->nunits, &b->v, sid)
				    : 0)
		      : -1;
	if (u < 0) {
		snprintf(out, size, "deny no unit (the platform has no IOMMU unit: DMA is not "
				    "stopped)");
		return 0;
	}
send:
	if (b->be->dma(&b->units[u], sid, p->addr, p->write) == 0) {
		struct probe_answer a = { .verdict = PROBE_DENY_NO_DEVICE };

		if (b->blob_ok)
			probe_policy_bound(&b->v, p, late ? probe_late_lookup : NULL, &fdt, &a);
		if (a.verdict == PROBE_ALLOW)
			probe_format(&b->v, p, &a, out, size);
		else if (h && h->grant && h->grant(h->arg, (size_t)u, sid, p, out, size))
			;
		else if (rmrr_for(b, p, out, size))
			;
		else if (a.verdict == PROBE_DENY_PERM && !p->write &&
			 a.region_perms == SMMUB_PERM_W && a.rule != SMMUB_NONE)
			widened(b, &a, out, size);
		else
			snprintf(out, size, "allow (not granted by the policy: the unit let it "
					    "through)");
		return 0;
	}
	if (!poll_unit(b, u, fault, sizeof(fault)))
		snprintf(fault, sizeof(fault), "blocked, no fault recorded");
	snprintf(out, size, "deny %s", fault);
	return 0;
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
	if (b->be && !b->be->dma) {
		log_msg(LOG_LVL_ERR, "--probe needs the sim backend");
		fclose(f);
		return BOOT_EXIT_USAGE;
	}
	while (getline(&line, &cap, f) >= 0) {
		char *s = probe_line(line), err[512], out[1400];
		struct probe p;

		if (!s)
			continue;
		if (probe_parse(s, &p, err, sizeof(err))) {
			printf("error %s\n", err);
			st = BOOT_EXIT_USAGE;
			continue;
		}
		if (boot_probe_one(b, &p, NULL, out, sizeof(out)))
			st = BOOT_EXIT_USAGE;
		printf("%s\n", out);
	}
	free(line);
	fclose(f);
	fflush(stdout);
	return st;
}

volatile sig_atomic_t boot_abort;
static volatile sig_atomic_t stop_sig, hup;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		hup = 1;
	else if (sig == SIGUSR1)
		boot_abort = 1;
	else
		stop_sig = sig;
}

void boot_catch_signals(void)
{
	/* no SA_RESTART: a signal ends the monitor's nap at once */
	struct sigaction sa = { .sa_handler = on_signal };
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1 };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

void boot_poll_faults(struct boot *b, bool final)
{
	for (int i = 0; i < b->nunits; i++)
		poll_unit(b, i, NULL, 0);
	fault_rate_flush(&rate, final ? UINT64_MAX : now_ms(), log_repeats, NULL);
}

static int64_t elapsed_ms(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

int boot_monitor(struct boot *b)
{
	struct timespec t0, tick;
	int fatal = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop_sig && !fatal) {
		if (hup) {
			hup = 0;
			if (log_reopen())
				log_msg(LOG_LVL_INFO, "SIGHUP: log file reopened");
			else
				log_msg(LOG_LVL_ERR, "SIGHUP: cannot reopen the log file: %s; "
					"still writing to the old one", strerror(errno));
		}
		boot_poll_faults(b, false);
		if (b->o.run_for > 0 && elapsed_ms(&t0) / 1000 >= b->o.run_for)
			break;
		/* clients are served between two polls of the faults */
		clock_gettime(CLOCK_MONOTONIC, &tick);
		for (int64_t left = b->o.poll_ms; left > 0 && !stop_sig && !hup;
		     left = b->o.poll_ms - elapsed_ms(&tick)) {
			server_serve(b, (int)left);
			if ((fatal = server_fatal(b)))
				break;
		}
	}
	if (fatal)
		return fatal;
	boot_poll_faults(b, true);
	/* stopping never opens DMA: the units keep translating with this policy */
	if (stop_sig)
		log_msg(LOG_LVL_INFO, "stopping on %s: %u faults seen; translation stays enabled",
			stop_sig == SIGTERM ? "SIGTERM" : "SIGINT", b->nfaults);
	else
		log_msg(LOG_LVL_INFO, "stopping: %u faults seen; translation stays enabled",
			b->nfaults);
	return 0;
}
