/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A client of the shared libsmmu.so.1, built with <smmu.h> as a user
 * would include it (-Wpedantic): with no daemon at $SMMUMAN_SOCKET, each
 * call fails as smmu_init(3) says. shlib.sh runs it and checks its lines.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <smmu.h>

static void say(const char *what, int rc)
{
	printf("%s %d %s\n", what, rc, rc < 0 ? strerrorname_np(errno) : "-");
}

int main(void)
{
	struct smmu_map_entry e = { .phys = 0x1000, .len = 1 };

	say("smmu_init", smmu_init(0));
	say("smmu_init(1)", smmu_init(1));
	say("smmu_safety", smmu_safety());
	say("smmu_xfer_fd", smmu_xfer_fd());
	say("smmu_device_add_pci", smmu_device_add_pci(NULL, 0, 18, 0));
	say("smmu_mapping_add", smmu_mapping_add(NULL, SMF_READ, 0, 1, &e, 0));
	say("smmu_device_report_reserved", (int)smmu_device_report_reserved(NULL, 0, NULL, 0));
	smmu_fini();
	return 0;
}
