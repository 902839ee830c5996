"""Debian's unmodified `packer` 1.6.6 (alicloud-ecs builder, Alibaba's Go SDK) builds,
copies and shares an image against the mock, reached through a private network namespace
whose hosts file sends the ECS endpoints to 127.0.0.1 (the builder has no endpoint option).

Needs root (`unshare -m -n`) and the packer binary: `PACKER_BIN`, else the .deb is fetched
with `apt-get download packer` and unpacked under target/packer (no install).
"""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
MOCK = os.environ.get("ALICLOUD_MOCK_BIN", str(TARGET / "release" / "alicloud-mock"))
HERE = pathlib.Path(__file__).resolve().parent

OWNER = ("LTAI5tOwner0000000001", "owner-secret")
OWNER_ID = "1000000000000001"
MEMBER_ID = "1000000000000002"
SOURCE = "m-bp1plain00000000001"


@pytest.fixture(scope="session")
def packer():
    if os.environ.get("PACKER_BIN"):
        return os.environ["PACKER_BIN"]
    dest = TARGET / "packer"
    binary = dest / "root" / "usr" / "bin" / "packer"
    if not binary.exists():
        dest.mkdir(parents=True, exist_ok=True)
        fetch = ["apt-get", "download", "packer"]
        if subprocess.run(fetch, cwd=dest, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True)
            subprocess.run(fetch, cwd=dest, check=True, capture_output=True)
        deb = next(dest.glob("packer_*.deb"))
        subprocess.run(["dpkg", "-x", str(deb), str(dest / "root")], check=True)
    out = subprocess.run([str(binary), "version"], capture_output=True, text=True, check=True)
    assert "1.6.6" in out.stdout, out.stdout
    return str(binary)


def build(packer, tmp_path, name, builder, *serve_args, via="netns"):
    """One `packer build` of `builder` (merged into a base alicloud-ecs builder), reaching
    the mock through a network namespace's hosts file (`netns`) or through proxy
    variables only (`proxy`); returns (exit status, final world, journal, build log)."""
    template = {
        "builders": [
            {
                "type": "alicloud-ecs",
                "access_key": OWNER[0],
                "secret_key": OWNER[1],
                "region": "cn-hangzhou",
                "instance_type": "ecs.t5-lc1m1.small",
                "source_image": SOURCE,
                "communicator": "none",
                **builder,
            }
        ]
    }
    out = tmp_path / name
    out.mkdir()
    path = out / "template.json"
    path.write_text(json.dumps(template))
    run = ["unshare", "-m", "-n", str(HERE / "netns.sh")] if via == "netns" else [str(HERE / "proxy.sh")]
    subprocess.run([*run, MOCK, packer, str(path), str(out), *serve_args], check=True, timeout=900)
    status = (out / "exit").read_text().split()
    state = json.loads((out / "state.json").read_text())
    journal = json.loads((out / "requests.json").read_text())["requests"]
    return status, state, journal, (out / "build.log").read_text()


def nothing_left(state):
    """No builder instance, network, group, EIP or key pair survives the build."""
    assert state["instances"] == []
    assert state["vpcs"] == [] and state["vswitches"] == []
    assert state["security_groups"] == []
    assert state["eips"] == []
    assert state["key_pairs"] == []


def images_named(state, name):
    return sorted((i["region"], i["status"], tuple(i["shared_with"])) for i in state["images"] if i["name"] == name)


def test_a_build_copies_and_shares_with_the_documented_40_calls(packer, tmp_path):
    status, state, journal, log = build(
        packer,
        tmp_path,
        "minimal",
        {"image_name": "packer-emu-test", "image_copy_regions": ["cn-shanghai"], "image_share_account": [MEMBER_ID]},
    )
    assert status == ["0"], log[-3000:]
    assert images_named(state, "packer-emu-test") == [
        ("cn-hangzhou", "Available", (MEMBER_ID,)),
        ("cn-shanghai", "Available", (MEMBER_ID,)),
    ]
    nothing_left(state)
    assert [e["code"] for e in journal if e["code"]] == []
    actions = [e["action"] for e in journal]
    assert len(actions) == 40, actions
    assert actions[:6] == ["DescribeRegions", "DescribeRegions", "DescribeImages", "DescribeImages", "DescribeImages", "CreateKeyPair"]
    assert actions[-5:] == ["DeleteInstance", "DeleteSecurityGroup", "DeleteVSwitch", "DeleteVpc", "DeleteKeyPairs"]
    assert "Alicloud images were created" in log


def test_a_build_through_http_and_https_proxies_only(packer, tmp_path):
    """No hosts file and no namespace: HTTP_PROXY, HTTPS_PROXY and SSL_CERT_FILE only. The
    SDK's endpoint lookups are answered (so none fails and none is retried), and the ECS
    calls arrive under the hosts those answers name."""
    status, state, journal, log = build(
        packer,
        tmp_path,
        "proxied",
        {"image_name": "packer-proxy-test", "image_copy_regions": ["cn-shanghai"], "image_share_account": [MEMBER_ID]},
        via="proxy",
    )
    assert status == ["0"], log[-3000:]
    assert images_named(state, "packer-proxy-test") == [
        ("cn-hangzhou", "Available", (MEMBER_ID,)),
        ("cn-shanghai", "Available", (MEMBER_ID,)),
    ]
    nothing_left(state)
    assert [e["code"] for e in journal if e["code"]] == []
    ecs = [e for e in journal if e["product"] == "Ecs"]
    assert len(ecs) == 40, [e["action"] for e in ecs]
    lookups = [e for e in journal if e["action"] == "DescribeEndpoints"]
    assert lookups and all(e["status"] == 200 for e in lookups)


def test_with_slow_steps_every_poll_loop_waits_and_the_build_still_passes(packer, tmp_path):
    status, state, journal, log = build(
        packer,
        tmp_path,
        "slow",
        {
            "image_name": "packer-slow-test",
            "image_copy_regions": ["cn-shanghai"],
            "image_share_account": [MEMBER_ID],
            "tags": {"team": "build", "os": "centos"},
        },
        "--scenario",
        str(ROOT / "scenarios" / "default.yaml"),
        "--scenario",
        str(HERE / "slow.yaml"),
    )
    assert status == ["0"], log[-3000:]
    shared = images_named(state, "packer-slow-test")
    # The copy was shared while still copying (the builder never waits for it).
    assert shared[0] == ("cn-hangzhou", "Available", (MEMBER_ID,))
    assert shared[1][0] == "cn-shanghai" and shared[1][2] == (MEMBER_ID,)
    # Tags land on the image and its snapshot, not on the copy (as the builder does).
    tagged = {i["region"]: i["tags"] for i in state["images"] if i["name"] == "packer-slow-test"}
    assert tagged == {"cn-hangzhou": {"os": "centos", "team": "build"}, "cn-shanghai": {}}
    tagged_types = [e["params"]["ResourceType"] for e in journal if e["action"] == "AddTags"]
    assert tagged_types == ["image", "snapshot"], tagged_types
    nothing_left(state)
    actions = [e["action"] for e in journal]
    for polled in ("DescribeVpcs", "DescribeVSwitches", "DescribeEipAddresses"):
        assert actions.count(polled) >= 2, (polled, actions)
    assert actions.count("DescribeInstances") >= 5, actions
    assert [e["code"] for e in journal if e["code"]] == []


def test_a_failed_share_fails_the_build_and_it_cleans_up(packer, tmp_path):
    status, state, journal, log = build(
        packer,
        tmp_path,
        "fail",
        {"image_name": "packer-fail-test", "image_copy_regions": ["cn-shanghai"], "image_share_account": ["1999999999999999"]},
        "--scenario",
        str(ROOT / "scenarios" / "default.yaml"),
        "--scenario",
        str(HERE / "slow.yaml"),
    )
    assert status[0] != "0", log[-3000:]
    assert "InvalidAccount.NotFound" in log
    # The copy still copying is cancelled, the image deleted, the builder's resources gone.
    assert images_named(state, "packer-fail-test") == []
    nothing_left(state)
    actions = [e["action"] for e in journal]
    assert "CancelCopyImage" in actions and "DeleteImage" in actions


def test_an_existing_name_stops_the_build_unless_force_delete_replaces_it(packer, tmp_path):
    taken = "paid-windows"  # an image of the owner in the default scenario
    status, state, journal, log = build(packer, tmp_path, "taken", {"image_name": taken})
    assert status[0] != "0"
    assert [e["action"] for e in journal] == ["DescribeRegions", "DescribeImages"], log[-2000:]
    status, state, journal, log = build(
        packer, tmp_path, "forced", {"image_name": taken, "image_force_delete": True}
    )
    assert status == ["0"], log[-3000:]
    deleted = [e for e in journal if e["action"] == "DeleteImage"]
    assert [e["params"]["ImageId"] for e in deleted] == ["m-bp1paid000000000001"]
    named = [i for i in state["images"] if i["name"] == taken]
    assert len(named) == 1 and named[0]["id"] != "m-bp1paid000000000001"
    nothing_left(state)


def test_an_encrypted_build_copies_in_place_and_deletes_its_temporary_image(packer, tmp_path):
    status, state, journal, log = build(
        packer,
        tmp_path,
        "encrypted",
        {"image_name": "packer-encrypted", "image_encrypted": True, "tags": {"team": "build"}},
    )
    assert status == ["0"], log[-3000:]
    actions = [e["action"] for e in journal]
    created = next(e for e in journal if e["action"] == "CreateImage")
    temporary = created["params"]["ImageName"]
    assert temporary.startswith("packer_") and len(temporary) == len("packer_") + 7, temporary
    copy = next(e for e in journal if e["action"] == "CopyImage")
    assert (copy["params"]["DestinationRegionId"], copy["params"]["Encrypted"]) == ("cn-hangzhou", "true")
    # The encrypted copy stays; the temporary image and its snapshot are deleted.
    named = [i for i in state["images"] if i["name"] == "packer-encrypted"]
    assert [(i["region"], i["status"], i["encryption"]) for i in named] == [("cn-hangzhou", "Available", "service-key")]
    assert [i for i in state["images"] if i["name"] == temporary] == []
    deleted = [e["params"]["SnapshotId"] for e in journal if e["action"] == "DeleteSnapshot"]
    assert len(deleted) == 1 and all(s["id"] != deleted[0] for s in state["snapshots"])
    assert actions.index("DeleteImage") < actions.index("DeleteSnapshot")
    nothing_left(state)
    assert [e["code"] for e in journal if e["code"]] == []


def test_a_build_without_data_disks_images_a_snapshot_and_force_deletes_snapshots(packer, tmp_path):
    taken = "paid-windows"  # an image of the owner in the default scenario
    old_snapshots = {"s-bp1paid000000000001"}
    status, state, journal, log = build(
        packer,
        tmp_path,
        "snapshot",
        {
            "image_name": taken,
            "image_force_delete": True,
            "image_force_delete_snapshots": True,
            "image_ignore_data_disks": True,
            "image_disk_mappings": [{"disk_size": 50, "disk_category": "cloud_ssd", "disk_delete_with_instance": True}],
        },
        "--scenario",
        str(ROOT / "scenarios" / "default.yaml"),
        "--scenario",
        str(HERE / "slow.yaml"),
    )
    assert status == ["0"], log[-3000:]
    actions = [e["action"] for e in journal]
    assert [e["params"]["SnapshotId"] for e in journal if e["action"] == "DeleteSnapshot"] == sorted(old_snapshots)
    assert actions.count("CreateSnapshot") == 1
    # The builder's system disk, found with DescribeDisks, polled until accomplished.
    disks = next(e for e in journal if e["action"] == "DescribeDisks")
    assert disks["params"]["DiskType"] == "system"
    assert actions.count("DescribeSnapshots") >= 2, actions
    image = next(e for e in journal if e["action"] == "CreateImage")
    assert "SnapshotId" in image["params"] and "InstanceId" not in image["params"]
    named = [i for i in state["images"] if i["name"] == taken]
    assert len(named) == 1 and named[0]["id"] != "m-bp1paid000000000001"
    # The new image stands on the one snapshot it was made from; the old image's are gone.
    ids = {s["id"] for s in state["snapshots"]}
    assert image["params"]["SnapshotId"] in ids and not (old_snapshots & ids)
    # The data disk the template asked for was made, and released with the instance
    # (`disk_delete_with_instance`; without it Packer sends false and the disk stays).
    created = next(e for e in journal if e["action"] == "CreateInstance")
    assert created["params"]["DataDisk.1.Size"] == "50"
    assert created["params"]["DataDisk.1.DeleteWithInstance"] == "true"
    assert state["disks"] == []
    nothing_left(state)
    assert [e["code"] for e in journal if e["code"]] == []


def test_a_classic_build_gets_a_public_address_and_no_network(packer, tmp_path):
    status, state, journal, log = build(
        packer,
        tmp_path,
        "classic",
        {"image_name": "packer-classic", "ssh_password": "Packer-Pa55word"},
    )
    assert status == ["0"], log[-3000:]
    actions = [e["action"] for e in journal]
    assert "AllocatePublicIpAddress" in actions
    assert not {"CreateVpc", "CreateVSwitch", "AllocateEipAddress", "CreateKeyPair"} & set(actions), actions
    created = next(e for e in journal if e["action"] == "CreateInstance")
    assert created["params"]["InternetMaxBandwidthOut"] == "5" and "VSwitchId" not in created["params"]
    assert [i["status"] for i in state["images"] if i["name"] == "packer-classic"] == ["Available"]
    nothing_left(state)
    assert [e["code"] for e in journal if e["code"]] == []
