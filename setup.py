"""Packaging beyond pyproject.toml: the wheel carries the tool's own files.

The templates, the font declaration and the default event live at the top of
the repository (templates/, fonts/, data/), where designers and organisers
edit them. A wheel copies them into the package as book/assets/, where
book/paths.py finds them when the package is installed normally. An
editable install uses the folders in place and copies nothing.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ASSETS = {"templates": None, "fonts": ["*.yaml"], "data/whrcf2021": None}


class BuildWithAssets(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "book" / "assets"
        for folder, patterns in ASSETS.items():
            source, dest = root / folder, target / folder
            if dest.exists():
                shutil.rmtree(dest)
            if patterns is None:
                shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                dest.mkdir(parents=True)
                for pattern in patterns:
                    for path in source.glob(pattern):
                        shutil.copy2(path, dest / path.name)


setup(cmdclass={"build_py": BuildWithAssets})
