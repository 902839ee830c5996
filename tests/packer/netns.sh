#!/bin/bash
# Runs one Packer build against the mock inside a private network namespace (run it with
# `unshare -m -n`): loopback only, a hosts file that sends the ECS endpoints Packer's Go SDK
# picks to 127.0.0.1, the mock on port 80, and nothing listening on 443 so the SDK's
# endpoint lookup (location-readonly.aliyuncs.com over HTTPS) is refused at once.
# Usage: netns.sh MOCK_BIN PACKER_BIN TEMPLATE OUT_DIR [SERVE_ARGS...]
set -u
mock=$1 packer=$2 template=$3 out=$4
shift 4
mkdir -p "$out"
ip link set lo up
printf '127.0.0.1 localhost ecs-cn-hangzhou.aliyuncs.com ecs.cn-shanghai.aliyuncs.com ecs.eu-central-1.aliyuncs.com location-readonly.aliyuncs.com\n' > "$out/hosts"
mount --bind "$out/hosts" /etc/hosts
"$mock" serve --listen 127.0.0.1:80 "$@" > "$out/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 50); do
  "$mock" health --url http://127.0.0.1:80 >/dev/null 2>&1 && break
  sleep 0.1
done
export PACKER_CACHE_DIR="$out/cache" HOME="$out" CHECKPOINT_DISABLE=1
timeout 600 "$packer" build -machine-readable "$template" > "$out/build.log" 2>&1
echo $? > "$out/exit"
"$mock" health --url http://127.0.0.1:80 >/dev/null 2>&1 || echo "mock died" >> "$out/exit"
python3 - "$out" <<'PY'
import json, sys, urllib.request
out = sys.argv[1]
for name in ("state", "requests"):
    with urllib.request.urlopen(f"http://127.0.0.1:80/_mock/{name}") as r:
        open(f"{out}/{name}.json", "wb").write(r.read())
PY
kill "$mock_pid"
