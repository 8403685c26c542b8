/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runtime settings: 'set VAR VAL' (smmu(5) section 5) and 'user SPEC'.
 * Both are "last wins"; a value that is reported as wrong changes nothing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "front/number.h"
#include "front/parse.h"

static const char *const bool_words[][2] = {
	{"on", "off"}, {"yes", "no"}, {"true", "false"}, {"1", "0"},
};

void sema_set(const struct param_ctx *pc, struct settings *st, const struct stmt *s)
{
	const char *var = s->u.set->var, *val = s->u.set->val;
	struct span sp;
	struct num n;
	size_t i;

	if (!var || !val)
		return;
	sp.s = val;
	sp.len = strlen(val);
	sp.pos = s->u.set->val_pos;
	if (strcmp(var, "grow-heap") == 0) {
		if (!span_num(pc->d, &sp, ROLE_ADDRESS, "grow-heap size", &n))
			return;
		asinfo_resolve(pc->d, &n, pc->map, false);
		if (n.resolved)
			st->grow_heap = n.value;
	} else if (strcmp(var, "message-block-timeout") == 0) {
		if (!span_num(pc->d, &sp, ROLE_OTHER, "message-block-timeout", &n))
			return;
		if (n.value != 0 && (n.value < 5 || n.value > 10000)) {
			diag_report(pc->d, CHK_SET_OUT_OF_RANGE, &sp.pos,
				    "message-block-timeout must be 0 (never) or 5-10000 ms, "
				    "not %" PRIu64,
				    n.value);
			return;
		}
		st->message_block_timeout = (unsigned)n.value;
	} else if (strcmp(var, "slogger2-required") == 0) {
		for (i = 0; i < sizeof(bool_words) / sizeof(bool_words[0]); i++) {
			if (strcmp(val, bool_words[i][0]) == 0) {
				st->slogger2_required = true;
				return;
			}
			if (strcmp(val, bool_words[i][1]) == 0) {
				st->slogger2_required = false;
				return;
			}
		}
		diag_report(pc->d, CHK_SET_OUT_OF_RANGE, &sp.pos,
			    "slogger2-required must be on or off (or yes/no, true/false, 1/0), "
			    "not '%s'",
			    val);
	} else {
		diag_report(pc->d, CHK_UNKNOWN_SET_VAR, &s->u.set->var_pos,
			    "unknown variable '%s' (see 'set ?')", var);
	}
}

/* One id of a user spec: decimal unless prefixed, below (uid_t)-1. */
static bool user_id(struct diag_ctx *d, const struct span *sp, const char *what, uint32_t *out)
{
	uint64_t v;
	int rc = num_parse(sp->s, sp->len, ROLE_OTHER, &v, NULL);

	if (rc < 0 || v >= UINT32_MAX) {
		diag_report(d, CHK_BAD_USER, &sp->pos, "bad %s '%.*s' (%s)", what, (int)sp->len,
			    sp->s, rc < 0 ? num_strerror(rc) : "must be below 4294967295");
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

/*
 * uid[:gid[,sup_gid]*] or user_name[,sup_gid]*. A spec starting with a digit
 * is the numeric form; user names start with a letter or '_'.
 */
void sema_user(struct diag_ctx *d, struct settings *st, const struct stmt *s)
{
	struct user_spec u;
	struct span all, head[3], items[USER_MAX_GROUPS + 2];
	size_t n, i, first;
	const char *spec = s->u.user->spec;

	if (!spec)
		return;
	memset(&u, 0, sizeof(u));
	u.set = true;
	u.pos = s->pos;
	all.s = spec;
	all.len = strlen(spec);
	all.pos = s->u.user->spec_pos;
	if (spec[0] >= '0' && spec[0] <= '9') {
		n = span_split(&all, ':', head, 3);
		if (n > 2) {
			diag_report(d, CHK_BAD_USER, &head[2].pos,
				    "bad user '%s' (expected uid[:gid[,sup_gid]*])", spec);
			return;
		}
		if (n == 1 && memchr(spec, ',', all.len)) {
			diag_report(d, CHK_BAD_USER, &all.pos,
				    "bad user '%s': supplementary groups need a primary group "
				    "(uid:gid,sup_gid...)",
				    spec);
			return;
		}
		if (!user_id(d, &head[0], "uid", &u.uid))
			return;
		u.has_uid = true;
		if (n == 1)
			goto done;
		all = head[1];
		first = 1;
	} else {
		first = 1;
	}
	n = span_split(&all, ',', items, USER_MAX_GROUPS + 2);
	if (n - first > USER_MAX_GROUPS) {
		diag_report(d, CHK_BAD_USER, &items[USER_MAX_GROUPS + 1].pos,
			    "bad user '%s': more than %d supplementary groups", spec,
			    USER_MAX_GROUPS);
		return;
	}
	if (u.has_uid) {
		if (!user_id(d, &items[0], "gid", &u.gid))
			return;
		u.has_gid = true;
	} else if (!name_valid(items[0].s, items[0].len)) {
		diag_report(d, CHK_BAD_USER, &items[0].pos,
			    "bad user name '%.*s' (expected uid[:gid[,sup_gid]*] or "
			    "user_name[,sup_gid]*)",
			    (int)items[0].len, items[0].s);
		return;
	}
	for (i = first; i < n; i++)
		if (!user_id(d, &items[i], "supplementary gid", &u.groups[u.ngroups++]))
			return;
	if (!u.has_uid) {
		u.name = strndup(items[0].s, items[0].len);
		if (!u.name)
			return;
	}
done:
	free(st->user.name);
	st->user = u;
}
