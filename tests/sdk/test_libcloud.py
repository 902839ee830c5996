"""Apache libcloud's Aliyun ECS driver (unmodified, from PyPI): its own signer, GET requests
and `Format=XML` answers, driven through the calls its users make around images."""
import pytest
from conftest import OWNER
from libcloud.compute.providers import get_driver
from libcloud.compute.types import NodeState, Provider

PLAIN = "m-bp1plain00000000001"
PAID = "m-bp1paid000000000001"


@pytest.fixture
def ecs(fresh_mock):
    mock = fresh_mock()
    host, port = mock.endpoint.split(":")
    driver = get_driver(Provider.ALIYUN_ECS)
    return driver(OWNER[0], OWNER[1], region="cn-hangzhou", host=host, port=int(port), secure=False)


def test_locations_sizes_zones_and_images_by_several_ids(ecs):
    assert "cn-shanghai" in [loc.id for loc in ecs.list_locations()]
    sizes = {s.id: s for s in ecs.list_sizes()}
    assert sizes["ecs.g7.large"].ram == 8.0
    assert [z.id for z in ecs.ex_list_zones()][0] == "cn-hangzhou-b"
    images = ecs.list_images(ex_image_ids=[PLAIN, PAID])
    assert sorted(i.id for i in images) == [PAID, PLAIN]
    assert ecs.get_image(PLAIN).name == "plain-centos"


def test_a_node_its_disk_a_snapshot_and_images_made_from_it(ecs):
    group = ecs.ex_create_security_group(description="libcloud")
    size = [s for s in ecs.list_sizes() if s.id == "ecs.g7.large"][0]
    node = ecs.create_node(
        name="lc-node",
        size=size,
        image=ecs.get_image(PLAIN),
        ex_security_group_id=group,
        ex_internet_charge_type="PayByTraffic",
        ex_internet_max_bandwidth_out=5,
    )
    listed = ecs.list_nodes(ex_node_ids=[node.id])
    assert [(n.name, n.state) for n in listed] == [("lc-node", NodeState.RUNNING)]
    ip = ecs.create_public_ip(node.id)
    assert ip and ecs.list_nodes(ex_node_ids=[node.id])[0].public_ips == [ip]

    volumes = ecs.list_volumes(ex_filters={"InstanceId": node.id})
    assert [(v.size, v.extra["type"]) for v in volumes] == [(40, "system")]
    snapshot = ecs.create_volume_snapshot(volumes[0], name="lc-snap")
    assert [s.id for s in ecs.list_volume_snapshots(volumes[0])] == [snapshot.id]

    image = ecs.create_image(None, "lc-image", ex_snapshot_id=snapshot.id, ex_image_version="2")
    assert image.name == "lc-image"
    assert image.extra["image_version"] == "2"
    copy = ecs.copy_image("cn-hangzhou", image, "lc-copy")
    assert copy.name == "lc-copy" and copy.id != image.id
    assert ecs.delete_image(copy) and ecs.delete_image(image)
    assert ecs.destroy_volume_snapshot(snapshot)
    assert ecs.list_volume_snapshots(volumes[0]) == []

    assert ecs.stop_node(node)
    assert ecs.destroy_node(node)
    assert ecs.list_nodes() == []
    assert ecs.ex_delete_security_group_by_id(group)
