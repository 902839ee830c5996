# A WireMock stub file, checked, then loaded at start and answering instead of the model.
mkdir -p stubs
cat > stubs/zones.json <<'JSON'
{"request": {"method": "GET", "urlPath": "/", "queryParameters": {"Action": {"equalTo": "DescribeZones"}}},
 "response": {"status": 200, "jsonBody": {"RequestId": "from-a-stub", "Zones": {"Zone": []}}}}
JSON
alicloud-mock validate stubs/zones.json
curl -sf -X POST localhost:4590/__admin/mappings -d @stubs/zones.json
curl -sf localhost:4590/__admin/mappings
curl -sf -X POST localhost:4590/__admin/mappings/reset
