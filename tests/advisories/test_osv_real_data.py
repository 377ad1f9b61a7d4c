"""OSV evaluation and minimal fixed versions on the real PyPA advisory subset (tests/data)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agentfleet.advisories.audit import Auditor
from agentfleet.advisories.discovery import discover
from agentfleet.advisories.evaluate import affects
from agentfleet.advisories.index import NoIndex
from agentfleet.advisories.osv import OsvRecord
from agentfleet.advisories.snapshot import Directory
from agentfleet.advisories.sources import LocalOsvSource

EXPECTED = {
    # package: (pinned, advisories that affect it, minimal fixed version) — checked by hand against the data
    "requests": ("2.19.0", {"PYSEC-2018-28", "PYSEC-2023-74"}, "2.31.0"),
    "pyyaml": ("5.3", {"PYSEC-2020-96", "PYSEC-2021-142"}, "5.4"),
    "flask": ("0.12.2", {"PYSEC-2018-66", "PYSEC-2019-179", "PYSEC-2023-62"}, "2.2.5"),
    "redis": ("4.5.0", {"PYSEC-2023-45", "PYSEC-2023-46"}, "4.5.4"),
    "jinja2": ("2.10", {"PYSEC-2019-217", "PYSEC-2021-66"}, "2.11.3"),
    "paramiko": ("2.4.0", {"PYSEC-2022-166"}, "2.9.3"),
    "pydantic": ("1.8.1", {"PYSEC-2021-47"}, "1.8.2"),
    "certifi": ("2022.9.24", {"PYSEC-2022-42986", "PYSEC-2023-135"}, "2023.7.22"),
    "aiohttp": (
        "3.8.0",
        {"PYSEC-2023-120", "PYSEC-2023-246", "PYSEC-2023-250", "PYSEC-2023-251", "PYSEC-2024-24", "PYSEC-2024-26"},
        "3.9.2",
    ),
    "urllib3": (
        "1.24.1",
        {
            "PYSEC-2019-132",
            "PYSEC-2019-133",
            "PYSEC-2020-148",
            "PYSEC-2021-108",
            "PYSEC-2023-192",
            "PYSEC-2023-207",
            "PYSEC-2023-212",
        },
        "1.26.18",
    ),
}


def _record(source: LocalOsvSource, package: str, vuln_id: str) -> OsvRecord:
    return next(r for r in source.records([package])[package] if r.id == vuln_id)


def test_a_repo_pinning_vulnerable_versions_gets_exactly_the_right_advisories_and_minimal_versions(
    real_source: LocalOsvSource, repo_files: Callable[..., Directory]
) -> None:
    # Given a repo pinning known-vulnerable versions of ten packages, and safe pins of two more
    pins = [f"{name}=={pinned}" for name, (pinned, _, _) in EXPECTED.items()]
    files = repo_files({"requirements.txt": "\n".join([*pins, "idna==3.7", "gunicorn==19.5.0"]) + "\n"})
    # When it is audited against the real data, offline (release list from the advisories)
    report = Auditor(real_source, NoIndex()).audit(discover(files))
    # Then every vulnerable pin is reported with exactly its advisories and the minimal fixed version
    got = {e.dependency.key: (e.version, {a.id for a in e.advisories}, e.fixed_version) for e in report.entries}
    assert got == EXPECTED
    assert report.audited == 12
    assert not report.problems


def test_aliases_are_carried_on_each_advisory(
    real_source: LocalOsvSource, repo_files: Callable[..., Directory]
) -> None:
    report = Auditor(real_source, NoIndex()).audit(discover(repo_files({"requirements.txt": "requests==2.19.0\n"})))
    refs = {a.id: a for a in report.entries[0].advisories}
    assert set(refs["PYSEC-2018-28"].aliases) == {"CVE-2018-18074", "GHSA-x84v-xcm2-53pg"}
    assert refs["PYSEC-2023-74"].fixed == ("2.31.0",)


@pytest.mark.parametrize(("package", "vuln_id"), [("aiohttp", "PYSEC-2022-43059"), ("redis", "PYSEC-2023-73")])
def test_withdrawn_records_affect_nothing(real_source: LocalOsvSource, package: str, vuln_id: str) -> None:
    record = _record(real_source, package, vuln_id)
    assert record.withdrawn
    assert record.affected[0].ranges[0].events[0].introduced == "0"  # a checker ignoring `withdrawn` flags all
    assert not affects(record, package, "0.1")
    assert not affects(record, package, record.affected[0].versions[-1])


def test_a_package_whose_only_live_advisories_are_fixed_is_clean(
    real_source: LocalOsvSource, repo_files: Callable[..., Directory]
) -> None:
    # redis 4.5.4 fixes both live advisories; only the withdrawn one "affects every version"
    report = Auditor(real_source, NoIndex()).audit(discover(repo_files({"requirements.txt": "redis==4.5.4\n"})))
    assert report.entries == []


@pytest.mark.parametrize(
    ("version", "affected"),
    [("1.6.1", True), ("1.6.2", False), ("1.7.3", True), ("1.7.4", False), ("1.8.1", True), ("1.8.2", False)],
)
def test_out_of_order_events_are_sorted_before_evaluating(
    real_source: LocalOsvSource, version: str, affected: bool
) -> None:
    # PYSEC-2021-47 lists introduced 1.8, fixed 1.8.2, introduced 1.7, fixed 1.7.4, introduced 0, fixed 1.6.2.
    # Drop the explicit version list so the ranges alone decide (in file order 1.8.1 would come out unaffected).
    record = _record(real_source, "pydantic", "PYSEC-2021-47")
    raw = record.model_dump()
    raw["affected"][0]["versions"] = []
    ranges_only = OsvRecord.model_validate(raw)
    (ecosystem,) = [r for r in ranges_only.affected[0].ranges if r.type == "ECOSYSTEM"]
    assert [e.introduced or e.fixed for e in ecosystem.events][:2] == ["1.8", "1.8.2"]
    assert affects(ranges_only, "pydantic", version) is affected


def test_pre_releases_listed_explicitly_count_but_are_never_proposed(
    real_source: LocalOsvSource, repo_files: Callable[..., Directory]
) -> None:
    record = _record(real_source, "django", "PYSEC-2023-61")
    assert "3.2a1" in record.affected[0].versions
    assert affects(record, "django", "3.2a1")  # listed, though introduced 3.2 does not cover it under PEP 440
    report = Auditor(real_source, NoIndex()).audit(discover(repo_files({"requirements.txt": "Django==4.2rc1\n"})))
    (entry,) = report.entries
    assert "PYSEC-2023-61" in {a.id for a in entry.advisories}
    assert entry.fixed_version is not None


def test_a_stable_pin_is_never_upgraded_to_a_pre_release(
    real_source: LocalOsvSource, repo_files: Callable[..., Directory]
) -> None:
    # pyyaml PYSEC-2020-176 is fixed in 5.2b1; from 5.1 the smallest stable release fixing everything is 5.4
    report = Auditor(real_source, NoIndex()).audit(discover(repo_files({"requirements.txt": "PyYAML==5.1\n"})))
    (entry,) = report.entries
    assert "PYSEC-2020-176" in {a.id for a in entry.advisories}
    assert entry.fixed_version == "5.4"


@pytest.mark.parametrize("legacy", ["0.1-bulbasaur", "0.9-ivysaur"])
def test_legacy_non_pep440_versions_do_not_crash(
    real_source: LocalOsvSource, repo_files: Callable[..., Directory], legacy: str
) -> None:
    # Given paramiko records listing legacy versions that PEP 440 rejects
    records = real_source.records(["paramiko"])["paramiko"]
    assert legacy in {v for r in records for v in r.affected[0].versions}
    # When a repo pins one of them with === (the only way to name it)
    files = repo_files({"requirements.txt": f"paramiko==={legacy}\n"})
    report = Auditor(real_source, NoIndex()).audit(discover(files))
    # Then the explicit listing still matches, and no upgrade is invented for an unorderable version
    (entry,) = report.entries
    assert {a.id for a in entry.advisories} == {r.id for r in records if legacy in r.affected[0].versions}
    assert entry.fixed_version is None
    assert "not a PEP 440 version" in entry.note


def test_every_record_evaluates_at_every_listed_version_without_error(real_source: LocalOsvSource) -> None:
    # Given all 269 real records; When each is evaluated at each version it lists
    data = real_source.records(
        ["django", "pillow", "urllib3", "twisted", "aiohttp", "numpy", "cryptography", "werkzeug", "lxml", "requests"]
    )
    for package, records in data.items():
        for record in records:
            for version in record.affected[0].versions:
                # Then it is affected by its own listing unless withdrawn
                assert affects(record, package, version) is (record.withdrawn is None)
