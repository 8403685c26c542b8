/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmucc --board FILE.dtb: the board's device tree makes an armsmmuv3
 * configuration explicit before the checks see it (smmu(5), "StreamIDs").
 * Units the configuration does not declare become unit statements, and
 * devices without a StreamID get the unit and StreamID the tree gives
 * them, so the blob is self-contained: smmuman boots it without the tree,
 * and -O smmu shows what the tree decided. Unit and use lines of the
 * configuration win over the tree, as configuration overrides firmware.
 *
 * The order in smmucc: board_load, parse, board_units, sema_build,
 * board_streams, checks_run. board_units works on statements because a
 * use line may name a unit of the tree (smmu0), which sema must find
 * declared; board_streams works on the model because it needs each
 * device's spec and current use line.
 */
#ifndef SMMU_BOARD_H
#define SMMU_BOARD_H

#include "front/ast.h"
#include "front/diag.h"

/* Bound on the tree file: arm64 Linux's MAX_FDT_SIZE. */
#define BOARD_MAX_SIZE (2u << 20)

struct board;

/*
 * Reads and parses the tree at path, whole, as hostile input. NULL when it
 * cannot be read or is not a tree the SMMUv3 reader accepts: reported as
 * "PATH: ..." with the reader's error text; smmucc exits 2.
 */
struct board *board_load(const char *path, struct diag_ctx *d);
void board_free(struct board *b);

/*
 * Before sema: the tree becomes an input of the policy (for -d) and, when
 * the policy is armsmmuv3 and no armsmmuv3 unit line is anywhere, one unit
 * statement per available SMMUv3 of the tree (smmu0, smmu1... in tree
 * order, the register base as parameter) right after the first smmu
 * line. b NULL: nothing.
 */
void board_units(struct config *cfg, struct diag_ctx *d, const struct board *b);

/*
 * After sema: each device without a StreamID gets the tree's unit and
 * StreamID (board-unmapped, board-stream-map, board-unit-missing report
 * what the tree cannot give). b NULL: nothing.
 */
void board_streams(struct config *cfg, struct diag_ctx *d, const struct board *b);

#endif
