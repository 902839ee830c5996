# The pytest recipe of docs/ci.md, as a conftest.py (the page shows this file verbatim).
import os
import shutil
import subprocess
import tempfile
import urllib.request

import pytest


@pytest.fixture(scope="session")
def alicloud_mock():
    """The mock on a free port, for the whole session; yields its endpoint, 127.0.0.1:PORT."""
    # `cargo install --path .` in a checkout puts alicloud-mock on PATH; or name the binary.
    binary = os.environ.get("ALICLOUD_MOCK_BIN") or shutil.which("alicloud-mock")
    if not binary:
        pytest.fail("alicloud-mock is not on PATH: cargo install --path <checkout>, or set ALICLOUD_MOCK_BIN")
    log = tempfile.TemporaryFile(mode="w+")  # its stderr: the reason if it cannot start
    p = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0"],
                         stdout=subprocess.PIPE, stderr=log, text=True)
    line = p.stdout.readline()  # the readiness line: "alicloud-mock listening on http://..."
    if "listening on http://" not in line:
        p.wait(timeout=10)
        log.seek(0)
        pytest.fail(f"alicloud-mock did not start (exit {p.returncode}):\n{log.read()}")
    yield line.rsplit("http://", 1)[1].strip()
    p.terminate()
    p.wait(timeout=10)


@pytest.fixture(autouse=True)
def fresh_world(alicloud_mock):
    """Every test starts from the scenario's world."""
    request = urllib.request.Request(f"http://{alicloud_mock}/_mock/reset", method="POST")
    urllib.request.urlopen(request).read()
