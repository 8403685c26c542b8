/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What board.c (the tree, the units) and board_streams.c (the StreamIDs)
 * share: the tree as read, and how both name its nodes and positions.
 */
#ifndef SMMU_BOARD_INT_H
#define SMMU_BOARD_INT_H

#include <stddef.h>
#include "front/board.h"
#include "front/srcpos.h"
#include "smmuv3/smmuv3_board.h"

struct board {
	srcfile_id file;	/* the position of what the tree gives */
	char *buf;
	size_t len;
	struct smmuv3_fdt_info info;
	size_t host0;		/* the host bridge of PCI segment 0, or SMMUV3_FDT_NONE */
};

/* A node's path, escaped into buf: node names are the tree's bytes. */
const char *board_node_path(const struct board *b, int node, char *buf, size_t size);

/* Where the statements the tree gives come from: line 1 of the tree file. */
struct srcpos board_pos(const struct board *b);

/* calloc of at least one element, so an empty tree's arrays are not NULL. */
void *board_alloc(size_t n, size_t sz);

#endif
