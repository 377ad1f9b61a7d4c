"""Who may send: DSN public keys (mapped to repos in the fleet file), webhook HMAC signatures, bearer tokens."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from pydantic import SecretStr
from starlette.exceptions import HTTPException
from starlette.requests import Request

from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import FleetConfig, RepoConfig

__all__ = ["KeyMap", "check_bearer", "check_signature", "sentry_key"]


def _auth_pairs(value: str) -> dict[str, str]:
    value = value.strip()
    if value.lower().startswith("sentry "):
        value = value[7:]
    pairs = (part.strip().partition("=") for part in value.split(","))
    return {k.strip().lower(): v.strip() for k, sep, v in pairs if sep}


def sentry_key(request: Request) -> str | None:
    """The DSN public key of a Sentry SDK request (``X-Sentry-Auth``, ``Authorization`` or ``?sentry_key=``)."""
    for header in ("x-sentry-auth", "authorization"):
        value = request.headers.get(header)
        if value:
            key = _auth_pairs(value).get("sentry_key")
            if key:
                return key
    return request.query_params.get("sentry_key") or None


@dataclass(frozen=True)
class KeyMap:
    """DSN public key → repo, built from the fleet file (each key belongs to one repo)."""

    repos: dict[str, RepoConfig]

    @classmethod
    def from_fleet(cls, fleet: FleetConfig) -> KeyMap:
        """The map for ``fleet``; ``ConfigError`` when two repos claim the same key."""
        repos: dict[str, RepoConfig] = {}
        for repo in fleet.repos:
            for key in repo.errors.dsn_keys:
                if key in repos:
                    raise ConfigError(
                        f"DSN key {key!r} is listed under errors.dsn_keys of both {repos[key].name!r} and "
                        f"{repo.name!r} in the fleet file; give each repo its own key"
                    )
                repos[key] = repo
        return cls(repos)

    def repo_for(self, key: str | None) -> RepoConfig:
        """The repo ``key`` belongs to; 401 when the key is missing or unknown."""
        if not key:
            raise HTTPException(401, "missing DSN key: send X-Sentry-Auth with sentry_key (any Sentry SDK does)")
        repo = self.repos.get(key)
        if repo is None:
            raise HTTPException(401, "unknown DSN key; list it under [repos.errors] dsn_keys in the fleet file")
        return repo


def _secret(secret: SecretStr | None, setting: str) -> bytes:
    if secret is None:
        raise HTTPException(403, f"this webhook is disabled; set AGENTFLEET_INGEST__{setting} to enable it")
    return secret.get_secret_value().encode()


def check_signature(secret: SecretStr | None, body: bytes, signature: str | None) -> None:
    """401 unless ``signature`` is the hex HMAC-SHA256 of ``body`` under the Sentry integration's secret."""
    key = _secret(secret, "SENTRY_WEBHOOK_SECRET")
    expected = hmac.new(key, body, hashlib.sha256).hexdigest()
    if not signature or not hmac.compare_digest(expected, signature.strip().lower()):
        raise HTTPException(401, "bad or missing Sentry-Hook-Signature (HMAC-SHA256 of the body)")


def check_bearer(secret: SecretStr | None, authorization: str | None) -> None:
    """401 unless ``authorization`` is ``Bearer <webhook_token>``."""
    key = _secret(secret, "WEBHOOK_TOKEN")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), key):
        raise HTTPException(401, "bad or missing 'Authorization: Bearer <token>' for the generic webhook")
