/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot path of smmuman: map and validate the blob, find the units,
 * weigh safety, resolve late names, install or rebuild the tables, enable
 * translation; and the Design Safe State when any of it fails.
 */
#ifndef SMMU_BOOT_H
#define SMMU_BOOT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "iommu/arch.h"
#include "iommu/backend.h"
#include "blob/blob.h"

/* smmuman's exit statuses (man/smmuman.8); the DSS ones are the architectures' too. */
enum boot_status {
	BOOT_OK = 0,
	BOOT_EXIT_USAGE = 1,
	BOOT_DSS_BLOB = IOMMU_DSS_BLOB,                 /* cannot read or validate the blob */
	BOOT_DSS_NO_UNIT = IOMMU_DSS_NO_UNIT,           /* no unit to program */
	BOOT_DSS_CAPS = IOMMU_DSS_CAPS,                 /* tables cannot be walked nor rebuilt */
	BOOT_DSS_LATE = IOMMU_DSS_LATE,                 /* a late-bound name is unresolved */
	BOOT_DSS_TIMEOUT = IOMMU_DSS_TIMEOUT,           /* a register did not complete */
	BOOT_DSS_SAFETY = 15,                           /* safety required and not met */
	BOOT_DSS_SYSLOG = 16,                           /* system log required and unreachable */
	BOOT_DSS_USER = 17,                             /* dropping privileges failed */
	BOOT_DSS_TABLE_MEMORY = IOMMU_DSS_TABLE_MEMORY, /* table memory missing or too small */
	BOOT_DSS_INTERNAL = IOMMU_DSS_INTERNAL,
};

struct boot_opts {
	const char *blob_path;
	const char *backend;      /* access method: "sim" or "devmem" ("vtd": devmem) */
	struct backend_args args;
	bool foreground;
	const char *probe_file;
	const char *asinfo;       /* DTB for late binding */
	const char *log_file;
	const char *syslog_socket;
	unsigned verbose;
	int poll_ms;
	int run_for;              /* seconds of monitoring, 0: for ever */
	int progress_fd;          /* background: BOOT_MSG_PROGRAMMING goes here, or -1 */
	long long t_exec_us;      /* CLOCK_MONOTONIC when main() began (boot_phase) */
	const char *socket;       /* the clients' socket (NULL: none) */
	const char *client_group; /* its members may attach, besides root */
	const char *pci_devices;  /* the platform's PCI devices, for wildcards (sysfs) */
};

/* Background start: the units are being programmed (status bytes are 0-19). */
#define BOOT_MSG_PROGRAMMING 0xfe

struct fdt_region_index;

struct boot {
	struct boot_opts o;
	/* the blob's architecture (the default for a bad blob); NULL: none in this build */
	const struct iommu_arch *arch;
	char arch_why[512];       /* why there is none */
	const struct backend *be; /* the architecture's access method */
	void *map;                /* the mapped blob */
	size_t map_len;
	struct smmub_view v;
	bool blob_ok;             /* the structure holds */
	bool crc_ok;              /* and its CRC was checked */
	int blob_err;
	uint64_t blob_bad_offset;
	bool syslog_ok;
	struct rt_unit *units;    /* every unit the backend found (malloc'ed) */
	int nunits;
	bool dss;                 /* in the Design Safe State */
	char why[768];            /* the reason a module of the boot path gave (boot_refuse) */
	uint64_t pool_first;      /* table memory bytes used by the tables */
	size_t built_domains;     /* domains of tables rebuilt at boot (0: prebuilt) */
	void *late_fdt;           /* the device tree late names were bound from */
	struct fdt_region_index *late_ix; /* its regions, indexed once (NULL: not a tree) */
	size_t late_fdt_len;
	unsigned nfaults;         /* faults the monitor has seen */
	bool safe;                /* every component a safety variant (smmu_safety) */
	struct server *srv;       /* the clients' server (NULL: none) */
};

/*
 * With -v: "phase NAME: N us after exec (monotonic M us)", one line per
 * step of the start-up, so a slow one can be found on the target itself.
 */
void boot_phase(const struct boot *b, const char *name);
/* CLOCK_MONOTONIC in microseconds */
long long boot_mono_us(void);

/* Opens the log, maps and validates the blob. 0, or -1 (usage). */
int boot_prepare(struct boot *b, const struct boot_opts *o);
/* Whether the policy asks for the foreground. */
bool boot_wants_foreground(const struct boot *b);
/* The policy's message-block-timeout in ms (0: no bound). */
unsigned boot_message_timeout(const struct boot *b);
/* The whole boot; returns BOOT_OK or the DSS status (DSS already entered). */
int boot_run(struct boot *b);
/*
 * For the starting process, whose started one did not confirm in time
 * (killed): opens the units itself and blocks them (boot_dss). Returns
 * status, or BOOT_DSS_NO_UNIT when there is none.
 */
int boot_block_units(struct boot *b, int status, const char *why);
/* Runs the probes of path through the unit; prints one line each. */
int boot_probes(struct boot *b, const char *path);
struct probe;
/* What the client server adds to a probe: devices the policy does not know. */
struct boot_probe_hook {
	/* the unit and stream id of a device the policy gives none: 0, or -1 */
	int (*stream)(void *arg, const struct probe *p, size_t *unit, uint32_t *sid);
	/* a DMA the unit let through that a client's mapping grants: the line, true */
	bool (*grant)(void *arg, size_t unit, uint32_t sid, const struct probe *p, char *out,
		      size_t size);
	void *arg;
};
/*
 * One probe through the unit: "allow ...", "deny ..." or "error ..." into
 * out. 0, or BOOT_EXIT_USAGE for an error line.
 */
int boot_probe_one(struct boot *b, const struct probe *p, const struct boot_probe_hook *h,
		   char *out, size_t size);
/*
 * From now on SIGTERM and SIGINT end boot_monitor (translation stays on),
 * SIGHUP reopens the log file, SIGUSR1 sets boot_abort.
 */
void boot_catch_signals(void);
/*
 * Set when the starting process gave up waiting (message-block-timeout):
 * boot_run enters the Design Safe State (14) instead of enabling
 * translation, or blocks what it already enabled.
 */
extern volatile sig_atomic_t boot_abort;
/*
 * One pass of the fault monitor: every unit's fault records (logged,
 * rate-limited; an overflow said), then the repeat counts whose window
 * closed, or all of them if final.
 */
void boot_poll_faults(struct boot *b, bool final);
/*
 * Polls faults and serves clients until run_for expires, SIGTERM or
 * SIGINT (or for ever): 0, or the DSS status a client's update ended in.
 */
int boot_monitor(struct boot *b);
void boot_finish(struct boot *b);

#endif
