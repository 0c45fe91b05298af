"""gongkai installs as a wheel and runs outside the checkout: templates, catalogues and styles are
package data (issue 15, point 5)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

from .conftest import DATA, ROOT
from .documents import docx_text


def test_the_wheel_carries_everything_and_generates_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=240)
    (wheel,) = wheels.glob("gongkai-*.whl")
    # A fresh environment: the wheel installed on its own; the libraries it needs come from this test's
    # environment, added after it on the path (a .pth line adds a folder, it runs none of its .pth files, so
    # the editable install of the checkout stays out).
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(env / "bin" / "python"), "-c", purelib], check=True, capture_output=True,
                               text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=240)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"
    work.mkdir()
    source = work / "部门.yaml"
    source.write_bytes((DATA / "tianmen-12345-2022-juesuan.yaml").read_bytes())
    where = subprocess.run([str(env / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
                           cwd=work, check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(site)), where
    result = subprocess.run([str(env / "bin" / "python"), "-m", "generator", "generate", str(source), "-o", "out",
                             "--format", "docx"], cwd=work, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    (document,) = (work / "out").glob("*.docx")
    assert "218.56" in docx_text(document)
    profiles = subprocess.run([str(env / "bin" / "python"), "-m", "generator", "profile", "check"], cwd=work,
                              capture_output=True, text=True, timeout=120)
    assert profiles.returncode == 0 and "juesuan-shanghai" in profiles.stdout, profiles.stdout + profiles.stderr
