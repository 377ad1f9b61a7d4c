"""The target imported from the package that re-exports it (webcolors' ``names``, kept in ``_definitions``)."""

from __future__ import annotations

from pathlib import Path

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.tests.public_import import public_imports


def test_a_private_module_s_name_is_imported_from_the_package_that_exports_it(tmp_path: Path) -> None:
    # Given a src-layout package exporting `names` from its private module (webcolors 24.8), not `hidden`
    (tmp_path / "src/shop").mkdir(parents=True)
    (tmp_path / "src/shop/__init__.py").write_text('from ._defs import names\n\n__all__ = ["names"]\n')
    (tmp_path / "src/shop/_defs.py").write_text("def names():\n    return []\n\n\ndef hidden():\n    return 1\n")

    def read(path: str) -> str:
        try:
            return (tmp_path / path).read_text()
        except OSError as exc:
            raise PermanentError(str(exc)) from exc

    imports = ["import pytest", "from shop._defs import names", "from shop._defs import hidden", "import shop._defs"]
    # When the tests fixer writes the imports of tests for the private module
    written = public_imports(imports, "src/shop/_defs.py", read)
    # Then the exported name comes from the package; what it does not export still from the module
    assert written == ["import pytest", "from shop import names", "from shop._defs import hidden", "import shop._defs"]
    # and a module with no package file to read, or a public module, keeps its imports
    assert public_imports(imports, "src/other/_defs.py", read) == imports
    assert public_imports(["from shop.defs import names"], "src/shop/defs.py", read) == ["from shop.defs import names"]
