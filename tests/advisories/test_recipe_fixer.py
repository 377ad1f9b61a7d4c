"""The recipe fixer in a real bwrap sandbox: upgrade work becomes a patch with the new release's hashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from advisory_support import build_wheel, sha256_of, static_server, write_simple_index
from support import make_repo, need

from agentfleet.contracts import AdvisoryRef, Job, NoFix, Patch, UpgradeDependency
from agentfleet.core.context import Context
from agentfleet.core.registry import resolve
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers import FIXERS
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import open_sandbox

pytestmark = pytest.mark.bwrap

REQUIREMENTS = "requests==2.19.0 \\\n    --hash=sha256:{old}\n    # via -r requirements.in\nidna==3.7\n"


def _item(repo: str, base: str, manifest: str = "requirements.txt") -> UpgradeDependency:
    ref = AdvisoryRef(id="PYSEC-2023-74", aliases=("CVE-2023-32681",), severity="medium", fixed=("2.31.0",))
    return UpgradeDependency(
        repo=repo,
        base_commit=base,
        fingerprint=f"advisory:{manifest}:requests",
        package="requests",
        current="==2.19.0",
        target_version="2.31.0",
        manifest=manifest,
        advisories=(ref,),
    )


def test_recipe_upgrades_a_hashed_pin_inside_a_real_sandbox(tmp_path: Path, advisory_sandbox_data: Path) -> None:
    need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
    # Given a local simple index with real wheels of requests 2.19.0 and 2.31.0, and a repo pinning the old one
    files = tmp_path / "index" / "files"
    wheels = [build_wheel(files, "requests", v, f"VERSION = {v!r}\n") for v in ("2.19.0", "2.31.0")]
    write_simple_index(tmp_path / "index", wheels)
    base = make_repo(tmp_path / "svc", {"requirements.txt": REQUIREMENTS.format(old=sha256_of(wheels[0]))})
    with static_server(tmp_path / "index") as url:
        fleet = tmp_path / "fleet.toml"
        fleet.write_text(f'[[repos]]\nname = "svc"\nlocation = "svc"\nadvisories.index_url = "{url}/simple"\n')
        settings = Settings(data_dir=advisory_sandbox_data, fleet_file=fleet, sandbox=SandboxConfig(backend="bwrap"))
        ctx = Context.from_settings(settings)
        fixer = resolve(FIXERS, "recipe", "fixer")(ctx)
        # When the recipe fixer runs on the upgrade work inside a sandbox at the base commit
        with open_sandbox(ctx, ctx.repo("svc"), base) as box:
            result = fixer.run(Job(item=_item("svc", base)), box)
            missing = fixer.run(Job(item=_item("svc", base, manifest="requirements-dev.txt")), box)
    # Then the patch pins 2.31.0 with the hash of the 2.31.0 wheel, keeps the layout, and says why
    assert isinstance(result, Patch)
    assert result.author == "recipe:upgrade-dependency"
    assert result.files == ("requirements.txt",)
    new_hash = sha256_of(wheels[1])
    assert f"+requests==2.31.0 \\\n+    --hash=sha256:{new_hash}\n" in result.diff
    assert "-requests==2.19.0 \\" in result.diff
    assert "-idna" not in result.diff
    assert "+idna" not in result.diff
    assert "| PYSEC-2023-74 | CVE-2023-32681 | medium | 2.31.0 |" in result.rationale
    # And a manifest that does not exist is an honest NoFix, not a crash
    assert isinstance(missing, NoFix)
    assert "requirements-dev.txt" in missing.reason
