"""Advisory sources: local mirrors (file, directory, zip) and the OSV API (batched, paginated, cached)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from advisory_support import DATA, json_server

from agentfleet.advisories.cache import JsonCache
from agentfleet.advisories.config import AdvisoriesConfig, AdvisorySettings
from agentfleet.advisories.factory import source_for
from agentfleet.advisories.osv_api import OsvApiSource
from agentfleet.advisories.sources import LocalOsvSource, StaticSource, parse_records
from agentfleet.core.errors import ConfigError, PermanentError, TransientError

RECORDS = json.loads(DATA.read_text())


def _by_id(vuln_id: str) -> dict[str, Any]:
    return next(r for r in RECORDS if r["id"] == vuln_id)


def test_a_directory_and_an_osv_zip_give_the_same_records_as_the_json_file(tmp_path: Path) -> None:
    # Given the real subset as one file, as a directory of per-record files, and as an OSV all.zip
    mirror = tmp_path / "mirror"
    for record in RECORDS:
        (mirror / record["affected"][0]["package"]["name"]).mkdir(parents=True, exist_ok=True)
        (mirror / record["affected"][0]["package"]["name"] / f"{record['id']}.json").write_text(json.dumps(record))
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for record in RECORDS:
            out.writestr(f"{record['id']}.json", json.dumps(record))
    # When each is asked for the same packages (any spelling)
    wanted = ["Django", "PyYAML", "requests", "not-a-package"]
    answers = [
        {name: sorted(r.id for r in recs) for name, recs in LocalOsvSource(p).records(wanted).items()}
        for p in (DATA, mirror, archive)
    ]
    # Then they agree, keyed by normalised name, and unknown packages are simply absent
    assert answers[0] == answers[1] == answers[2]
    assert set(answers[0]) == {"django", "pyyaml", "requests"}
    assert len(answers[0]["django"]) == 116


def test_a_broken_mirror_names_the_file_and_the_record(tmp_path: Path) -> None:
    bad = tmp_path / "osv"
    bad.mkdir()
    (bad / "good.json").write_text(json.dumps(_by_id("PYSEC-2018-28")))
    (bad / "bad.json").write_text(json.dumps({"id": "PYSEC-X", "affected": "not a list"}))
    with pytest.raises(ConfigError, match=r"bad\.json: OSV record PYSEC-X is invalid at affected"):
        LocalOsvSource(bad).records(["requests"])
    (bad / "bad.json").write_text("{not json")
    with pytest.raises(ConfigError, match=r"bad\.json is not valid JSON"):
        LocalOsvSource(bad).records(["requests"])
    with pytest.raises(ConfigError, match="does not exist; set \\[repos.advisories\\] source"):
        LocalOsvSource(tmp_path / "nowhere")


class FakeOsvApi:
    """The OSV API's querybatch and vulns endpoints over the real records, paging one id at a time."""

    def __init__(self) -> None:
        self.by_package: dict[str, list[dict[str, Any]]] = {}
        for record in RECORDS:
            self.by_package.setdefault(record["affected"][0]["package"]["name"].lower(), []).append(record)

    def __call__(self, method: str, path: str, body: bytes) -> tuple[int, Any]:
        if method == "POST" and path == "/v1/querybatch":
            return 200, {"results": [self._page(q) for q in json.loads(body)["queries"]]}
        if method == "GET" and path.startswith("/v1/vulns/"):
            return 200, _by_id(path.rsplit("/", 1)[-1])
        return 404, {"message": "not found"}

    def _page(self, query: dict[str, Any]) -> dict[str, Any]:
        records = self.by_package.get(query["package"]["name"], [])
        start = int(query.get("page_token") or 0)
        page = records[start : start + 2]
        result: dict[str, Any] = {"vulns": [{"id": r["id"], "modified": r["modified"]} for r in page]} if page else {}
        if start + 2 < len(records):
            result["next_page_token"] = str(start + 2)
        return result


def test_osv_api_batches_follows_pages_and_caches(tmp_path: Path) -> None:
    # Given an OSV API stand-in on 127.0.0.1 and a source batching two packages per call
    with json_server(FakeOsvApi()) as api, httpx.Client() as client:
        source = OsvApiSource(api.url, JsonCache(tmp_path / "cache", 3600), client=client, batch_size=2)
        # When three packages are asked for
        got = source.records(["requests", "PyYAML", "flask"])
        calls = [(m, p) for m, p, _ in api.requests]
        # Then two batches were posted (plus follow-up pages), and every record was fetched once
        assert {name: sorted(r.id for r in recs) for name, recs in got.items()} == {
            "requests": sorted(r["id"] for r in RECORDS if r["affected"][0]["package"]["name"] == "requests"),
            "pyyaml": ["PYSEC-2018-49", "PYSEC-2020-176", "PYSEC-2020-96", "PYSEC-2021-142"],
            "flask": ["PYSEC-2018-66", "PYSEC-2019-179", "PYSEC-2023-62"],
        }
        batches = [json.loads(b)["queries"] for m, p, b in api.requests if p == "/v1/querybatch"]
        first_pages = [[q["package"]["name"] for q in b] for b in batches if not any("page_token" in q for q in b)]
        assert first_pages == [["flask", "pyyaml"], ["requests"]]
        assert all(len(b) <= 2 for b in batches)
        assert any("page_token" in q for b in batches for q in b)
        assert sum(1 for m, p in calls if p.startswith("/v1/vulns/")) == 5 + 4 + 3
        # And a second audit within the TTL asks the API nothing
        before = len(api.requests)
        again = source.records(["requests", "pyyaml", "flask"])
        assert len(api.requests) == before
        assert {k: len(v) for k, v in again.items()} == {"requests": 5, "pyyaml": 4, "flask": 3}


def test_osv_api_outage_is_transient(tmp_path: Path) -> None:
    with json_server(lambda m, p, b: (503, {"message": "busy"})) as api, httpx.Client() as client:
        source = OsvApiSource(api.url, JsonCache(tmp_path, 3600), client=client)
        with pytest.raises(TransientError, match="503; will retry"):
            source.records(["requests"])


def test_a_malformed_record_from_the_api_is_a_permanent_error(tmp_path: Path) -> None:
    def route(method: str, path: str, body: bytes) -> tuple[int, Any]:
        if path == "/v1/querybatch":
            return 200, {"results": [{"vulns": [{"id": "PYSEC-X", "modified": "2024-01-01T00:00:00Z"}]}]}
        return 200, {"id": "PYSEC-X", "affected": [{"ranges": "nope"}]}

    with json_server(route) as api, httpx.Client() as client:
        source = OsvApiSource(api.url, JsonCache(tmp_path, 3600), client=client)
        with pytest.raises(PermanentError, match=r"OSV API record PYSEC-X from http://127\.0\.0\.1:\d+: .* invalid at"):
            source.records(["requests"])


class _OneRecordSource:
    """A third-party source, named by dotted path in the fleet file."""

    @classmethod
    def from_config(cls, config: Any, settings: Any, cache_dir: Path, client: Any) -> StaticSource:
        return StaticSource(parse_records([{"id": "X-1", "modified": "2024-01-01T00:00:00Z"}], config.source))


def test_a_fleet_file_can_name_its_own_advisory_source_class(tmp_path: Path) -> None:
    config = AdvisoriesConfig(source="anything", source_type=f"{__name__}._OneRecordSource")
    with httpx.Client() as client:
        source = source_for(config, AdvisorySettings(), tmp_path, client)
        assert isinstance(source, StaticSource)
        with pytest.raises(ConfigError, match=r"source_type\) 'nope'; built-ins are: osv-api, osv-local"):
            source_for(AdvisoriesConfig(source_type="nope"), AdvisorySettings(), tmp_path, client)
