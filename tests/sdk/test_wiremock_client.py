"""WireMock's own Python admin client (`wiremock` on PyPI) drives the mock's /__admin API as a
WireMock user would (docs/fixtures.md): creating a stub (it always sends `persistent`),
listing, resetting mappings back to the fixture files, the unmatched requests and their near
misses, and a persistent stub kept in the state file across a restart."""
import json
import urllib.request

from wiremock.constants import Config
from wiremock.resources.mappings import Mapping, MappingRequest, MappingResponse
from wiremock.resources.mappings.resource import Mappings
from wiremock.resources.requests.resource import Requests
from wiremock.resources.scenarios.resource import Scenarios

FILE_STUB = {
    "id": "0e0e0e0e-0000-4000-8000-000000000001",
    "request": {"method": "GET", "urlPath": "/", "queryParameters": {"Action": {"equalTo": "DescribeZones"}}},
    "response": {"status": 200, "jsonBody": {"RequestId": "file-stub", "Zones": {"Zone": []}}},
}


def admin(mock):
    Config.base_url = mock.url + "/__admin"


KEY = "Version=2014-05-26&AccessKeyId=LTAI5tOwner0000000001"


def raw_get(mock, query):
    """A GET with only Version and an AccessKeyId: the mocks here run with `--auth lax`, since
    stubs answer after authentication and the Action/Version check, as the model does."""
    try:
        with urllib.request.urlopen(f"{mock.url}/?{query}&{KEY}") as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def mapping(action, persistent=False):
    return Mapping(
        priority=1,
        request=MappingRequest(method="GET", url_path="/", query_parameters={"Action": {"equalTo": action}}),
        response=MappingResponse(status=200, json_body={"RequestId": "stubbed", "Action": action}),
        persistent=persistent,
    )


def test_the_wiremock_client_creates_lists_and_resets_stubs(fresh_mock, tmp_path):
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "zones.json").write_text(json.dumps(FILE_STUB))
    mock = fresh_mock("--auth", "lax", "--fixtures", str(fixtures))
    admin(mock)
    created = Mappings.create_mapping(mapping("DescribeImages"))
    ids = {m.id for m in Mappings.retrieve_all_mappings().mappings}
    assert ids == {created.id, FILE_STUB["id"]}
    assert raw_get(mock, "Action=DescribeImages")[1]["RequestId"] == "stubbed"

    # Back to the fixture files' stubs: the run-time one goes, the file one stays.
    Mappings.reset_mappings()
    assert {m.id for m in Mappings.retrieve_all_mappings().mappings} == {FILE_STUB["id"]}
    # Even after every stub was deleted, a reset brings the file stubs back.
    Mappings.delete_all_mappings()
    assert Mappings.retrieve_all_mappings().mappings == []
    req = urllib.request.Request(mock.url + "/__admin/reset", method="POST", data=b"")
    assert urllib.request.urlopen(req).status == 200
    assert [m.id for m in Mappings.retrieve_all_mappings().mappings] == [FILE_STUB["id"]]
    assert raw_get(mock, "Action=DescribeZones")[1]["RequestId"] == "file-stub"
    Scenarios.reset_all_scenarios()


def test_unmatched_requests_and_their_near_misses(fresh_mock):
    mock = fresh_mock("--auth", "lax")
    admin(mock)
    Mappings.create_mapping(mapping("DescribeImages"))
    assert raw_get(mock, "Action=DescribeImages")[1]["RequestId"] == "stubbed"
    # A typo in the action: no stub matches, the model answers (an error).
    status, body = raw_get(mock, "Action=DescribeImage")
    assert status >= 400 and body["Code"]
    unmatched = Requests.get_unmatched_requests().requests
    assert [r.url for r in unmatched] == [f"/?Action=DescribeImage&{KEY}"]
    near = Requests.get_unmatched_requests_near_misses().near_misses
    assert len(near) == 1
    assert near[0].request.url == f"/?Action=DescribeImage&{KEY}"
    # Method and path match, the Action parameter does not: one part in three.
    assert abs(near[0].match_result.distance - 1 / 3) < 1e-9
    assert near[0].request_pattern.method == "GET"


def test_a_persistent_stub_survives_a_restart_with_the_state_file(fresh_mock, tmp_path):
    state = tmp_path / "state.json"
    mock = fresh_mock("--auth", "lax", "--state-file", str(state))
    admin(mock)
    kept = Mappings.create_mapping(mapping("DescribeRegions", persistent=True))
    Mappings.create_mapping(mapping("DescribeZones"))
    # A reset keeps persistent stubs, as WireMock keeps those saved to its files.
    Mappings.reset_mappings()
    assert [m.id for m in Mappings.retrieve_all_mappings().mappings] == [kept.id]
    mock.stop()
    again = fresh_mock("--auth", "lax", "--state-file", str(state))
    admin(again)
    assert [m.id for m in Mappings.retrieve_all_mappings().mappings] == [kept.id]
    assert raw_get(again, "Action=DescribeRegions")[1]["RequestId"] == "stubbed"
    Mappings.delete_mapping(kept.id)
    again.stop()
    third = fresh_mock("--auth", "lax", "--state-file", str(state))
    admin(third)
    assert Mappings.retrieve_all_mappings().mappings == []
