/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An independent statement of the content rules, for the flip test. It
 * reads entries in place (so it assumes a little-endian host, as the test
 * machines are) through the section layout of an unchanged blob.
 */
#ifndef SMMU_TEST_ORACLE_H
#define SMMU_TEST_ORACLE_H

#include <stdbool.h>
#include "blob/blob.h"

/* Whether the entries of blob, laid out as in orig, obey every rule. */
bool oracle_contents_ok(const unsigned char *blob, const struct smmub_view *orig);

#endif
