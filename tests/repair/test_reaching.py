"""Which test files can reach the files a repair edits, read from the names the files use (``reaching.py``)."""

from __future__ import annotations

import pytest

from agentfleet.flow.fixers.repair.reaching import reaching_tests


@pytest.mark.parametrize(
    ("sources", "config", "selection", "expected"),
    [
        # a test reaches a file through a module that names it; other programs' tests do not
        (
            {
                "p/a.py": "",
                "p/b.py": "import a\n",
                "t/test_b.py": "from b import f\n",
                "t/test_c.py": "import c\n",
                "p/c.py": "",
            },
            {},
            None,
            ["t/test_b.py"],
        ),
        # a package reaches its modules through its __init__; a conftest above a test brings every test below it
        (
            {"pkg/__init__.py": "from .a import f\n", "pkg/a.py": "", "t/test_p.py": "import pkg\n"},
            {},
            None,
            ["t/test_p.py"],
        ),
        ({"a.py": "", "t/conftest.py": "import a\n", "t/test_x.py": "", "u/test_y.py": ""}, {}, None, ["t/test_x.py"]),
        # a module loaded by a computed name reaches everything
        ({"a.py": "", "t/test_x.py": "importlib.import_module(name)\n"}, {}, None, ["t/test_x.py"]),
        # the command's paths bound the tests; options, node ids and doctests leave the whole suite
        ({"a.py": "", "t/test_x.py": "import a\n", "u/test_y.py": "import a\n"}, {}, ["u"], ["u/test_y.py"]),
        ({"a.py": "", "t/test_x.py": "import a\n"}, {}, ["-k", "fast"], None),
        ({"a.py": "", "t/test_x.py": "import a\n"}, {}, ["t/test_x.py::test_one"], None),
        ({"a.py": "", "t/test_x.py": "import a\n"}, {"pytest.ini": "addopts = --doctest-modules"}, None, None),
    ],
)
def test_the_tests_reaching_a_file_are_read_from_the_names_files_use(sources, config, selection, expected) -> None:
    target = "p/a.py" if "p/a.py" in sources else "pkg/a.py" if "pkg/a.py" in sources else "a.py"
    assert reaching_tests(sources, [target], config, selection) == expected
