"""The pytest plugin of alicloud-mock (docs/ci.md): installed with the `alicloud-mock` wheel,
it gives every test suite two fixtures.

- ``alicloud_mock_server`` (session): the mock on a free port, started from the
  ``alicloud-mock`` command the wheel installed (or ``ALICLOUD_MOCK_BIN``, or the one on
  ``PATH``), with extra
  ``serve`` arguments from ``--alicloud-mock-arg`` options; it fails the session with the
  server's own error if it cannot start.
- ``alicloud_mock`` (per test): the same server, reset to its scenario first; its
  ``endpoint`` (``127.0.0.1:PORT``), ``url`` and ``reset()``.
"""
import os
import shutil
import subprocess
import sysconfig
import tempfile
import urllib.request

import pytest


class AlicloudMock:
    """A running mock: where it answers and how to reset it."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.url = "http://" + endpoint

    def reset(self):
        request = urllib.request.Request(self.url + "/_mock/reset", method="POST", data=b"")
        urllib.request.urlopen(request).read()


def pytest_addoption(parser):
    parser.addoption("--alicloud-mock-arg", action="append", default=[],
                     help="an extra argument for `alicloud-mock serve` (repeatable)")


@pytest.fixture(scope="session")
def alicloud_mock_server(request):
    # The wheel's command sits in this interpreter's scripts directory (on PATH only when the
    # virtualenv is activated).
    beside = os.path.join(sysconfig.get_path("scripts"), "alicloud-mock")
    binary = (os.environ.get("ALICLOUD_MOCK_BIN") or (beside if os.path.exists(beside) else None)
              or shutil.which("alicloud-mock"))
    if not binary:
        pytest.fail("alicloud-mock is not installed: pip install alicloud-mock (or set ALICLOUD_MOCK_BIN)")
    log = tempfile.TemporaryFile(mode="w+")
    args = [binary, "serve", "--listen", "127.0.0.1:0", *request.config.getoption("--alicloud-mock-arg")]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline()
    if "listening on http://" not in line:
        proc.wait(timeout=10)
        log.seek(0)
        pytest.fail(f"alicloud-mock did not start (exit {proc.returncode}):\n{log.read()}")
    yield AlicloudMock(line.rsplit("http://", 1)[1].strip())
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def alicloud_mock(alicloud_mock_server):
    alicloud_mock_server.reset()
    return alicloud_mock_server
