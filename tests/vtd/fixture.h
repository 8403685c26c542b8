/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the VT-d blob tests share: a small hand-worked policy, compiled in
 * process. Its layout with the default profile (4 levels, 2 MiB leaves),
 * on which test_blob.c and test_bootcheck.c rely:
 *   0 root: bus 0 -> page 1.
 *   1 context: devfn 0x10 (00:02.0) and 0x18 (00:03.0), each lo -> page 2
 *     and hi 0x102 (AW 2, DID 1).
 *   2 PML4[0] -> page 3; 3 PDPT[1] -> page 4.
 *   4 PD: [0] -> page 5; [2] [3] the two 2 MiB leaves of the 4 MiB region
 *     0x40400000 RW; [4] -> page 6.
 *   5 PT: the 1 MiB region 0x40000000, 256 leaves RW.
 *   6 PT: 0x40800000 R; 0x40802000 W and 0x40803000 RW; 0x40805000 R.
 * 14 runs; 7 relocations: root, both context lo, PML4, PDPT, PD[0], PD[4].
 */
#ifndef SMMU_TESTS_VTD_FIXTURE_H
#define SMMU_TESTS_VTD_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

extern const char fixture_policy[];

/*
 * Compiles text (one -e line) with the default options into a new blob.
 * 0, or -1 (diagnostics on stderr).
 */
int fixture_compile(const char *text, void **blob, size_t *len);

/*
 * The same for the file at path (NULL: text), with tables or without:
 * parse, sema, checks and lowering, as smmucc does.
 */
int fixture_compile_source(const char *path, const char *text, bool tables, void **blob,
			   size_t *len);

/* The same with smmucc's --profile value (NULL: the policy's default tables, "none"). */
int fixture_compile_profile(const char *path, const char *text, const char *profile,
			    void **blob, size_t *len);

#endif
