# The control API with curl, against `alicloud-mock serve` on its default address.
curl -sf localhost:4590/_mock/health
curl -sf -X POST localhost:4590/_mock/faults \
  -d '{"action": "DescribeImages", "error": {"code": "Throttling.User"}, "times": 1}'
curl -sf localhost:4590/_mock/faults
curl -sf "localhost:4590/_mock/requests?after=0"
curl -sf localhost:4590/_mock/state -o world.json && wc -c world.json
curl -sf -X POST localhost:4590/_mock/reset
