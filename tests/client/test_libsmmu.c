/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for libsmmu against a fake smmuman (fake_server.c): the
 * exact frames each call sends (written out by hand from
 * schemas/smmu-proto.md), what a call refuses before sending anything,
 * errno from the reply's err, the seeds' paging of reserved regions,
 * EVENT frames dropped while waiting and seen by poll() between calls, and
 * a daemon that closes mid-reply, stalls, or answers another request:
 * an error each time, never a hang, and no reply ever taken for another.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "client/conn.h"
#include "client/fake_server.h"
#include "cu_run.h"
#include "proto/hex.h"
#include <smmu.h>

static uint8_t want[SMMUP_HDR_SIZE + SMMUP_MAX_PAYLOAD];

/*
 * The last frame the server received is exactly these bytes but for its
 * seq, which the server checks: 1 on each connection, then one more each.
 */
#define REQ(op, len) HDR(op, "00000000", len)
static int sent(const char *h)
{
	size_t n = hex(h, want);
	int ok;

	pthread_mutex_lock(&fk.mu);
	ok = fk.last_n == n && !memcmp(fk.last, want, 8) &&
	     !memcmp(fk.last + 12, want + 12, n - 12);
	pthread_mutex_unlock(&fk.mu);
	return ok;
}

static unsigned nreq(void)
{
	unsigned n;

	pthread_mutex_lock(&fk.mu);
	n = fk.nreq;
	pthread_mutex_unlock(&fk.mu);
	return n;
}

static struct smmu_object *obj;

static int suite_init(void)
{
	if (fake_start() || smmu_init(0))
		return 1;
	obj = smmu_obj_create(SOCF_NONE);
	return obj ? 0 : 1;
}

static int suite_fini(void)
{
	smmu_obj_destroy(obj);
	smmu_fini();
	fake_stop();
	return fk.bad || fk.bad_seq;
}

static void test_init(void)
{
	size_t n = hex(HDR("0100", "01000000", "04000000") "01000000", want);

	CU_ASSERT(fk.hello_n == n && !memcmp(fk.hello, want, n));
	CU_ASSERT(sent(REQ("0200", "04000000") "00000000"));
	CU_ASSERT_EQUAL(smmu_init(0), 0); /* connected already: the same connection */
	errno = 0;
	CU_ASSERT_EQUAL(smmu_init(1), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT(smmu_xfer_fd() >= 0);
	CU_ASSERT_EQUAL(smmu_safety(), SMMUMAN_SAFETY_YES);
	CU_ASSERT(sent(REQ("0900", "00000000")));
}

static void test_obj(void)
{
	struct smmu_object *o = smmu_obj_create(SOCF_RESERVED_MANUAL);
	unsigned before;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT(sent(REQ("0200", "04000000") "01000000"));
	smmu_obj_destroy(o);
	CU_ASSERT(sent(REQ("0300", "04000000") "08000000"));
	before = nreq();
	errno = 0;
	CU_ASSERT_PTR_NULL(smmu_obj_create(2));
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(nreq(), before);
	fk.err = EPERM;
	CU_ASSERT_PTR_NULL(smmu_obj_create(SOCF_NONE));
	CU_ASSERT_EQUAL(errno, EPERM);
	smmu_obj_destroy(NULL);
}

/* Rounded to 4 KiB: start down, end up; one frame, entries in order. */
static void test_map_rounding(void)
{
	const struct smmu_map_entry e[3] = {
		{ .phys = 0x1001, .len = 1 },
		{ .phys = 0x2fff, .len = 2 },
		{ .phys = 0xfffffffffffff000ull, .len = 0x1000 },
	};

	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_READ | SMF_WRITE, 0, 3, e, 0), 0);
	CU_ASSERT(sent(REQ("0600", "48000000") "07000000 03000000 00000000 03000000 "
		       "0000000000000000 0010000000000000 0010000000000000 "
		       "0020000000000000 0020000000000000 00f0ffffffffffff 0010000000000000"));
	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_NONE, 0, 1, e, 0), 0);
	CU_ASSERT(sent(REQ("0600", "28000000") "07000000 00000000 00000000 01000000 "
		       "0000000000000000 0010000000000000 0010000000000000"));
	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_READ | SMF_TARGET, 0, 1, e + 1, 0x80000000u),
			0);
	CU_ASSERT(sent(REQ("0600", "28000000") "07000000 11000000 00000000 01000000 "
		       "0000008000000000 0020000000000000 0020000000000000"));
	fk.err = EPERM; /* SMF_TARGET from an unprivileged client */
	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_READ | SMF_TARGET, 0, 1, e, 0x1000), -1);
	CU_ASSERT_EQUAL(errno, EPERM);
	fk.err = ENOMEM;
	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_READ, 0, 1, e, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOMEM);
}

static void refused(int rc, int err, unsigned before)
{
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_EQUAL(errno, err);
	CU_ASSERT_EQUAL(nreq(), before); /* nothing sent */
}

/* What the seeds say a call must refuse, refused before anything is sent. */
static void test_map_refused(void)
{
	static struct smmu_map_entry many[SMMUP_MAX_ENTRIES + 1];
	const struct smmu_map_entry zero = { .phys = 0x1000, .len = 0 };
	const struct smmu_map_entry wrap = { .phys = 0xfffffffffffff000ull, .len = 0x1001 };
	const struct smmu_map_entry all = { .phys = 0, .len = ~0ull };
	const struct smmu_map_entry ok = { .phys = 0x1000, .len = 0x1000 };
	unsigned n = nreq();

	refused(smmu_mapping_add(obj, SMF_READ, 0, 1, &ok, 0x1000), EINVAL, n);
	refused(smmu_mapping_add(obj, 0x20, 0, 1, &ok, 0), EINVAL, n);
	refused(smmu_mapping_add(NULL, SMF_READ, 0, 1, &ok, 0), EINVAL, n);
	refused(smmu_mapping_add(obj, SMF_READ, 0, 1, NULL, 0), EINVAL, n);
	refused(smmu_mapping_add(obj, SMF_READ, 0, 1, &zero, 0), EINVAL, n);
	refused(smmu_mapping_add(obj, SMF_READ, 0, 1, &wrap, 0), EINVAL, n);
	refused(smmu_mapping_add(obj, SMF_READ, 0, 1, &all, 0), EINVAL, n);
	for (size_t i = 0; i <= SMMUP_MAX_ENTRIES; i++)
		many[i] = ok;
	refused(smmu_mapping_add(obj, SMF_READ, 0, SMMUP_MAX_ENTRIES + 1, many, 0), E2BIG, n);
	/* the most one frame holds goes */
	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_READ, 0, SMMUP_MAX_ENTRIES, many, 0), 0);
	CU_ASSERT_EQUAL(fk.last_n, SMMUP_HDR_SIZE + 24 + 16 * SMMUP_MAX_ENTRIES);
}

static void test_devices(void)
{
	union smmu_devid bad = { .type = SDT_NUM_TYPES };
	unsigned n;

	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, 0, 18, 0), 0);
	CU_ASSERT(sent(REQ("0400", "1c000000") "07000000 "
		       "00000000 00000000 12000000 00000000 0000000000000000"));
	fk.ret = 1; /* issue the mappings again */
	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, SMMU_PCI_FIELD_ANY, 3, SMMU_PCI_FIELD_ANY), 1);
	CU_ASSERT(sent(REQ("0400", "1c000000") "07000000 "
		       "00000000 ffffffff 03000000 ffffffff 0000000000000000"));
	CU_ASSERT_EQUAL(smmu_device_add_mmio(NULL, 0xe6ef0000, 0x1000), 0); /* detach */
	CU_ASSERT(sent(REQ("0400", "1c000000") "00000000 "
		       "01000000 00100000 0000efe600000000 0000000000000000"));
	fk.err = EBUSY;
	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, 0, 2, 0), -1);
	CU_ASSERT_EQUAL(errno, EBUSY);
	fk.err = ENOENT;
	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, 0, 2, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	n = nreq();
	refused(smmu_device_add_generic(obj, &bad), EINVAL, n);
	refused(smmu_device_add_generic(obj, NULL), EINVAL, n);
}

/* The seeds' paging: remaining from offset, at most nresv filled. */
static void test_reserved(void)
{
	union smmu_devid d = { .mmio = { SDT_MMIO, 0x1000, 0xe6ef0000 } };
	struct smmu_map_entry r[3];
	static struct smmu_map_entry lots[100000];
	unsigned n;

	fk.nresv = 5;
	memset(r, 0xee, sizeof(r));
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 0, r, 2), 5);
	CU_ASSERT(r[0].phys == 0x80000000u && r[0].len == 0x1000);
	CU_ASSERT(r[1].phys == 0x80010000u && r[1].len == 0x2000);
	CU_ASSERT_EQUAL(r[2].len, 0xeeeeeeeeeeeeeeeeull); /* nothing past nresv */
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 2, r, 2), 3);
	CU_ASSERT(sent(REQ("0500", "20000000") "01000000 00100000 0000efe600000000 "
		       "0000000000000000 02000000 02000000"));
	CU_ASSERT(r[0].phys == 0x80020000u && r[1].phys == 0x80030000u);
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 4, r, 2), 1);
	CU_ASSERT(r[0].phys == 0x80040000u && r[0].len == 0x5000);
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 5, r, 2), 0);
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 0, NULL, 0), 5); /* the count alone */
	/* more than a reply holds: asked for SMMUP_MAX_RESV */
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 0, lots, 100000), 5);
	CU_ASSERT(sent(REQ("0500", "20000000") "01000000 00100000 0000efe600000000 "
		       "0000000000000000 00000000 ffff0000"));
	CU_ASSERT(lots[4].phys == 0x80040000u);
	fk.resv_extra = 1; /* a daemon that fills more than asked */
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 0, r, 2), (unsigned)-1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	fk.err = ENOENT;
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 0, r, 2), (unsigned)-1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	n = nreq();
	errno = 0;
	CU_ASSERT_EQUAL(smmu_device_report_reserved(&d, 0, NULL, 1), (unsigned)-1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(nreq(), n);
}

static void test_notify(void)
{
	struct sigevent ev;
	unsigned n;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 42;
	CU_ASSERT_EQUAL(smmu_xfer_notify(&ev), 0);
	CU_ASSERT(sent(REQ("0800", "10000000") "01000000 0a000000 2a00000000000000"));
	ev.sigev_notify = SIGEV_NONE;
	CU_ASSERT_EQUAL(smmu_xfer_notify(&ev), 0);
	CU_ASSERT(sent(REQ("0800", "10000000") "00000000 00000000 0000000000000000"));
	n = nreq();
	ev.sigev_notify = SIGEV_THREAD;
	refused(smmu_xfer_notify(&ev), EINVAL, n);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 0;
	refused(smmu_xfer_notify(&ev), EINVAL, n);
	ev.sigev_signo = 65;
	refused(smmu_xfer_notify(&ev), EINVAL, n);
	refused(smmu_xfer_notify(NULL), EINVAL, n);
}

static bool readable(void)
{
	struct pollfd p = { smmu_xfer_fd(), POLLIN, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* EVENTs read while waiting are dropped; one after the reply wakes poll(). */
static void test_status_events(void)
{
	struct smmu_status s;

	fk.status = (struct smmup_status){ 0x5, 0xf8000000u, { 0, 0, 18, 0, 0, 0 },
					   SSF_DROPPED_FAULTS };
	fk.status_queued = true;
	fk.events_before = 3;
	fk.event_after = true;
	memset(&s, 0xee, sizeof(s));
	CU_ASSERT_EQUAL(smmu_xfer_status(&s), 1);
	CU_ASSERT(s.hw_specific == 5 && s.fault_addr == 0xf8000000u);
	CU_ASSERT(s.devid.type == SDT_PCI && s.devid.pci.bus == 0 && s.devid.pci.dev == 18 &&
		  s.devid.pci.func == 0 && s.devid.__spacer[2] == 0 && s.devid.__spacer[3] == 0);
	CU_ASSERT_EQUAL(s.flags, SSF_DROPPED_FAULTS);
	CU_ASSERT(readable());
	fk.status = (struct smmup_status){ 0, 0x1000, { 1, 0, 0, 0, 0xe6ef0000, 0x1000 }, 0 };
	fk.status_queued = true;
	CU_ASSERT_EQUAL(smmu_xfer_status(&s), 1);
	CU_ASSERT(s.devid.type == SDT_MMIO && s.devid.mmio.phys == 0xe6ef0000 &&
		  s.devid.mmio.length == 0x1000 && s.flags == 0);
	CU_ASSERT(!readable());
	CU_ASSERT_EQUAL(smmu_xfer_status(&s), 0);
	CU_ASSERT(sent(REQ("0700", "00000000")));
	errno = 0;
	CU_ASSERT_EQUAL(smmu_xfer_status(NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A reply a byte at a time while a timer interrupts the waits. */
static void test_drip(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval every = { { 0, 300 }, { 0, 300 } }, off = { { 0, 0 }, { 0, 0 } };

	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART */
	setitimer(ITIMER_REAL, &every, NULL);
	fk.mode = FAKE_DRIP;
	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, 0, 4, 0), 0);
	setitimer(ITIMER_REAL, &off, NULL);
	fk.mode = FAKE_BIG; /* a reply longer than asked for: read, dropped */
	CU_ASSERT_EQUAL(smmu_safety(), SMMUMAN_SAFETY_ERROR);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(smmu_safety(), SMMUMAN_SAFETY_YES); /* the stream held */
}

/* Many threads, one connection: the lock keeps each call's frames whole. */
static void *mapper(void *arg)
{
	const struct smmu_map_entry e = { .phys = 0x100000, .len = 0x3000 };
	intptr_t fails = 0;

	(void)arg;
	for (int i = 0; i < 200; i++)
		fails += smmu_mapping_add(obj, SMF_READ, 0, 1, &e, 0) != 0;
	return (void *)fails;
}

static void test_threads(void)
{
	pthread_t t[4];
	unsigned n = nreq();

	for (int i = 0; i < 4; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, mapper, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *fails;

		pthread_join(t[i], &fails);
		CU_ASSERT_PTR_NULL(fails);
	}
	CU_ASSERT_EQUAL(nreq(), n + 800);
	CU_ASSERT(fk.bad == 0 && fk.bad_seq == 0);
}

/* A stream that broke is never used again: ENOTCONN until init again. */
static void broke(int rc, int err)
{
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_EQUAL(errno, err);
	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, 0, 2, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	smmu_fini();
	errno = 0;
	CU_ASSERT_EQUAL(smmu_xfer_fd(), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	CU_ASSERT_EQUAL_FATAL(smmu_init(0), 0);
	CU_ASSERT_EQUAL(smmu_device_add_pci(obj, 0, 2, 0), 0);
}

static void test_broken(void)
{
	fk.mode = FAKE_CLOSE_MID;
	broke(smmu_device_add_pci(obj, 0, 2, 0), EPIPE);
	fk.mode = FAKE_CLOSE;
	broke(smmu_safety(), EPIPE);
	fk.mode = FAKE_WRONG_SEQ;
	broke(smmu_device_add_pci(obj, 0, 2, 0), EPROTO);
}

/* A daemon that never answers: the call's bound, then the stream is closed. */
static void test_stall(void)
{
	struct smmup_req req = { .op = SMMUP_SAFETY };
	struct smmup_reply rep;
	uint8_t buf[64];
	struct smmuc *c;

	smmu_fini(); /* the fake serves one connection at a time */
	c = smmuc_open(NULL, SMMUP_WANT_READ, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	smmuc_set_timeout(c, 50);
	fk.mode = FAKE_STALL;
	CU_ASSERT_EQUAL(smmuc_call(c, &req, NULL, &rep, buf, sizeof(buf)), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	CU_ASSERT_EQUAL(smmuc_call(c, &req, NULL, &rep, buf, sizeof(buf)), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	CU_ASSERT_EQUAL(smmuc_call(c, &req, NULL, &rep, buf, 23), -1);
	smmuc_close(c);
}

static void test_refused_hello(void)
{
	smmu_fini();
	fk.hello_err = EPERM;
	errno = 0;
	CU_ASSERT_EQUAL(smmu_init(0), -1);
	CU_ASSERT_EQUAL(errno, EPERM);
	CU_ASSERT_EQUAL(smmu_safety(), SMMUMAN_SAFETY_ERROR);
	CU_ASSERT_EQUAL(errno, EPERM);
	fk.hello_err = 0;
	/* without smmu_init, smmu_safety asks on a read-only connection */
	CU_ASSERT_EQUAL(smmu_safety(), SMMUMAN_SAFETY_YES);
	CU_ASSERT(fk.hello_n == 20 && fk.hello[16] == SMMUP_WANT_READ);
	CU_ASSERT_EQUAL(smmu_mapping_add(obj, SMF_READ, 0, 0, NULL, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	setenv("SMMUMAN_SOCKET", "/nonexistent/smmuman.sock", 1);
	CU_ASSERT_EQUAL(smmu_init(0), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_EQUAL(smmu_safety(), SMMUMAN_SAFETY_ERROR);
	CU_ASSERT_EQUAL(errno, ENOENT);
}

static const struct cu_case cases[] = {
	{ "init: HELLO, SAFETY", test_init },
	{ "objects", test_obj },
	{ "mapping_add: rounded, exact frames", test_map_rounding },
	{ "mapping_add: refused before sending", test_map_refused },
	{ "devices: frames and errno", test_devices },
	{ "report_reserved: the seeds' paging", test_reserved },
	{ "xfer_notify frames", test_notify },
	{ "xfer_status, EVENT frames, poll", test_status_events },
	{ "a reply dripped under signals; one too long", test_drip },
	{ "threads on one connection", test_threads },
	{ "a daemon that closes or answers another call", test_broken },
	{ "a daemon that stalls", test_stall },
	{ "refused, or no daemon", test_refused_hello },
};

int main(void)
{
	const struct cu_suite s = { "libsmmu", suite_init, suite_fini, cases, CU_COUNT(cases) };

	return cu_run_suites(&s, 1);
}
