"""Release indexes (simple index of real wheels, PEP 691 JSON, PyPI JSON API) and the minimal-fixed-version rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from advisory_support import build_wheel, json_server, sha256_of, static_server, write_simple_index
from packaging.specifiers import SpecifierSet

from agentfleet.advisories.audit import Auditor
from agentfleet.advisories.cache import JsonCache
from agentfleet.advisories.discovery import discover
from agentfleet.advisories.index import JsonApiIndex, SimpleIndex
from agentfleet.advisories.osv import OsvRecord
from agentfleet.advisories.releases import Release, ReleaseFile
from agentfleet.advisories.resolver import minimal_fixed_version
from agentfleet.advisories.snapshot import Directory
from agentfleet.advisories.sources import StaticSource


def _record(vuln_id: str, *events: dict[str, str], versions: tuple[str, ...] = ()) -> OsvRecord:
    return OsvRecord.model_validate(
        {
            "id": vuln_id,
            "affected": [
                {
                    "package": {"ecosystem": "PyPI", "name": "demo"},
                    "ranges": [{"type": "ECOSYSTEM", "events": list(events)}],
                    "versions": list(versions),
                }
            ],
        }
    )


def _releases(*versions: str, yanked: tuple[str, ...] = ()) -> list[Release]:
    return [Release(v, (ReleaseFile(f"demo-{v}.tar.gz", "ab" * 32, v in yanked),)) for v in versions]


def test_simple_index_of_real_wheels_lists_versions_hashes_and_yanks(tmp_path: Path) -> None:
    # Given a PEP 503 index over real wheels, one of them yanked
    wheels = [build_wheel(tmp_path / "files", "requests", v, "VERSION = 1\n") for v in ("2.19.0", "2.20.0", "2.31.0")]
    write_simple_index(tmp_path, wheels, yanked={wheels[1].name})
    with static_server(tmp_path) as url, httpx.Client() as client:
        index = SimpleIndex(f"{url}/simple", JsonCache(tmp_path / "cache", 3600), client=client)
        # When the releases of "Requests" are asked for
        releases = {r.version: r for r in index.releases("Requests")}
        # Then each version carries its file's sha256 and the yank
        assert set(releases) == {"2.19.0", "2.20.0", "2.31.0"}
        assert releases["2.31.0"].hashes == (sha256_of(wheels[2]),)
        assert releases["2.20.0"].yanked
        assert index.releases("no-such-project") == []


def test_pep691_json_and_pypi_json_api_are_read_and_cached(tmp_path: Path) -> None:
    def route(method: str, path: str, body: bytes) -> tuple[int, Any]:
        if path == "/simple/demo/":
            files = [{"filename": "demo-1.0-py3-none-any.whl", "hashes": {"sha256": "11" * 32}, "yanked": "bad build"}]
            files.append({"filename": "demo-1.1.tar.gz", "hashes": {"sha256": "22" * 32}})
            files.append({"filename": "other-9.0.tar.gz", "hashes": {}})  # not this project: ignored
            return 200, {"meta": {"api-version": "1.0"}, "files": files}
        if path == "/pypi/demo/json":
            files = [{"filename": "demo-1.1.tar.gz", "digests": {"sha256": "22" * 32}, "yanked": False}]
            return 200, {"info": {}, "releases": {"1.0": [], "1.1": files}}
        return 404, {}

    with json_server(route) as server, httpx.Client() as client:
        simple = SimpleIndex(f"{server.url}/simple", JsonCache(tmp_path / "s", 3600), client=client)
        api = JsonApiIndex(f"{server.url}/pypi", JsonCache(tmp_path / "j", 3600), client=client)
        assert [(r.version, r.yanked, r.hashes) for r in simple.releases("demo")] == [
            ("1.0", True, ("11" * 32,)),
            ("1.1", False, ("22" * 32,)),
        ]
        assert [(r.version, r.hashes) for r in api.releases("demo")] == [("1.1", ("22" * 32,))]  # 1.0 has no files
        seen = len(server.requests)
        simple.releases("demo")
        api.releases("demo")
        assert len(server.requests) == seen  # both answered from the cache


def test_the_target_fixes_every_advisory_and_walks_into_no_other() -> None:
    # A affects < 1.1; B was introduced in 1.1 and fixed in 1.2.1: 1.1 fixes A but is hit by B
    records = [
        _record("A", {"introduced": "0"}, {"fixed": "1.1"}),
        _record("B", {"introduced": "1.1"}, {"fixed": "1.2.1"}),
    ]
    got = minimal_fixed_version("demo", "1.0", records, _releases("1.0", "1.1", "1.2", "1.2.1", "1.3"))
    assert got.version == "1.2.1"


def test_yanked_and_pre_releases_are_skipped_and_constraints_respected() -> None:
    records = [_record("A", {"introduced": "0"}, {"fixed": "2.0rc1"})]
    releases = _releases("1.0", "2.0rc1", "2.0", "2.0.1", "3.0", yanked=("2.0",))
    assert minimal_fixed_version("demo", "1.0", records, releases).version == "2.0.1"
    assert minimal_fixed_version("demo", "1.0", records, releases, allow_prereleases=True).version == "2.0rc1"
    assert minimal_fixed_version("demo", "2.0b1", records, releases).version == "2.0rc1"  # already on a pre-release
    conflict = minimal_fixed_version("demo", "1.0", records, releases, constraints=SpecifierSet("<2"))
    assert conflict.version is None
    assert conflict.note == "the smallest fixed release 2.0.1 conflicts with the repo's <2"


def test_last_affected_and_unfixed_advisories() -> None:
    last = _record("L", {"introduced": "1.0"}, {"last_affected": "1.4"})
    unfixed = _record("U", {"introduced": "0"})
    releases = _releases("1.0", "1.4", "1.4.1", "1.5")
    assert minimal_fixed_version("demo", "1.4", [last], releases).version == "1.4.1"
    # An advisory nobody has fixed yet does not block upgrading past the fixable one, and is named
    fixable = _record("F", {"introduced": "0"}, {"fixed": "1.5"})
    got = minimal_fixed_version("demo", "1.0", [fixable, unfixed], releases)
    assert (got.version, got.note) == ("1.5", "no fixed release yet for U")
    only_unfixed = minimal_fixed_version("demo", "1.0", [unfixed], releases)
    assert (only_unfixed.version, only_unfixed.note) == (None, "no fixed release yet for U")


class _Index:
    def __init__(self, releases: list[Release]) -> None:
        self._releases = releases
        self.asked: list[str] = []

    def releases(self, package: str) -> list[Release]:
        self.asked.append(package)
        return self._releases


def test_ranges_are_judged_by_their_floor_and_other_manifests_constrain_the_target(
    repo_files: Callable[..., Directory],
) -> None:
    # Given demo < 1.2 is vulnerable, a requirements range with a vulnerable floor, and a pyproject cap of <1.3
    source = StaticSource([_record("A", {"introduced": "0"}, {"fixed": "1.2"})])
    index = _Index(_releases("0.9", "1.0", "1.1", "1.2", "1.3"))
    files = repo_files(
        {
            "requirements.txt": "demo>=1.0,!=1.1\nunbounded-demo<5\n",
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["demo<1.3"]\n',
            "dev.txt": "demo==1.0\n",
        }
    )
    report = Auditor(source, index).audit(discover(files, ["requirements.txt", "pyproject.toml", "dev.txt"]))
    got = {(e.dependency.manifest, e.version, e.fixed_version) for e in report.entries}
    # Then the range (floor 1.0) and the pin are flagged with 1.2, the cap alone (no floor) is not
    assert got == {("requirements.txt", "1.0", "1.2"), ("dev.txt", "1.0", "1.2")}
    assert index.asked == ["demo"]  # one index lookup per package per audit


def test_a_lock_file_decides_for_ranges_next_to_it(repo_files: Callable[..., Directory]) -> None:
    source = StaticSource([_record("A", {"introduced": "0"}, {"fixed": "1.2"})])
    lock = '[[package]]\nname = "demo"\nversion = "1.3"\nsource = { registry = "https://pypi.org/simple" }\n'
    files = repo_files({"pyproject.toml": '[project]\nname = "x"\ndependencies = ["demo>=1.0"]\n', "uv.lock": lock})
    report = Auditor(source, _Index(_releases("1.0", "1.2", "1.3"))).audit(discover(files))
    assert report.entries == []  # the lock installs 1.3; the range's floor alone does not matter
