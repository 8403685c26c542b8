/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "daemon/log.h"
#include "daemon/privdrop.h"

static int gid_cmp(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return x < y ? -1 : x > y;
}

static int verify(uid_t uid, gid_t gid, const gid_t *groups, int ngroups, char *why,
		  size_t whylen)
{
	uid_t r, e, s;
	gid_t rg, eg, sg, now[SMMUB_MAX_GROUPS + 1], want[SMMUB_MAX_GROUPS];
	int n;

	if (getresuid(&r, &e, &s) || r != uid || e != uid || s != uid ||
	    getresgid(&rg, &eg, &sg) || rg != gid || eg != gid || sg != gid) {
		snprintf(why, whylen, "user ids did not change to %u:%u", (unsigned)uid,
			 (unsigned)gid);
		return -1;
	}
	/* the kernel keeps groups sorted: compare as sets */
	n = getgroups(SMMUB_MAX_GROUPS + 1, now);
	memcpy(want, groups, (size_t)ngroups * sizeof(gid_t));
	if (n > 0)
		qsort(now, (size_t)n, sizeof(gid_t), gid_cmp);
	qsort(want, (size_t)ngroups, sizeof(gid_t), gid_cmp);
	if (n != ngroups || (n > 0 && memcmp(now, want, (size_t)n * sizeof(gid_t)))) {
		snprintf(why, whylen, "supplementary groups did not change");
		return -1;
	}
	/* the point of dropping: root must be out of reach for good */
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		snprintf(why, whylen, "could regain root after dropping to uid %u", (unsigned)uid);
		return -1;
	}
	return 0;
}

/*
 * Empties the capability bounding set and sets no_new_privs, so that no
 * exec can hand back what the drop took. Needs CAP_SETPCAP: before the ids
 * change. Returns 0, or -1 with the reason.
 */
static int seal(char *why, size_t whylen)
{
	int cap;

	/* first: it needs no privilege, so even an unprivileged run gets it */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1ul, 0, 0, 0) || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) {
		snprintf(why, whylen, "cannot set no_new_privs: %s", strerror(errno));
		return -1;
	}
	for (cap = 0; prctl(PR_CAPBSET_READ, (unsigned long)cap, 0, 0, 0) >= 0; cap++) {
		if (prctl(PR_CAPBSET_DROP, (unsigned long)cap, 0, 0, 0)) {
			snprintf(why, whylen, "cannot drop capability %d from the bounding set: %s",
				 cap, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int privdrop(const struct smmub_view *v, char *why, size_t whylen)
{
	const struct smmub_settings *st = smmub_settings(v);
	uint32_t flags = smmub_le32(st->flags);
	gid_t groups[SMMUB_MAX_GROUPS];
	int ngroups = (int)smmub_le32(st->ngroups);
	uid_t uid;
	gid_t gid;

	if (!(flags & SMMUB_SET_USER)) {
		char ignored[128];

		/* staying root: no exec may gain more; unprivileged runs cannot and need not */
		(void)seal(ignored, sizeof(ignored));
		return 0;
	}
	if (ngroups > SMMUB_MAX_GROUPS)
		ngroups = SMMUB_MAX_GROUPS;
	for (int i = 0; i < ngroups; i++)
		groups[i] = (gid_t)smmub_le32(st->groups[i]);
	if (flags & SMMUB_SET_USER_UID) {
		uid = (uid_t)smmub_le32(st->uid);
		gid = flags & SMMUB_SET_USER_GID ? (gid_t)smmub_le32(st->gid) : (gid_t)uid;
	} else {
		const char *name = smmub_str(v, smmub_le32(st->user_name));
		struct passwd *pw = getpwnam(name);

		if (!pw) {
			snprintf(why, whylen, "no user '%s' in the password database", name);
			return -1;
		}
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	}
	if (seal(why, whylen))
		return -1;
	if (setgroups((size_t)ngroups, groups) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid)) {
		snprintf(why, whylen, "cannot drop to %u:%u: %s", (unsigned)uid, (unsigned)gid,
			 strerror(errno));
		return -1;
	}
	if (verify(uid, gid, groups, ngroups, why, whylen))
		return -1;
	log_msg(LOG_LVL_INFO, "running as uid %u gid %u with %d supplementary groups",
		(unsigned)uid, (unsigned)gid, ngroups);
	return 0;
}
