"""Every Python snippet of docs/clients.md, run as written: each is extracted from the page
and run as a script, against a mock on 127.0.0.1:4590 (the address the snippets use) with
the default scenario, and must exit 0 with output."""
import pathlib
import re
import socket
import subprocess
import sys

import pytest

from conftest import BIN, ROOT

DOCS = ROOT / "docs" / "clients.md"
SNIPPETS = re.findall(r"```python\n(.*?)```", DOCS.read_text(), re.S)


@pytest.fixture(scope="module")
def mock_on_4590():
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", 4590)) == 0:
            pytest.fail("port 4590, which the snippets use, is taken")
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:4590"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    assert "listening" in p.stdout.readline()
    yield
    p.terminate()
    p.wait(timeout=10)


def test_the_page_has_its_snippets():
    assert len(SNIPPETS) == 4


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.splitlines()[0][:40])
def test_snippet_runs_as_written(mock_on_4590, snippet, tmp_path):
    script = tmp_path / "snippet.py"
    script.write_text(snippet)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()
    assert "Error" not in out.stdout
