#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# schemas/asinfo.schema.yaml and smmucc --asinfo agree on the YAML map:
# the test maps and the sample's validate and load; and each number
# notation below is accepted by both or refused by both (values that fit in
# 64 bits: the schema cannot see an overflow, smmucc reports it).
. "$top_srcdir/tests/policy/lib.sh"
out="$top_builddir/tests/front/asinfo-schema"
rm -rf "$out"
mkdir -p "$out" || exit 2
cd "$top_srcdir" || exit 2
py=
for p in "${PYTHON3:-}" /usr/bin/python3; do
	if [ -n "$p" ] && "$p" -c 'import jsonschema, yaml' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { bad "no python3 with jsonschema and yaml (tests/deps.sh)"; finish; exit 1; }

# valid MAP: 0 if the schema accepts the YAML map
valid() {
	"$py" -c '
import sys, yaml, jsonschema
schema = yaml.safe_load(open(sys.argv[1]))
try:
    jsonschema.validate(yaml.safe_load(open(sys.argv[2])), schema)
except jsonschema.ValidationError:
    sys.exit(1)' schemas/asinfo.schema.yaml "$1"
}
# loads MAP: 0 if smmucc reads it without a word
loads() {
	"$SMMUCC" --check --asinfo "$1" -e foreground >"$out/load.out" 2>&1 && [ ! -s "$out/load.out" ]
}

for m in tests/front/data/asinfo-good.yaml tests/front/data/asinfo-numbers.yaml \
	samples/myx86-asinfo.yaml; do
	valid "$m" && ok || bad "$m: the schema refuses it"
	loads "$m" && ok || bad "$m: smmucc refuses it: $(cat "$out/load.out")"
done

# agree WANT VALUE: a map with length VALUE; WANT is 0 (both accept) or 1
agree() {
	printf 'regions:\n  - name: r\n    start: 0x1000\n    length: %s\n' "$2" >"$out/n.yaml"
	valid "$out/n.yaml"
	s=$?
	loads "$out/n.yaml"
	c=$?
	[ "$s" = "$1" ] && [ "$c" = "$1" ] && ok ||
		bad "length: $2: schema $s, smmucc $c, want both $1 ($(cat "$out/load.out"))"
}
for v in 4096 0x1000 0X1f 0x1g 0d4096 0D12 64K 16m 1G 0x10M 0d3k '"64K"' "'0x10'"; do
	agree 0 "$v"
done
for v in 12abc 0x 0d K 64KB 1e3 0o17 -1 1.5 0x1h 0x1gK '"4 K"' 0xK; do
	agree 1 "$v"
done
finish
