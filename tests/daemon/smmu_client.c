/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A client of smmuman driven line by line, for the tests: each command on
 * stdin is one libsmmu call, and its result one line on stdout ("ok N" or
 * "err ENAME"), flushed, so a script can converse with it through pipes.
 *
 *   create [manual]            smmu_obj_create          -> ok ID
 *   destroy ID                 smmu_obj_destroy         -> ok 0
 *   add ID|- pci:B:D.F         smmu_device_add_pci      -> ok 0|1, err EBUSY...
 *                              (a field may be *: SMMU_PCI_FIELD_ANY)
 *   add ID|- mem:PADDR,LEN     smmu_device_add_mmio
 *   map ID r|w|rw|x|none ADDR,LEN[ ADDR,LEN...] [target=PA]
 *                              smmu_mapping_add         -> ok N
 *   reserved pci:B:D.F OFFSET MAX
 *                              smmu_device_report_reserved -> ok REMAINING ADDR,LEN...
 *   status                     smmu_xfer_status         -> ok 0 | ok 1 ADDR DEV FLAGS HW
 *   notify signal|none         smmu_xfer_notify (SIGUSR1 counted)
 *   signals                    -> ok N (SIGUSR1 received so far)
 *   wait MS                    poll(smmu_xfer_fd()) -> ok 1 readable | ok 0
 *   safety                     smmu_safety              -> ok N
 *   fini                       smmu_fini, then exit
 * The first line may be "init": smmu_init(0) (-> ok 0 | err E).
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <smmu.h>

static volatile sig_atomic_t nsig;

static void on_usr1(int sig)
{
	(void)sig;
	nsig++;
}

static const char *ename(int e)
{
	static const struct { int e; const char *n; } names[] = {
		{ EBUSY, "EBUSY" }, { ENOENT, "ENOENT" }, { EPERM, "EPERM" }, { EINVAL, "EINVAL" },
		{ ENOMEM, "ENOMEM" }, { ENOSPC, "ENOSPC" }, { EACCES, "EACCES" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { E2BIG, "E2BIG" }, { ECONNREFUSED, "ECONNREFUSED" },
		{ ENOTCONN, "ENOTCONN" }, { EPIPE, "EPIPE" }, { ECONNRESET, "ECONNRESET" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { EPROTO, "EPROTO" }, { ENOSYS, "ENOSYS" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].n;
	return "E?";
}

static struct smmu_object *objs[64];

static struct smmu_object *obj(const char *s)
{
	unsigned long i = strtoul(s, NULL, 0);

	return i < 64 ? objs[i] : NULL;
}

/* A PCI field: a number, or "*" for SMMU_PCI_FIELD_ANY. */
static unsigned field(const char *s)
{
	return *s == '*' ? SMMU_PCI_FIELD_ANY : (unsigned)strtoul(s, NULL, 0);
}

static int devid(const char *s, union smmu_devid *d)
{
	char b[16], dv[16], f[16];
	unsigned long long pa, len;

	memset(d, 0, sizeof(*d));
	if (sscanf(s, "pci:%15[0-9*]:%15[0-9*].%15[0-9*]", b, dv, f) == 3) {
		d->pci.type = SDT_PCI;
		d->pci.bus = field(b);
		d->pci.dev = field(dv);
		d->pci.func = field(f);
		return 0;
	}
	if (sscanf(s, "mem:%llx,%llx", &pa, &len) == 2) {
		d->mmio.type = SDT_MMIO;
		d->mmio.phys = pa;
		d->mmio.length = (unsigned)len;
		return 0;
	}
	return -1;
}

static unsigned flags_of(const char *s)
{
	if (!strcmp(s, "none"))
		return SMF_NONE;
	return (strchr(s, 'r') ? SMF_READ : 0) | (strchr(s, 'w') ? SMF_WRITE : 0) |
	       (strchr(s, 'x') ? SMF_EXEC : 0);
}

static void result(int rc)
{
	if (rc < 0)
		printf("err %s\n", ename(errno));
	else
		printf("ok %d\n", rc);
}

static void cmd_map(char *args)
{
	struct smmu_map_entry e[64];
	unsigned n = 0, flags;
	uint64_t target = 0;
	char *tok = strtok(args, " "), *fl = strtok(NULL, " ");
	struct smmu_object *o = tok ? obj(tok) : NULL;

	if (!fl) {
		puts("err usage");
		return;
	}
	flags = flags_of(fl);
	while ((tok = strtok(NULL, " ")) && n < 64) {
		unsigned long long a, l;

		if (sscanf(tok, "target=%llx", &a) == 1) {
			target = a;
			flags |= SMF_TARGET;
		} else if (sscanf(tok, "%llx,%llx", &a, &l) == 2) {
			e[n].phys = a;
			e[n++].len = l;
		}
	}
	result(smmu_mapping_add(o, flags, 0, n, e, target));
}

static void cmd_reserved(char *args)
{
	struct smmu_map_entry e[16];
	union smmu_devid d;
	char dev[64];
	unsigned off, max, rem;

	if (sscanf(args, "%63s %u %u", dev, &off, &max) != 3 || devid(dev, &d) || max > 16) {
		puts("err usage");
		return;
	}
	rem = smmu_device_report_reserved(&d, off, e, max);
	if (rem == (unsigned)-1) {
		printf("err %s\n", ename(errno));
		return;
	}
	printf("ok %u", rem);
	for (unsigned i = 0; i < rem && i < max; i++)
		printf(" 0x%" PRIx64 ",0x%" PRIx64, (uint64_t)e[i].phys, (uint64_t)e[i].len);
	putchar('\n');
}

static void cmd_status(void)
{
	struct smmu_status st;
	int rc = smmu_xfer_status(&st);

	if (rc <= 0) {
		result(rc);
		return;
	}
	if (st.devid.type == SDT_PCI)
		printf("ok %d 0x%" PRIx64 " pci:%u:%u.%u 0x%x 0x%" PRIx64 "\n", rc,
		       (uint64_t)st.fault_addr, st.devid.pci.bus, st.devid.pci.dev,
		       st.devid.pci.func, st.flags, (uint64_t)st.hw_specific);
	else
		printf("ok %d 0x%" PRIx64 " mem:0x%" PRIx64 " 0x%x 0x%" PRIx64 "\n", rc,
		       (uint64_t)st.fault_addr, (uint64_t)st.devid.mmio.phys, st.flags,
		       (uint64_t)st.hw_specific);
}

static void cmd_notify(const char *how)
{
	struct sigevent ev = { 0 };

	if (!strcmp(how, "signal")) {
		ev.sigev_notify = SIGEV_SIGNAL;
		ev.sigev_signo = SIGUSR1;
	} else {
		ev.sigev_notify = SIGEV_NONE;
	}
	result(smmu_xfer_notify(&ev));
}

static void cmd_wait(const char *ms)
{
	struct pollfd p = { .fd = smmu_xfer_fd(), .events = POLLIN };
	int n = poll(&p, 1, atoi(ms));

	printf("ok %d\n", n > 0 ? 1 : 0);
}

int main(void)
{
	char line[4096];
	/* restarted: a notification must not end the conversation (fgets) */
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof(line), stdin)) {
		char *arg, *nl = strchr(line, '\n');
		union smmu_devid d;

		if (nl)
			*nl = 0;
		arg = strchr(line, ' ');
		if (arg)
			*arg++ = 0;
		else
			arg = line + strlen(line);
		if (!strcmp(line, "init")) {
			result(smmu_init(0));
		} else if (!strcmp(line, "create")) {
			struct smmu_object *o = smmu_obj_create(strcmp(arg, "manual") ? SOCF_NONE
									  : SOCF_RESERVED_MANUAL);
			int slot = 1;

			while (slot < 64 && objs[slot])
				slot++;
			if (!o || slot == 64) {
				printf("err %s\n", ename(errno));
				continue;
			}
			objs[slot] = o;
			printf("ok %d\n", slot);
		} else if (!strcmp(line, "destroy")) {
			smmu_obj_destroy(obj(arg));
			objs[strtoul(arg, NULL, 0) % 64] = NULL;
			puts("ok 0");
		} else if (!strcmp(line, "add")) {
			char *dev = strchr(arg, ' ');

			if (!dev || devid(dev + 1, &d)) {
				puts("err usage");
				continue;
			}
			*dev = 0;
			result(smmu_device_add_generic(strcmp(arg, "-") ? obj(arg) : NULL, &d));
		} else if (!strcmp(line, "map")) {
			cmd_map(arg);
		} else if (!strcmp(line, "reserved")) {
			cmd_reserved(arg);
		} else if (!strcmp(line, "status")) {
			cmd_status();
		} else if (!strcmp(line, "notify")) {
			cmd_notify(arg);
		} else if (!strcmp(line, "signals")) {
			printf("ok %d\n", (int)nsig);
		} else if (!strcmp(line, "wait")) {
			cmd_wait(arg);
		} else if (!strcmp(line, "safety")) {
			result(smmu_safety());
		} else if (!strcmp(line, "fini")) {
			smmu_fini();
			puts("ok 0");
			return 0;
		} else {
			puts("err usage");
		}
	}
	return 0;
}
