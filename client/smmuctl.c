/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuctl: asks a running smmuman what it holds (status, faults) and, on
 * the simulated unit, what a DMA would do (probe). Read-only requests; the
 * daemon renders the text, so this stays a pipe from the socket to stdout.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/conn.h"
#include "client/smmu.h"
#include "iommu/probe.h"

enum { EXIT_ANSWERED = 0, EXIT_USAGE = 1, EXIT_UNREACHABLE = 2, EXIT_REFUSED = 3 };

static void usage(FILE *out)
{
	fputs("Usage: smmuctl [--json] [--socket PATH] status|faults|probe SPEC ADDR r|w\n"
	      "Ask a running smmuman (read-only).\n"
	      "\n"
	      "  status                 units, clients, their objects, devices and mappings\n"
	      "  faults                 the last faults read from the units, decoded\n"
	      "  probe SPEC ADDR r|w    the simulated unit only: one DMA of device SPEC\n"
	      "                         (pci:B:D.F or mem:PADDR) at ADDR; prints allow or deny\n"
	      "      --json             one JSON document\n"
	      "      --socket PATH      smmuman's socket (default $SMMUMAN_SOCKET, else\n"
	      "                         " SMMU_DEFAULT_SOCKET ")\n"
	      "\n"
	      "Exit status: 0 answered, 1 usage, 2 smmuman unreachable, 3 refused.\n", out);
}

/* "SPEC ADDR r|w" into the probe request, with the one parser --probe uses. */
static int probe_req(char **argv, struct smmup_req *r)
{
	char line[512], err[512];
	struct probe p;

	if (snprintf(line, sizeof(line), "%s %s %s", argv[0], argv[1], argv[2]) >=
	    (int)sizeof(line) || probe_parse(line, &p, err, sizeof(err))) {
		fprintf(stderr, "smmuctl: probe: %s\n", err);
		return -1;
	}
	r->devid.type = p.mem ? 1 : 0;
	r->devid.phys = p.mmio;
	r->devid.bus = p.sid >> 8;
	r->devid.dev = (p.sid >> 3) & 31;
	r->devid.func = p.sid & 7;
	r->addr = p.addr;
	r->write = p.write;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "socket", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct smmup_req r = { 0 };
	struct smmup_reply rep;
	const char *path = NULL;
	struct smmuc *c;
	static uint8_t buf[SMMUP_HDR_SIZE + SMMUP_MAX_PAYLOAD];
	int o;

	while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 'j':
			r.format = SMMUP_FMT_JSON;
			break;
		case 's':
			path = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_ANSWERED;
		case 'V':
			puts("smmuctl (smmu) " PACKAGE_VERSION);
			return EXIT_ANSWERED;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argv += optind;
	argc -= optind;
	if (argc == 1 && !strcmp(argv[0], "status")) {
		r.op = SMMUP_STATUS;
	} else if (argc == 1 && !strcmp(argv[0], "faults")) {
		r.op = SMMUP_FAULTS;
	} else if (argc == 4 && !strcmp(argv[0], "probe")) {
		r.op = SMMUP_PROBE;
		if (probe_req(argv + 1, &r))
			return EXIT_USAGE;
	} else {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!(c = smmuc_open(path, SMMUP_WANT_READ, NULL))) {
		fprintf(stderr, "smmuctl: %s: %s\n", path ? path : smmuc_socket_path(),
			errno == EPERM ? "not permitted (root or smmuman's --client-group)"
				       : strerror(errno));
		return errno == EPERM ? EXIT_REFUSED : EXIT_UNREACHABLE;
	}
	if (smmuc_call(c, &r, NULL, &rep, buf, sizeof(buf))) {
		fprintf(stderr, "smmuctl: %s\n", strerror(errno));
		smmuc_close(c);
		return EXIT_UNREACHABLE;
	}
	smmuc_close(c);
	if (rep.err) {
		fprintf(stderr, "smmuctl: smmuman refused: %s\n",
			rep.err == EOPNOTSUPP ? "probes need the simulated unit" : strerror(rep.err));
		return EXIT_REFUSED;
	}
	/* the daemon's text, escaped there; written as it came */
	fwrite(rep.body, 1, rep.body_len, stdout);
	return fflush(stdout) ? EXIT_UNREACHABLE : EXIT_ANSWERED;
}
