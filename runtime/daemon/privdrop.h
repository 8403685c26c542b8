/* SPDX-License-Identifier: BSD-2-Clause */
/* Dropping to the policy's `user` once the hardware is set up. */
#ifndef SMMU_PRIVDROP_H
#define SMMU_PRIVDROP_H

#include <stddef.h>
#include "blob/blob.h"

/*
 * Drops to the user of the policy's settings (nothing to do without a user
 * line) and verifies that the drop holds: real, effective and saved ids
 * are the target's, the groups are the target's, and regaining root fails.
 * Before the ids change, the capability bounding set is emptied and
 * no_new_privs set (without a user line too, where the process may).
 * Returns 0, or -1 with the reason in why.
 */
int privdrop(const struct smmub_view *v, char *why, size_t whylen);

#endif
