"""Faults: an interrupted export, a killed worker, an unwritable output; nothing half-written, reruns identical."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sympy import Symbol, exp

from derivations import Limits, check_equal
from derivations.verify.worker import Worker

ROOT = Path(__file__).resolve().parents[1]


def _export(out: Path, *ids: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "derivations", "export", *ids, "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigint_during_export_leaves_no_partial_file_and_rerun_is_identical(tmp_path):
    """Ctrl-C in the middle of an export: a clear message, only complete files, then an identical rerun."""
    out = tmp_path / "out"
    proc = _export(out, "--all")
    time.sleep(3.0)  # long enough to be inside the verification of the catalog
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 130:
        assert "interrupted" in err and "Traceback" not in err
    else:  # the export was already done: still a success
        assert proc.returncode == 0
    leftovers = [p.name for p in out.glob(".*")] if out.exists() else []
    assert not leftovers, f"temporary files left behind: {leftovers}"
    partial = {p.name: p.read_bytes() for p in out.glob("*.tex")} if out.exists() else {}

    assert _export(out, "--all").wait(timeout=600) == 0
    for name, data in partial.items():  # whatever was written before the interrupt was complete
        assert (out / name).read_bytes() == data
    for path in out.glob("*.tex"):
        assert path.read_bytes() == (ROOT / "latex_out" / path.name).read_bytes()


def test_killed_worker_gives_an_honest_verdict_and_the_next_check_works():
    """A worker killed from outside mid-check: the step is inconclusive (not verified), the next one is fine."""
    worker = Worker()
    z = Symbol("z", real=True)
    assert worker.call(abs, (-1,), timeout=10).value == 1
    pid = worker.pid

    def kill_soon():
        time.sleep(0.5)
        os.kill(pid, signal.SIGKILL)

    import threading
    threading.Thread(target=kill_soon, daemon=True).start()
    out = worker.call(time.sleep, (30,), timeout=20)
    assert out.kind == "crashed"
    v = check_equal(exp(z) * exp(-z), 1, limits=Limits(), worker=worker)
    assert v.status == "proved"
    worker.close()


def test_output_directory_that_cannot_be_created_is_a_clear_error(tmp_path):
    """An output path below a regular file fails with a message and exit 1, writing nothing."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = _export(blocker / "sub", "sigmoid-symmetry")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "cannot write" in err and "Traceback" not in err
