"""Fixtures for the real-SDK suite: start the release binary, build SDK clients.

The binary is $ALICLOUD_MOCK_BIN, else target/release/alicloud-mock (build it first with
`cargo build --release`; `.ci/run` does).
"""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("ALICLOUD_MOCK_BIN", str(ROOT / "target" / "release" / "alicloud-mock"))

# The default scenario's accounts (README.md, "The default world").
OWNER = ("LTAI5tOwner0000000001", "owner-secret")
MEMBER = ("LTAI5tMember000000001", "member-secret")
INTL = ("LTAI5tIntl00000000001", "intl-secret")
OUTSIDER = ("LTAI5tOutsider0000001", "outsider-secret")
OWNER_STS = ("STS.OwnerTemp00000001", "owner-sts-secret", "CAIS-owner-sts-token-0001")
OWNER_ID, MEMBER_ID, INTL_ID, OUTSIDER_ID = (
    "1000000000000001",
    "1000000000000002",
    "1000000000000003",
    "1000000000000004",
)


class Mock:
    """A running alicloud-mock process."""

    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [BIN, "serve", "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "RUST_LOG": "warn"},
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        prefix = "alicloud-mock listening on http://"
        if not line.startswith(prefix):
            self.proc.kill()
            raise RuntimeError(f"no readiness line from {BIN}: {line!r}")
        self.endpoint = line[len(prefix):]
        self.url = "http://" + self.endpoint

    def stop(self):
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


@pytest.fixture(scope="module")
def mock():
    """One mock on the default scenario, shared by a test module."""
    m = Mock()
    yield m
    assert m.stop() == 0, "the mock must exit 0 on SIGTERM"


@pytest.fixture
def fresh_mock():
    """A mock of its own for a test that changes the world; extra args go to `serve`."""
    started = []

    def start(*args):
        m = Mock(*args)
        started.append(m)
        return m

    yield start
    for m in started:
        m.stop()


def ecs_client(mock, key, signature_algorithm=None, token=None, region="cn-hangzhou"):
    """The new (Darabonba) ECS client pointed at the mock. Default signature: V3."""
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    cfg = Config(
        access_key_id=key[0],
        access_key_secret=key[1],
        endpoint=mock.endpoint,
        protocol="http",
        region_id=region,
    )
    if signature_algorithm:
        cfg.signature_algorithm = signature_algorithm
    if token:
        cfg.security_token = token
    return Client(cfg)


def legacy_client(key, token=None, region="cn-hangzhou"):
    """The legacy AcsClient, retries off so error tests stay fast."""
    from aliyunsdkcore.client import AcsClient

    if token:
        from aliyunsdkcore.auth.credentials import StsTokenCredential

        return AcsClient(
            region_id=region,
            credential=StsTokenCredential(key[0], key[1], token),
            auto_retry=False,
        )
    return AcsClient(key[0], key[1], region, auto_retry=False)


def assert_whole(model, raw, path="body"):
    """Parses `raw` into `model`; every model field must have come from `raw`, and `raw`
    must hold nothing the model does not know."""
    model.from_map(raw)
    assert model.to_map() == raw, path
    check_present(model, path)


def check_present(obj, path):
    from Tea.model import TeaModel

    for name, value in vars(obj).items():
        if name.startswith("_"):
            continue
        assert value is not None, f"{path}.{name} missing"
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, TeaModel):
                check_present(item, f"{path}.{name}[{i}]")


def legacy_raw(mock, request, **params):
    """The raw JSON answer to a legacy SDK request (as OWNER), with extra query parameters."""
    request.set_endpoint(mock.endpoint)
    for k, v in params.items():
        request.add_query_param(k, v)
    return json.loads(legacy_client(OWNER).do_action_with_exception(request))
