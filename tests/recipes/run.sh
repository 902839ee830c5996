#!/usr/bin/env bash
# Runs the shell recipes of the docs as written (each file is shown verbatim on its page):
# starts `alicloud-mock serve` on its default address, runs each recipe from a scratch copy
# of the repository's scenarios, and fails on any failing command. Used by .ci/run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${ALICLOUD_MOCK_BIN:-$root/target/release/alicloud-mock}
work=$(mktemp -d)
mkdir -p "$work/bin" && ln -s "$bin" "$work/bin/alicloud-mock" && cp -r "$root/scenarios" "$work/"
export PATH="$work/bin:$PATH"
alicloud-mock serve > "$work/ready" 2> "$work/log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/ready" 2>/dev/null && break; sleep 0.05; done
grep -q "listening on http://127.0.0.1:4590" "$work/ready"
for page in control-api fixtures cli; do
  doc="$root/docs/$page.md"
  recipe="$here/$page.sh"
  # The page shows the recipe verbatim.
  python3 - "$doc" "$recipe" <<'PY'
import sys
doc, recipe = open(sys.argv[1]).read(), open(sys.argv[2]).read()
assert f"```sh\n{recipe}```" in doc, f"{sys.argv[1]} must show {sys.argv[2]} verbatim"
PY
  printf "\n== %s\n" "$page"
  (cd "$work" && bash -euo pipefail "$recipe")
done
