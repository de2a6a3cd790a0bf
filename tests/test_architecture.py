"""The extension's layout: layers that import one way, no circles, small modules."""

import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "_ext" / "podcast"
LAYERS = ["core", "build_speed", "state", "before_reading", "reading", "after_reading", "writing",
          "publishing", "importer"]


def test_layers_import_one_way_and_nothing_imports_in_a_circle():
    """import-linter's contracts in pyproject.toml: the layers, a core without
    Sphinx, no import circle at any depth (imports under TYPE_CHECKING count)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "5 kept, 0 broken" in result.stdout


def test_every_module_lives_in_a_layer_that_says_what_it_holds():
    packages = sorted(path.name for path in PACKAGE.iterdir()
                      if path.is_dir() and (path / "__init__.py").is_file())
    assert packages == sorted(LAYERS)
    assert sorted(path.name for path in PACKAGE.glob("*.py")) == ["__init__.py"]
    for layer in LAYERS:
        docstring = (PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")
        assert docstring.startswith('"""') and "Imports" in docstring, layer


def test_no_module_is_over_400_lines():
    long = {str(path.relative_to(PACKAGE)): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long


def test_no_two_modules_share_a_file_name():
    names = [path.name for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
