#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The folders are stages (compiler/local.mk, runtime/local.mk): a file may
# include the headers of its own stage and of earlier ones, never of a later
# one. This reads every #include "folder/file.h" of compiler/ and runtime/
# and fails on each that points the wrong way. Includes without a folder (smmub.h,
# parser.h, config.h) are the format and generated headers: every stage's.
: "${top_srcdir:?run through make check}"
cd "$top_srcdir" || exit 2

npass=0
nfail=0

# Exceptions, each with its reason; "file include" per line. They are
# reported, not failed. Files the lead is rewriting (issue 11) only.
# - The table of architectures names each architecture's entry, as Linux's
#   io_pgtable_init_table[] does: runtime/iommu/arch.c includes them all.
KNOWN='runtime/iommu/arch.c vtd/vtd_arch.h
runtime/iommu/arch.c smmuv3/smmuv3_arch.h'

# "file include-folder/name" for every folder include of the tree's sources.
includes() {
	find compiler runtime -name '*.[ch]' | LC_ALL=C sort | while read -r f; do
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z0-9_]*\/[^"]*\)".*/\1/p' \
			"$f" | while read -r inc; do
			echo "$f $inc"
		done
	done
}

# The stage folder an include names: compiler/X or runtime/X.
stage_of() {
	top=${1%%/*}
	if [ -d "compiler/$top" ]; then
		echo "compiler/$top"
	elif [ -d "runtime/$top" ]; then
		echo "runtime/$top"
	else
		echo "?/$top"
	fi
}

ALL=$(includes)

# rule NAME FROM TO: no file matching pattern FROM includes a header of a
# stage matching TO (patterns separated by '|').
rule() {
	name=$1 from=$2 to=$3 bad=
	nl='
'
	while read -r f inc; do
		[ -n "$f" ] || continue
		# shellcheck disable=SC2254
		case $f in $from) ;; *) continue ;; esac
		st=$(stage_of "$inc") hit=
		# a '|' from an expansion is no pattern alternative: split TO
		for t in $(echo "$to" | tr '|' ' '); do
			# shellcheck disable=SC2254
			case $st in $t) hit=1 ;; esac
		done
		[ -n "$hit" ] || continue
		if printf '%s\n' "$KNOWN" | grep -qxF "$f $inc"; then
			echo "KNOWN: $name: $f includes $inc (lead's file, see KNOWN)"
			continue
		fi
		bad="$bad$nl$f includes $inc"
	done <<EOF
$ALL
EOF
	if [ -z "$bad" ]; then
		npass=$((npass + 1))
		echo "PASS: $name"
	else
		nfail=$((nfail + 1))
		echo "FAIL: $name:$bad" | sed '2,$s/^/  /'
	fi
}

rule "front -> checks|lower|out" 'compiler/front/*' 'compiler/checks|compiler/lower|compiler/out'
rule "checks -> lower|out" 'compiler/checks/*' 'compiler/lower|compiler/out'
rule "lower -> out" 'compiler/lower/*' 'compiler/out'
rule "runtime -> compiler" 'runtime/*' 'compiler/*'
rule "util -> anything" 'runtime/util/*' \
	'runtime/blob|runtime/iommu|runtime/vtd|runtime/smmuv3|runtime/daemon'
rule "blob -> iommu|vtd|smmuv3|daemon" 'runtime/blob/*' \
	'runtime/iommu|runtime/vtd|runtime/smmuv3|runtime/daemon'
rule "iommu -> vtd|smmuv3|daemon" 'runtime/iommu/*' 'runtime/vtd|runtime/smmuv3|runtime/daemon'
# architectures are siblings: neither includes the other, nor the daemon
rule "vtd -> smmuv3|daemon" 'runtime/vtd/*' 'runtime/smmuv3|runtime/daemon'
rule "smmuv3 -> vtd|daemon" 'runtime/smmuv3/*' 'runtime/vtd|runtime/daemon'

# Inside the blob reader the layers are blob_read.c, blob_check*.c, blob.c:
# only the entry checks see their own internals.
bad=$(grep -l '#include "blob/blob_check.h"' runtime/blob/*.[ch] |
	grep -v '^runtime/blob/blob_check[a-z_]*\.[ch]$')
if [ -z "$bad" ]; then
	npass=$((npass + 1))
	echo "PASS: blob_check.h only in blob_check*"
else
	nfail=$((nfail + 1))
	echo "FAIL: blob_check.h included by:" "$bad"
fi

# An include naming no stage folder is a typo or a new folder this test
# must learn.
bad=$(printf '%s\n' "$ALL" | while read -r f inc; do
	[ -n "$f" ] || continue
	case $(stage_of "$inc") in \?/*) echo "$f $inc" ;; esac
done)
if [ -z "$bad" ]; then
	npass=$((npass + 1))
	echo "PASS: every folder include names a stage"
else
	nfail=$((nfail + 1))
	echo "FAIL: includes of no stage folder:"
	printf '  %s\n' "$bad"
fi

# An exception that no longer happens is stale: say so, so it is removed.
printf '%s\n' "$KNOWN" | while read -r f inc; do
	grep -qF "#include \"$inc\"" "$f" 2>/dev/null ||
		echo "NOTE: KNOWN '$f $inc' no longer happens: remove it"
done

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
