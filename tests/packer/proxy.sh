#!/bin/bash
# Runs one Packer build against the mock reached only through HTTP_PROXY and HTTPS_PROXY,
# with the mock's CA in SSL_CERT_FILE: no hosts file, no network namespace. The SDK's
# endpoint lookup (Location DescribeEndpoints at location-readonly.aliyuncs.com over HTTPS)
# goes through a CONNECT tunnel that the mock answers itself; the ECS calls go as plain
# HTTP proxy requests to the host that answer names.
# Usage: proxy.sh MOCK_BIN PACKER_BIN TEMPLATE OUT_DIR [SERVE_ARGS...]
set -u
mock=$1 packer=$2 template=$3 out=$4
shift 4
mkdir -p "$out"
"$mock" serve --listen 127.0.0.1:0 --ca-out "$out/ca.pem" "$@" > "$out/ready" 2> "$out/mock.log" &
mock_pid=$!
for _ in $(seq 100); do
  grep -q listening "$out/ready" 2>/dev/null && break
  sleep 0.05
done
url=$(sed -n 's/^alicloud-mock listening on //p' "$out/ready")
export HTTP_PROXY="$url" HTTPS_PROXY="$url" SSL_CERT_FILE="$out/ca.pem" NO_PROXY= no_proxy=
export PACKER_CACHE_DIR="$out/cache" HOME="$out" CHECKPOINT_DISABLE=1
timeout 600 "$packer" build -machine-readable "$template" > "$out/build.log" 2>&1
echo $? > "$out/exit"
"$mock" health --url "$url" >/dev/null 2>&1 || echo "mock died" >> "$out/exit"
python3 - "$out" "$url" <<'PY'
import json, sys, urllib.request
out, url = sys.argv[1], sys.argv[2]
direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
for name in ("state", "requests"):
    with direct.open(f"{url}/_mock/{name}") as r:
        open(f"{out}/{name}.json", "wb").write(r.read())
PY
kill "$mock_pid"
