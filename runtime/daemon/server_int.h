/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals of smmuman's client server, shared by server*.c. */
#ifndef SMMU_SERVER_INT_H
#define SMMU_SERVER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "daemon/server.h"
#include "iommu/live.h"
#include "proto/proto.h"

#define SRV_MAX_CLIENTS	 64	 /* sessions at once; more are refused at accept */
#define SRV_RING	 64	 /* transgression records queued per client (the seeds') */
#define SRV_FAULT_LOG	 256	 /* faults smmuctl faults shows */
#define SRV_MAX_OBJS	 256	 /* objects per client */
#define SRV_MAX_DEVS	 256	 /* devices per client */
#define SRV_MAX_EXTENTS	 65536	 /* mapped extents per object */
#define SRV_OUT_MAX	 (4u << 20) /* unsent bytes a client may hold up */

struct sdev {
	struct smmup_devid id; /* as the client named it */
	size_t unit;
	uint32_t sid;
};

/* One mapped extent of an object: [iova, iova + len) to pa, 4 KiB pages. */
struct sext {
	uint64_t iova, len, pa;
	unsigned perms;	  /* IOMMU_LIVE_R|W */
};

struct sobj {
	uint32_t id;
	unsigned flags;	  /* SOCF_* */
	int *dom;	  /* per table-memory group: the live domain, or -1 */
	struct sdev *devs;
	size_t ndevs;
	struct sext *ext; /* sorted by iova, disjoint */
	size_t next, capext;
};

struct sclient {
	int fd;
	pid_t pid;
	uid_t uid;
	gid_t gid;
	bool may_read, may_attach, may_target; /* from the credentials, at connect */
	bool hello, attach;	  /* said HELLO; asked to attach */
	uint8_t hdr[SMMUP_HDR_SIZE];
	size_t got;		  /* bytes of the current frame read */
	uint8_t *in;		  /* the frame being read (header + payload) */
	uint32_t inlen;
	uint8_t *out;		  /* unsent reply bytes */
	size_t outlen, outoff, outcap;
	struct sobj *objs;
	size_t nobjs;
	uint32_t next_id;
	size_t ndevs;		  /* over its objects */
	struct smmup_status ring[SRV_RING];
	unsigned head, count;
	bool dropped;		  /* records were lost since the last one popped */
	bool notify;		  /* a one-shot notification is armed */
	uint32_t notify_kind;
	int32_t signo;
	uint64_t value;
	unsigned long long requests, faults;
	bool gone;
};

struct sfault {
	int unit;
	struct iommu_fault f;
	pid_t owner;		  /* a client's device, or 0 */
	char text[320];
};

struct server {
	struct boot *b;
	int lfd;
	char path[108];
	gid_t group;
	bool has_group;
	struct iommu_live *live;
	const struct iommu_live_ops *ops;
	char live_why[256];
	size_t ngroups;
	struct sclient *cl[SRV_MAX_CLIENTS];
	size_t ncl;
	struct sfault faults[SRV_FAULT_LOG];
	unsigned fhead, fcount;
	unsigned long long nfaults;
	int fatal;		  /* a DSS status the monitor must end with */
	uint8_t *reply;		  /* scratch for a reply body */
};

/* ---- objects and devices (server_obj.c) --------------------------------- */
/* Serves one decoded request of an attaching client: ret >= 0, or -errno. */
int srv_obj_create(struct server *s, struct sclient *c, uint32_t flags);
int srv_obj_destroy(struct server *s, struct sclient *c, uint32_t id);
int srv_dev_add(struct server *s, struct sclient *c, uint32_t obj, const struct smmup_devid *d);
int srv_map(struct server *s, struct sclient *c, const struct smmup_req *r);
/* Device regions of d from offset into body (max of them): remaining count, or -errno. */
int srv_reserved(struct server *s, const struct smmup_devid *d, uint32_t offset, uint32_t max,
		 uint8_t *body, uint32_t *body_len);
/* A client's objects gone: devices blocked, mappings removed, logged. */
void srv_client_release(struct server *s, struct sclient *c);
/* The client owning (unit, sid), and its device, or NULL. */
struct sclient *srv_owner(struct server *s, size_t unit, uint32_t sid, struct sdev **dev,
			  struct sobj **obj);
/* "pci:B:D.F" or "mem:0x..." for the log and smmuctl. */
void srv_devname(const struct smmup_devid *d, char *buf, size_t size);
/* PCI or mem devid to the live layer's; -EINVAL for a field out of range. */
int srv_devid(const struct smmup_devid *d, struct iommu_devid *out);

/* ---- the platform's PCI devices (server_pci.c) ------------------------- */
/* The requester ids of dir's "0000:BB:DD.F" entries, sorted: 0, -ENOENT, -ENOMEM. */
int srv_pci_list(const char *dir, uint32_t **rids, size_t *n);

/* ---- the mapping model (server_ext.c) ---------------------------------- */
/* Entries added in order (the later wins) or removed: 0, or -ENOMEM with o unchanged. */
int srv_ext_add(struct sobj *o, const struct sext *e, size_t n);
int srv_ext_remove(struct sobj *o, const struct sext *r, size_t n);
/* The first extent that ends after iova. */
size_t srv_ext_first(const struct sobj *o, uint64_t iova);
/* e's part inside [iova, iova + len) into out: false when there is none. */
bool srv_ext_clip(const struct sext *e, uint64_t iova, uint64_t len, struct sext *out);

/* ---- text for smmuctl (server_text.c) --------------------------------- */
/* Renders into s->reply: its length, at most SMMUP_MAX_PAYLOAD - 8. */
uint32_t srv_status_text(struct server *s, unsigned fmt);
uint32_t srv_faults_text(struct server *s, unsigned fmt);
/* One probe answer line: 0, or -errno (EOPNOTSUPP: not the simulated unit). */
int srv_probe(struct server *s, const struct smmup_req *r, uint32_t *len);

#endif
