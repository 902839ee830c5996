# The example of docs/ci.md (shown there verbatim): no conftest, the plugin's fixture only.
from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.models import Config


def test_the_owner_sees_its_images(alicloud_mock):
    ecs = Client(Config(access_key_id="LTAI5tOwner0000000001", access_key_secret="owner-secret",
                        endpoint=alicloud_mock.endpoint, protocol="http", region_id="cn-hangzhou"))
    images = ecs.describe_images(models.DescribeImagesRequest(region_id="cn-hangzhou",
                                                              image_owner_alias="self")).body
    assert images.total_count > 0
