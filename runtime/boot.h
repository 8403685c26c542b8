/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot path of smmuman: map and validate the blob, find the units,
 * weigh safety, resolve late names, install or rebuild the tables, enable
 * translation; and the Design Safe State when any of it fails.
 */
#ifndef SMMU_BOOT_H
#define SMMU_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "backend.h"
#include "blob.h"

enum boot_status {
	BOOT_OK = 0,
	BOOT_EXIT_USAGE = 1,
	BOOT_DSS_BLOB = 10,         /* cannot read or validate the blob */
	BOOT_DSS_NO_UNIT = 11,      /* no unit to program */
	BOOT_DSS_CAPS = 12,         /* tables cannot be walked nor rebuilt */
	BOOT_DSS_LATE = 13,         /* a late-bound name is unresolved */
	BOOT_DSS_TIMEOUT = 14,      /* a register did not complete */
	BOOT_DSS_SAFETY = 15,       /* safety required and not met */
	BOOT_DSS_SYSLOG = 16,       /* system log required and unreachable */
	BOOT_DSS_USER = 17,         /* dropping privileges failed */
	BOOT_DSS_TABLE_MEMORY = 18, /* table memory missing or too small */
	BOOT_DSS_INTERNAL = 19,
};

struct boot_opts {
	const char *blob_path;
	const char *backend;      /* "sim" or "vtd" */
	struct backend_args args;
	bool foreground;
	const char *probe_file;
	const char *asinfo;       /* DTB for late binding */
	const char *log_file;
	const char *syslog_socket;
	unsigned verbose;
	int poll_ms;
	int run_for;              /* seconds of monitoring, 0: for ever */
};

#define BOOT_FAULT_RING 64

struct boot_fault {
	uint16_t sid;
	uint64_t addr;
	bool write;
	unsigned reason;
	unsigned unit;
};

struct boot {
	struct boot_opts o;
	const struct backend *be;
	void *map;                /* the mapped blob */
	size_t map_len;
	struct smmub_view v;
	bool blob_ok;             /* the structure holds */
	bool crc_ok;              /* and its CRC was checked */
	int blob_err;
	uint64_t blob_bad_offset;
	bool syslog_ok;
	struct rt_unit units[RT_MAX_UNITS];
	int nunits;
	bool dss;                 /* in the Design Safe State */
	uint64_t pool_first;      /* table memory bytes used by the tables */
	struct boot_fault ring[BOOT_FAULT_RING];
	unsigned ring_next, nfaults;
	void *drv[RT_MAX_UNITS];  /* per-unit driver state (capabilities) */
};

/* Opens the log, maps and validates the blob. 0, or -1 (usage). */
int boot_prepare(struct boot *b, const struct boot_opts *o);
/* Whether the policy asks for the foreground. */
bool boot_wants_foreground(const struct boot *b);
/* The policy's message-block-timeout in ms (0: no bound). */
unsigned boot_message_timeout(const struct boot *b);
/* The whole boot; returns BOOT_OK or the DSS status (DSS already entered). */
int boot_run(struct boot *b);
/* Runs the probes of path through the unit; prints one line each. */
int boot_probes(struct boot *b, const char *path);
/* Polls faults until run_for expires (or for ever). */
void boot_monitor(struct boot *b);
void boot_finish(struct boot *b);

#endif
