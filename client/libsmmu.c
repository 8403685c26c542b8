/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libsmmu: the seeds' client API (<smmu.h>) over one connection to
 * smmuman (conn.h). Each function is one request and its reply, under one
 * lock, so threads of a client may call it at once; errno is the reply's.
 * What the seeds say a call must refuse is refused here before anything
 * is sent (the daemon checks it again: it trusts no client).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "client/conn.h"
#include "client/smmu.h"

_Static_assert(sizeof(union smmu_devid) == 32, "the seeds' devid is 32 bytes");
_Static_assert(sizeof(struct smmu_map_entry) == 16, "the seeds' map entry is 16 bytes");
_Static_assert((SMF_READ | SMF_WRITE | SMF_EXEC | SMF_VIRT | SMF_TARGET) == SMMUP_SMF_ALL,
	       "the wire's SMF bits are the seeds'");
_Static_assert(SOCF_RESERVED_MANUAL == SMMUP_SOCF_ALL, "the wire's SOCF bits are the seeds'");

/* smmu_mapping_add rounds every entry to these pages. */
#define PAGE_MASK 0xfffull

struct smmu_object {
	uint32_t id;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct smmuc *conn;

/*
 * One call: the reply's ret, or -1 with errno (the reply's err, or the
 * connection's). The reply's body is in buf.
 */
static int call(const struct smmup_req *req, const struct smmup_entry *ent,
		struct smmup_reply *rep, void *buf, size_t cap)
{
	int rc = -1, err = ENOTCONN;

	pthread_mutex_lock(&lock);
	if (conn && smmuc_call(conn, req, ent, rep, buf, cap) == 0) {
		err = rep->err;
		if (!err)
			rc = rep->ret;
	} else if (conn) {
		err = errno;
	}
	pthread_mutex_unlock(&lock);
	errno = rc < 0 ? err : errno;
	return rc;
}

/* A request without a reply body: ret, or -1 with errno. */
static int call0(const struct smmup_req *req, const struct smmup_entry *ent)
{
	uint8_t buf[SMMUP_HDR_SIZE + 8];
	struct smmup_reply rep;

	return call(req, ent, &rep, buf, sizeof(buf));
}

int smmu_init(unsigned flags)
{
	int err = 0;

	if (flags) {
		errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&lock);
	if (!conn) {
		conn = smmuc_open(NULL, SMMUP_WANT_ATTACH, NULL);
		err = conn ? 0 : errno;
	}
	pthread_mutex_unlock(&lock);
	errno = err ? err : errno;
	return err ? -1 : 0;
}

void smmu_fini(void)
{
	pthread_mutex_lock(&lock);
	smmuc_close(conn);
	conn = NULL;
	pthread_mutex_unlock(&lock);
}

/* Without smmu_init, a read-only connection of its own: HELLO says it. */
int smmu_safety(void)
{
	struct smmup_req req = { .op = SMMUP_SAFETY };
	int32_t status = SMMUMAN_SAFETY_ERROR;
	struct smmuc *c;
	int connected;

	pthread_mutex_lock(&lock);
	connected = conn != NULL;
	pthread_mutex_unlock(&lock);
	if (connected)
		return call0(&req, NULL);
	c = smmuc_open(NULL, SMMUP_WANT_READ, &status);
	if (!c)
		return SMMUMAN_SAFETY_ERROR;
	smmuc_close(c);
	return status;
}

struct smmu_object *smmu_obj_create(unsigned flags)
{
	struct smmup_req req = { .op = SMMUP_OBJ_CREATE, .flags = flags };
	struct smmu_object *sop = malloc(sizeof(*sop));
	int id;

	if (!sop)
		return NULL;
	id = call0(&req, NULL);
	if (id < 0) {
		int err = errno;

		free(sop);
		errno = err;
		return NULL;
	}
	sop->id = (uint32_t)id;
	return sop;
}

void smmu_obj_destroy(struct smmu_object *sop)
{
	struct smmup_req req = { .op = SMMUP_OBJ_DESTROY };
	int err = errno;

	if (!sop)
		return;
	req.obj = sop->id;
	call0(&req, NULL);
	free(sop);
	errno = err;
}

/* The seeds' union to the wire's devid: the fields of its type only. */
static int devid_in(const union smmu_devid *devid, struct smmup_devid *d)
{
	memset(d, 0, sizeof(*d));
	if (!devid || devid->type >= SDT_NUM_TYPES) {
		errno = EINVAL;
		return -1;
	}
	d->type = devid->type;
	if (devid->type == SDT_MMIO) {
		d->phys = devid->mmio.phys;
		d->length = devid->mmio.length;
	} else {
		d->bus = devid->pci.bus;
		d->dev = devid->pci.dev;
		d->func = devid->pci.func;
	}
	return 0;
}

int smmu_device_add_generic(struct smmu_object *sop, const union smmu_devid *devid)
{
	struct smmup_req req = { .op = SMMUP_DEV_ADD, .obj = sop ? sop->id : 0 };

	if (devid_in(devid, &req.devid))
		return -1;
	return call0(&req, NULL);
}

unsigned smmu_device_report_reserved(const union smmu_devid *devid, unsigned offset,
				     struct smmu_map_entry *resv, unsigned nresv)
{
	struct smmup_req req = { .op = SMMUP_RESERVED, .offset = offset };
	uint8_t small[SMMUP_HDR_SIZE + 8 + 16 * 16], *buf = small;
	struct smmup_reply rep;
	uint32_t n;
	size_t cap;
	int rc;

	if (devid_in(devid, &req.devid))
		return (unsigned)-1;
	if (nresv && !resv) {
		errno = EINVAL;
		return (unsigned)-1;
	}
	req.max = nresv < SMMUP_MAX_RESV ? nresv : SMMUP_MAX_RESV;
	cap = SMMUP_HDR_SIZE + 8 + 16 * (size_t)req.max;
	if (cap > sizeof(small) && !(buf = malloc(cap)))
		return (unsigned)-1;
	rc = call(&req, NULL, &rep, buf, cap < sizeof(small) ? sizeof(small) : cap);
	n = rc < 0 ? 0 : rep.body_len / 16;
	if (rc >= 0 && n != ((uint32_t)rc < req.max ? (uint32_t)rc : req.max)) {
		/* more than asked, or fewer than remain: not the seeds' paging */
		errno = EPROTO;
		rc = -1;
	}
	for (uint32_t i = 0; rc >= 0 && i < n; i++) {
		struct smmup_entry e = smmup_get_entry(rep.body + 16 * (size_t)i);

		memset(&resv[i], 0, sizeof(resv[i]));
		resv[i].phys = e.phys;
		resv[i].len = e.len;
	}
	if (buf != small)
		free(buf);
	return rc < 0 ? (unsigned)-1 : (unsigned)rc;
}

/* [phys, phys + len) to whole 4 KiB pages: -1 when empty or past 2^64. */
static int round_entry(const struct smmu_map_entry *in, struct smmup_entry *out)
{
	uint64_t last = in->phys + (in->len - 1);

	if (!in->len || last < in->phys)
		return -1;
	out->phys = in->phys & ~PAGE_MASK;
	out->len = (last | PAGE_MASK) - out->phys + 1;
	return out->len ? 0 : -1; /* the whole 64-bit space does not fit a length */
}

int smmu_mapping_add(struct smmu_object *sop, unsigned flags, pid_t pid, unsigned num_entries,
		     const struct smmu_map_entry *entries, uint64_t target)
{
	struct smmup_req req = { .op = SMMUP_MAP, .flags = flags, .pid = (uint32_t)pid,
				 .nent = num_entries, .target = target };
	struct smmup_entry small[16], *ent = small;
	int rc = 0;

	if (!sop || (num_entries && !entries) || (target && !(flags & SMF_TARGET)) ||
	    (flags & ~SMMUP_SMF_ALL)) {
		errno = EINVAL;
		return -1;
	}
	if (num_entries > SMMUP_MAX_ENTRIES) {
		errno = E2BIG;
		return -1;
	}
	req.obj = sop->id;
	if (num_entries > 16 && !(ent = malloc(num_entries * sizeof(*ent))))
		return -1;
	for (unsigned i = 0; i < num_entries && !rc; i++)
		rc = round_entry(&entries[i], &ent[i]);
	if (rc)
		errno = EINVAL;
	else
		rc = call0(&req, num_entries ? ent : NULL);
	if (ent != small)
		free(ent);
	return rc < 0 ? -1 : 0;
}

int smmu_xfer_status(struct smmu_status *ssp)
{
	struct smmup_req req = { .op = SMMUP_XFER_STATUS };
	uint8_t buf[SMMUP_HDR_SIZE + 8 + SMMUP_STATUS_SIZE];
	struct smmup_reply rep;
	struct smmup_status s;
	int rc;

	if (!ssp) {
		errno = EINVAL;
		return -1;
	}
	rc = call(&req, NULL, &rep, buf, sizeof(buf));
	if (rc != 1)
		return rc;
	s = smmup_get_status(rep.body);
	memset(ssp, 0, sizeof(*ssp));
	ssp->hw_specific = s.hw_specific;
	ssp->fault_addr = s.fault_addr;
	ssp->flags = s.flags;
	ssp->devid.type = s.devid.type;
	if (s.devid.type == SDT_MMIO) {
		ssp->devid.mmio.phys = s.devid.phys;
		ssp->devid.mmio.length = s.devid.length;
	} else {
		ssp->devid.pci.bus = s.devid.bus;
		ssp->devid.pci.dev = s.devid.dev;
		ssp->devid.pci.func = s.devid.func;
	}
	return 1;
}

/*
 * SIGEV_SIGNAL: the daemon queues signo with the value (sigqueue()) once,
 * then forgets it; SIGEV_NONE: no notice. The value crosses as the bits
 * of sival_ptr, which holds sival_int on a little-endian machine.
 */
int smmu_xfer_notify(const struct sigevent *evp)
{
	struct smmup_req req = { .op = SMMUP_XFER_NOTIFY };

	if (!evp || (evp->sigev_notify != SIGEV_SIGNAL && evp->sigev_notify != SIGEV_NONE)) {
		errno = EINVAL;
		return -1;
	}
	if (evp->sigev_notify == SIGEV_SIGNAL) {
		req.kind = SMMUP_NOTIFY_SIGNAL;
		req.signo = evp->sigev_signo;
		req.value = (uint64_t)(uintptr_t)evp->sigev_value.sival_ptr;
	}
	return call0(&req, NULL) < 0 ? -1 : 0;
}

int smmu_xfer_fd(void)
{
	int fd = -1;

	pthread_mutex_lock(&lock);
	if (conn)
		fd = smmuc_fd(conn);
	pthread_mutex_unlock(&lock);
	if (fd < 0)
		errno = ENOTCONN;
	return fd;
}
