"""pytest fixtures for alicloud-mock (see pytest_alicloud_mock.plugin)."""
