/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for runtime/util/readfdt.c: a device tree is read up to the
 * end of its used blocks, and the copy's totalsize says so; a tree whose
 * file lacks its free space (as if it had never been read) is still
 * whole; a header that does not say where the blocks end is read whole;
 * a header that lies is left to libfdt, which refuses the copy.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cu_run.h"
#include "util/readall.h"

#define TREE_SIZE (1u << 20)	/* QEMU virt's: 1 MiB, nearly all of it free */

static char path[64];
static char *tree;

/* A tree like QEMU's: a few nodes at the front of TREE_SIZE bytes. */
static size_t make_tree(void)
{
	int off;

	tree = calloc(1, TREE_SIZE);
	CU_ASSERT_FATAL(tree != NULL);
	CU_ASSERT_FATAL(fdt_create_empty_tree(tree, TREE_SIZE) == 0);
	off = fdt_add_subnode(tree, 0, "iommu@9050000");
	CU_ASSERT_FATAL(off > 0);
	CU_ASSERT_FATAL(fdt_setprop_string(tree, off, "compatible", "arm,smmu-v3") == 0);
	CU_ASSERT_FATAL(fdt_setprop_u32(tree, off, "#iommu-cells", 1) == 0);
	CU_ASSERT_FATAL(fdt_totalsize(tree) == TREE_SIZE);
	return fdt_off_dt_strings(tree) + fdt_size_dt_strings(tree);
}

static void put(const void *p, size_t n)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/test_readfdt.%ld", (long)getpid());
	f = fopen(path, "wb");
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_FATAL(fwrite(p, 1, n, f) == n);
	CU_ASSERT_FATAL(fclose(f) == 0);
}

static void done(char *buf)
{
	free(buf);
	free(tree);
	tree = NULL;
	unlink(path);
}

static void test_used_part_only(void)
{
	size_t used = make_tree(), len = 0;
	char *buf;

	put(tree, TREE_SIZE);
	buf = read_fdt_max(path, 64u << 20, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(len, used);
	CU_ASSERT(len < 4096);
	CU_ASSERT_EQUAL(fdt_totalsize(buf), len);
	CU_ASSERT_EQUAL(memcmp(buf + 8, tree + 8, len - 8), 0);
	CU_ASSERT_EQUAL(fdt_check_full(buf, len), 0);
	CU_ASSERT_EQUAL(fdt_node_offset_by_compatible(buf, -1, "arm,smmu-v3") > 0, 1);
	done(buf);
}

/* Without its free space the file is short of totalsize: read_file_max's copy fails libfdt. */
static void test_free_space_absent(void)
{
	size_t used = make_tree(), len = 0;
	char *buf;

	put(tree, used);
	buf = read_file_max(path, 64u << 20, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(fdt_check_full(buf, len), -FDT_ERR_TRUNCATED);
	free(buf);
	buf = read_fdt_max(path, 64u << 20, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(len, used);
	CU_ASSERT_EQUAL(fdt_check_full(buf, len), 0);
	done(buf);
}

/* A reservation map after the blocks: the header does not bound them; all of it is read. */
static void test_rsvmap_last_whole(void)
{
	size_t len = 0;
	char *buf;

	make_tree();
	fdt_set_off_mem_rsvmap(tree, TREE_SIZE - 16);
	put(tree, TREE_SIZE);
	buf = read_fdt_max(path, 64u << 20, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(len, TREE_SIZE);
	CU_ASSERT_EQUAL(fdt_totalsize(buf), TREE_SIZE);
	done(buf);
}

/* Not a tree, a short file, an empty one: read as read_file_max reads them. */
static void test_not_a_tree(void)
{
	static const char text[] = "unit smmu0 0x09050000\n";
	size_t len = 0;
	char *buf;

	put(text, sizeof(text) - 1);
	buf = read_fdt_max(path, 1024, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(len, sizeof(text) - 1);
	CU_ASSERT_STRING_EQUAL(buf, text);
	done(buf);
	put(text, 0);
	buf = read_fdt_max(path, 1024, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(len, 0);
	done(buf);
}

/* Blocks said to reach past the file: the copy is what was read, and libfdt refuses it. */
static void test_lying_header(void)
{
	size_t used = make_tree(), len = 0;
	char *buf;

	fdt_set_size_dt_strings(tree, fdt_size_dt_strings(tree) + 4096);
	put(tree, used);
	buf = read_fdt_max(path, 64u << 20, &len);
	CU_ASSERT_FATAL(buf != NULL);
	CU_ASSERT_EQUAL(len, used);
	CU_ASSERT_EQUAL(fdt_totalsize(buf), used);
	CU_ASSERT(fdt_check_full(buf, len) < 0);
	done(buf);
}

static void test_bound(void)
{
	size_t used = make_tree(), len = 0;
	char *buf;

	put(tree, TREE_SIZE);
	errno = 0;
	buf = read_fdt_max(path, used - 1, &len);
	CU_ASSERT_PTR_NULL(buf);
	CU_ASSERT_EQUAL(errno, EFBIG);
	buf = read_fdt_max(path, used, &len);
	CU_ASSERT_PTR_NOT_NULL(buf);
	CU_ASSERT_EQUAL(len, used);
	done(buf);
	errno = 0;
	CU_ASSERT_PTR_NULL(read_fdt_max("/nonexistent/fdt", 4096, &len));
	CU_ASSERT_EQUAL(errno, ENOENT);
}

int main(void)
{
	static const struct cu_case tests[] = {
		{ "the used blocks only, totalsize set", test_used_part_only },
		{ "a file without its free space", test_free_space_absent },
		{ "a reservation map after the blocks: whole", test_rsvmap_last_whole },
		{ "not a tree: whole", test_not_a_tree },
		{ "a header that lies: libfdt refuses", test_lying_header },
		{ "the size bound, a missing file", test_bound },
	};

	return CU_RUN("readfdt", tests);
}
