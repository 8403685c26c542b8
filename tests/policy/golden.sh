#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Golden blobs: every sample compiles to exactly the checked-in bytes;
# compiling twice gives the same bytes; compile -> decompile -> compile gives
# the same bytes; -O json validates against schemas/policy.schema.json.
# UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/policy/out"
mkdir -p "$out"
cd "$top_srcdir" || exit 1

# A python3 with jsonschema: the configured one may be a private one without
# it. CI installs python3-jsonschema (tests/deps.sh): missing is a failure.
py=
for p in "${PYTHON3:-}" /usr/bin/python3; do
	if [ -n "$p" ] && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || bad "-O json validation: no python3 with jsonschema (install python3-jsonschema)"

for s in $(samples); do
	args=$(sample_args "$s")
	blob="$out/$s.smmub"
	# shellcheck disable=SC2086
	if ! "$SMMUCC" $args -o "$blob" "samples/$s.smmu"; then
		bad "$s: does not compile"
		continue
	fi
	if [ -n "$UPDATE_GOLDEN" ]; then
		cp "$blob" "tests/policy/golden/$s.smmub"
	fi
	if cmp -s "$blob" "tests/policy/golden/$s.smmub"; then ok; else
		bad "$s: blob differs from tests/policy/golden/$s.smmub"
	fi
	# shellcheck disable=SC2086
	"$SMMUCC" $args -o "$blob.2" "samples/$s.smmu" &&
		cmp -s "$blob" "$blob.2" && ok || bad "$s: a second compile differs"
	"$SMMUCC" -I blob -O smmu -o "$out/$s.decompiled.smmu" "$blob" &&
		"$SMMUCC" -o "$blob.3" "$out/$s.decompiled.smmu" &&
		cmp -s "$blob" "$blob.3" && ok || bad "$s: compile -> decompile -> compile differs"
	# the input format is guessed from the magic too
	"$SMMUCC" -O smmu -o "$out/$s.guessed.smmu" "$blob" &&
		cmp -s "$out/$s.decompiled.smmu" "$out/$s.guessed.smmu" && ok ||
		bad "$s: -I blob not guessed from the magic"
	[ -n "$py" ] || continue
	# shellcheck disable=SC2086
	"$SMMUCC" $args -O json -o "$out/$s.json" "samples/$s.smmu" &&
		"$py" -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.validate(json.load(open(sys.argv[2])), schema)
' schemas/policy.schema.json "$out/$s.json" && ok || bad "$s: -O json does not validate"
done

# the SMMUv3 sample's stage-1 tables (QEMU 7.2's unit) as well: its
# default, stage 2, is the loop's
s=qemu-virt-smmuv3 prof="--profile smmuv3-s1,oas=44" blob="$out/$s-s1.smmub"
# shellcheck disable=SC2086
if "$SMMUCC" $prof -o "$blob" "samples/$s.smmu" 2>/dev/null; then
	[ -n "$UPDATE_GOLDEN" ] && cp "$blob" "tests/policy/golden/$s-s1.smmub"
	cmp -s "$blob" "tests/policy/golden/$s-s1.smmub" && ok ||
		bad "$s-s1: blob differs from tests/policy/golden/$s-s1.smmub"
	# shellcheck disable=SC2086
	"$SMMUCC" -O smmu -o "$out/$s-s1.decompiled.smmu" "$blob" &&
		"$SMMUCC" $prof -o "$blob.3" "$out/$s-s1.decompiled.smmu" 2>/dev/null &&
		cmp -s "$blob" "$blob.3" && ok || bad "$s-s1: compile -> decompile -> compile differs"
	cmp -s "$blob" "$out/$s.smmub" && bad "$s-s1: the same bytes as stage 2" || ok
else
	bad "$s-s1: does not compile"
fi

# nothing is written on error: a bad input leaves the old output alone
echo "allow foo 0x1000,4096,x" >"$out/bad.smmu"
echo "precious" >"$out/keep.smmub"
if "$SMMUCC" -o "$out/keep.smmub" "$out/bad.smmu" 2>/dev/null; then
	bad "a bad input compiled"
elif [ "$(cat "$out/keep.smmub")" = precious ] && ! ls -A "$out" | grep -q '^\.smmucc-'; then
	ok
else
	bad "a failed compile touched its output or left a temporary file"
fi

# -d names every input: the files, the @include, the asinfo map
"$SMMUCC" --asinfo samples/myx86-asinfo.yaml -d "$out/myx86.d" -o "$out/dep.smmub" \
	samples/myx86.smmu &&
	grep -q "^$out/dep.smmub: samples/myx86.smmu samples/myx86-asinfo.yaml$" "$out/myx86.d" &&
	ok || bad "-d dependency file: $(cat "$out/myx86.d" 2>/dev/null)"

# -O c: the array links and holds the blob
"$SMMUCC" -O c -o "$out/policy.c" samples/shared-perms.smmu &&
	grep -q "smmu_policy" "$out/policy.c" && ok || bad "-O c"

finish
