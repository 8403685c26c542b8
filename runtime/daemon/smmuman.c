/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuman: boots a policy blob on the IOMMU and watches it.
 *
 * This file is the command line and the process life: start-up (in a
 * child that reports success or failure through the parent's exit status
 * unless --foreground), then the fault monitor. The boot itself is boot.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "daemon/boot.h"
#include "daemon/log.h"
#include "daemon/server.h"

#ifdef SMMU_SAFETY_VARIANT
#define IDENT "smmuman-safety"
#else
#define IDENT "smmuman"
#endif

enum {
	OPT_BACKEND = 256,
	OPT_TABLE_MEMORY,
	OPT_FOREGROUND,
	OPT_BACKGROUND,
	OPT_GUEST,
	OPT_PROBE,
	OPT_ASINFO,
	OPT_DMAR,
	OPT_BOARD,
	OPT_SIM,
	OPT_LOG_FILE,
	OPT_SYSLOG_SOCKET,
	OPT_POLL_MS,
	OPT_RUN_FOR,
	OPT_SOCKET,
	OPT_CLIENT_GROUP,
	OPT_PCI_DEVICES,
	OPT_VERSION,
};

static const struct option long_opts[] = {
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "table-memory", required_argument, NULL, OPT_TABLE_MEMORY },
	{ "foreground", no_argument, NULL, OPT_FOREGROUND },
	{ "background", no_argument, NULL, OPT_BACKGROUND },
	{ "guest", no_argument, NULL, OPT_GUEST },
	{ "probe", required_argument, NULL, OPT_PROBE },
	{ "asinfo", required_argument, NULL, OPT_ASINFO },
	{ "dmar", required_argument, NULL, OPT_DMAR },
	{ "board", required_argument, NULL, OPT_BOARD },
	{ "sim", required_argument, NULL, OPT_SIM },
	{ "log-file", required_argument, NULL, OPT_LOG_FILE },
	{ "syslog-socket", required_argument, NULL, OPT_SYSLOG_SOCKET },
	{ "poll-ms", required_argument, NULL, OPT_POLL_MS },
	{ "run-for", required_argument, NULL, OPT_RUN_FOR },
	{ "socket", required_argument, NULL, OPT_SOCKET },
	{ "client-group", required_argument, NULL, OPT_CLIENT_GROUP },
	{ "pci-devices", required_argument, NULL, OPT_PCI_DEVICES },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: " IDENT " [OPTIONS] POLICY.smmub\n"
	      "Boot a policy blob made by smmucc on the IOMMU, then watch for DMA faults.\n"
	      "\n"
	      "      --backend sim|devmem   the architecture's simulated unit (default) or the\n"
	      "                             real one through /dev/mem ('vtd': devmem); the\n"
	      "                             architecture is the blob's smmu type\n"
	      "      --table-memory PADDR,LEN\n"
	      "                             reserved physical memory for the translation\n"
	      "                             tables (default 0xc000000,16M)\n"
	      "      --foreground           stay in the foreground (default: background once\n"
	      "                             started; the exit status says whether it started)\n"
	      "      --background           with --probe: start in the background all the\n"
	      "                             same; the started process answers the probes\n"
	      "      --guest                run as a hypervisor guest: reserved, smmu, unit and\n"
	      "                             use entries are ignored and listed\n"
	      "      --probe FILE           after boot, send the DMA probes of FILE ('SPEC ADDR\n"
	      "                             r|w' per line) through the unit, print one\n"
	      "                             allow/deny line each, and exit (sim backend)\n"
	      "      --asinfo DTB           resolve late-bound asinfo names from this device\n"
	      "                             tree (default /sys/firmware/fdt)\n"
	      "      --dmar FILE            ACPI DMAR table (default\n"
	      "                             /sys/firmware/acpi/tables/DMAR; VT-d)\n"
	      "      --board DTB            the simulated board's device tree: its SMMUv3\n"
	      "                             units and StreamIDs (SMMUv3)\n"
	      "      --sim OPTIONS          the simulated unit; VT-d: aw=39|48|48only|none,\n"
	      "                             sp=none|2m|2m1g, units=N, timeout, delay=MS;\n"
	      "                             SMMUv3: qemu, stage=1|2|12|none, oas=N, linear,\n"
	      "                             sidsize=N, units=N, stuck=cr0ack|gbpa|cmdq|sync\n"
	      "      --log-file FILE        the system log is FILE instead of syslog\n"
	      "      --syslog-socket PATH   syslog's socket (default /dev/log)\n"
	      "      --socket PATH          serve libsmmu clients and smmuctl here (default\n"
	      "                             $SMMUMAN_SOCKET, else " SERVER_DEFAULT_SOCKET ";\n"
	      "                             'none': no clients)\n"
	      "      --client-group GROUP   members of GROUP may attach devices (default: root\n"
	      "                             only)\n"
	      "      --pci-devices DIR      the PCI devices a client's wildcard attach matches\n"
	      "                             (default /sys/bus/pci/devices)\n"
	      "      --poll-ms N            fault polling interval (default 100)\n"
	      "      --run-for SECONDS      stop monitoring after SECONDS (tests)\n"
	      "  -v, --verbose              more log output (twice: more still)\n"
	      "      --version              print the version\n"
	      "  -h, --help                 print this help\n"
	      "\n"
	      "Exit status: 0 started (or probes answered), 1 usage error, 10-19 the Design\n"
	      "Safe State was entered (all DMA blocked; see smmuman(8) for each status).\n",
	      out);
}

/*
 * "PADDR,LEN": address hexadecimal, length decimal, K/M/G multipliers. A
 * multiplier that overflows, or a range that wraps, is refused.
 */
static int parse_table_memory(const char *s, uint64_t *paddr, uint64_t *len)
{
	char *end;
	unsigned long long a, l;
	unsigned shift = 0;

	if (*s == '-' || *s == '+')
		return -1;
	errno = 0;
	a = strtoull(s, &end, 16);
	if (errno || end == s || *end != ',')
		return -1;
	s = end + 1;
	if (*s == '-' || *s == '+')
		return -1;
	l = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	}
	if (l > (ULLONG_MAX >> shift))
		return -1;
	l <<= shift;
	if (*end || !l || (a & 4095) || (l & 4095) || a > UINT64_MAX - l)
		return -1;
	*paddr = a;
	*len = l;
	return 0;
}

static bool probe_background, socket_set;

static int parse_args(int argc, char **argv, struct boot_opts *o)
{
	int c, verbose = 0;

	while ((c = getopt_long(argc, argv, "vh", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_BACKEND:
			o->backend = optarg;
			break;
		case OPT_TABLE_MEMORY:
			if (parse_table_memory(optarg, &o->args.table_phys, &o->args.table_len)) {
				fprintf(stderr, IDENT ": bad --table-memory '%s': expected "
						"PADDR,LEN, both 4 KiB aligned, LEN not 0, "
						"PADDR+LEN within 64 bits\n", optarg);
				return -1;
			}
			break;
		case OPT_FOREGROUND:
			o->foreground = true;
			break;
		case OPT_BACKGROUND:
			probe_background = true;
			break;
		case OPT_GUEST:
			o->args.guest = true;
			break;
		case OPT_PROBE:
			o->probe_file = optarg;
			break;
		case OPT_ASINFO:
			o->asinfo = optarg;
			break;
		case OPT_DMAR:
			o->args.firmware = optarg;
			break;
		case OPT_BOARD:
			o->args.board = optarg;
			break;
		case OPT_SIM:
			o->args.sim = optarg;
			break;
		case OPT_LOG_FILE:
			o->log_file = optarg;
			break;
		case OPT_SYSLOG_SOCKET:
			o->syslog_socket = optarg;
			break;
		case OPT_POLL_MS:
			o->poll_ms = atoi(optarg);
			if (o->poll_ms < 1 || o->poll_ms > 60000) {
				fprintf(stderr, IDENT ": --poll-ms takes 1 to 60000\n");
				return -1;
			}
			break;
		case OPT_SOCKET:
			o->socket = strcmp(optarg, "none") ? optarg : NULL;
			socket_set = true;
			break;
		case OPT_CLIENT_GROUP:
			o->client_group = optarg;
			break;
		case OPT_PCI_DEVICES:
			o->pci_devices = optarg;
			break;
		case OPT_RUN_FOR:
			o->run_for = atoi(optarg);
			break;
		case 'v':
			verbose++;
			break;
		case OPT_VERSION:
			printf(IDENT " (smmu) " PACKAGE_VERSION "\n");
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, IDENT ": expected one policy blob (see --help)\n");
		return -1;
	}
	o->blob_path = argv[optind];
	/* probes answer and exit: no clients unless a socket is asked for */
	if (!socket_set && !o->probe_file) {
		/* where libsmmu and smmuctl look: $SMMUMAN_SOCKET, else the default */
		const char *env = getenv("SMMUMAN_SOCKET");

		o->socket = env && *env ? env : SERVER_DEFAULT_SOCKET;
		if (!strcmp(o->socket, "none"))
			o->socket = NULL;
	}
	o->verbose = (unsigned)(verbose > 2 ? 2 : verbose);
	return 0;
}

/* How long the started process may take to confirm after it was told to stop. */
#define ABORT_GRACE_MS 2000
/* The bound on preparing (reading, validating, rebuilding tables) before any register. */
#define PREPARE_MS 60000

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * One byte from fd by deadline (-1: none): the byte, -1 end of file, -2
 * the deadline passed.
 */
static int read_by(int fd, int64_t deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	unsigned char c;
	ssize_t n;

	for (;;) {
		int64_t left = deadline < 0 ? -1 : deadline - mono_ms();

		if (deadline >= 0 && left < 0)
			left = 0;
		n = poll(&pfd, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return -2;
		do
			n = read(fd, &c, 1);
		while (n < 0 && errno == EINTR);
		return n == 1 ? c : -1;
	}
}

/*
 * The starting process: exits with the status the started one reports.
 * It waits PREPARE_MS for the units to be programmed, then
 * message-block-timeout for the report (0: for ever). Past either, the
 * started process is told (SIGUSR1) to block every unit and confirms with
 * 14; if it does not within ABORT_GRACE_MS, it is killed and the units are
 * blocked from here. So 14 is said only once every unit is blocked, and 0
 * only when the units translate.
 */
static void wait_started(struct boot *b, int fd, pid_t pid, unsigned timeout_ms)
{
	int64_t deadline = timeout_ms ? mono_ms() + PREPARE_MS : -1;
	int c, ws;

	while ((c = read_by(fd, deadline)) == BOOT_MSG_PROGRAMMING)
		deadline = timeout_ms ? mono_ms() + timeout_ms : -1;
	if (c == -2) {
		fprintf(stderr, IDENT ": start-up did not report within %u ms "
				"(message-block-timeout): stopping it\n", timeout_ms);
		kill(pid, SIGUSR1);
		deadline = mono_ms() + ABORT_GRACE_MS;
		while ((c = read_by(fd, deadline)) == BOOT_MSG_PROGRAMMING)
			;
	}
	if (c >= 0)
		_exit(c);
	if (c == -2) {
		kill(pid, SIGKILL);
		waitpid(pid, &ws, 0);
		_exit(boot_block_units(b, BOOT_DSS_TIMEOUT, "start-up took longer than "
				       "message-block-timeout and did not stop when told: "
				       "killed it; all DMA blocked"));
	}
	/* the child died without a word: its own exit status says why */
	for (deadline = mono_ms() + ABORT_GRACE_MS; mono_ms() < deadline;) {
		struct timespec nap = { 0, 10 * 1000000L };

		if (waitpid(pid, &ws, WNOHANG) == pid)
			_exit(WIFEXITED(ws) ? WEXITSTATUS(ws) : BOOT_DSS_INTERNAL);
		nanosleep(&nap, NULL);
	}
	/* alive without a status: nobody can say what its units do */
	kill(pid, SIGKILL);
	waitpid(pid, &ws, 0);
	_exit(boot_block_units(b, BOOT_DSS_INTERNAL, "start-up closed its status pipe without a "
			       "status: killed it; all DMA blocked"));
}

/* Background start: the child boots and reports through a pipe; the parent exits with it. */
static int start_background(struct boot *b, int *status_fd)
{
	int fds[2];
	pid_t pid;

	sigset_t usr1, old;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	/* held until the child catches it: an early one must not kill it */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	pid = fork();
	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		setsid();
		*status_fd = fds[1];
		b->o.progress_fd = fds[1];
		boot_catch_signals();
		sigprocmask(SIG_SETMASK, &old, NULL);
		return 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(fds[1]);
	wait_started(b, fds[0], pid, boot_message_timeout(b));
	return -1;
}

static void report(int fd, int status)
{
	unsigned char st = (unsigned char)status;

	if (fd >= 0) {
		if (write(fd, &st, 1) != 1)
			log_msg(LOG_LVL_WARN, "cannot report start-up status: %s", strerror(errno));
		close(fd);
	}
}

static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
}

int main(int argc, char **argv)
{
	struct boot_opts o = {
		.backend = "sim",
		.args = { .table_phys = 0x0c000000, .table_len = 16u << 20 },
		.poll_ms = 100,
		.progress_fd = -1,
		.pci_devices = "/sys/bus/pci/devices",
	};
	struct boot b;
	int status_fd = -1, st;
	bool bg;

	o.t_exec_us = boot_mono_us();
	if (parse_args(argc, argv, &o))
		return BOOT_EXIT_USAGE;
	signal(SIGPIPE, SIG_IGN);
	if (boot_prepare(&b, &o))
		return BOOT_EXIT_USAGE;
	/* probes need the answers on our stdout: the foreground, unless --background */
	bg = !o.foreground && (!o.probe_file || probe_background) && !boot_wants_foreground(&b);
	if (bg && start_background(&b, &status_fd)) {
		fprintf(stderr, IDENT ": cannot fork: %s\n", strerror(errno));
		return BOOT_EXIT_USAGE;
	}
	/* a stop or a hang-up during boot waits for the boot: never half-programmed */
	boot_catch_signals();
	st = boot_run(&b);
	report(status_fd, st);
	if (o.probe_file) {
		int pr = boot_probes(&b, o.probe_file);

		boot_finish(&b);
		return st ? st : pr;
	}
	if (st) {
		boot_finish(&b);
		return st;
	}
	log_startup_done();
	if (status_fd >= 0)
		detach_stdio();
	boot_phase(&b, status_fd >= 0 ? "daemon detached" : "monitoring");
	st = boot_monitor(&b);
	boot_finish(&b);
	return st;
}
