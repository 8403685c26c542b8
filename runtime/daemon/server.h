/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuman's clients (libsmmu, smmuctl): a Unix socket, one session per
 * connection, the peer's credentials on every request, objects and
 * their devices and mappings changed live through the architecture's
 * live ops (iommu/live.h), transgressions queued for the owner.
 *
 * The server runs inside the fault monitor's loop, one thread: a request
 * is served whole before the next is read, so the tables never see two
 * updates at once, and a slow or hostile client holds up only itself
 * (its socket is non-blocking; while its reply is unsent, nothing more
 * of it is read).
 */
#ifndef SMMU_SERVER_H
#define SMMU_SERVER_H

#include <stdbool.h>
#include "daemon/boot.h"
#include "iommu/fault_fmt.h"

#define SERVER_DEFAULT_SOCKET "/run/smmuman/smmuman.sock"

/*
 * Listens on b->o.socket (NULL: none) and takes over the tables for
 * live updates. Before privileges are dropped: the socket's directory may
 * be root's. A socket that cannot be served is logged and the daemon goes
 * on without clients (translation is on with the policy either way): 0.
 */
int server_open(struct boot *b);
/* Serves the socket for up to ms milliseconds (or until a signal). */
void server_serve(struct boot *b, int ms);
/* The DSS status a client's update ended in (all DMA blocked), or 0. */
int server_fatal(const struct boot *b);
/* A fault the monitor read from unit: queued for the device's owner, if a client's. */
void server_fault(struct boot *b, int unit, const struct iommu_fault *f, const char *text);
/* Every client dropped (their devices blocked), the socket removed. */
void server_close(struct boot *b);

#endif
