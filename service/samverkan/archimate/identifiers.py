"""Identifiers of the exchange file, derived from IRIs so the same graph gives the same file."""

from __future__ import annotations

from hashlib import sha256


def identifier(*parts: str) -> str:
    """`id-` and 24 hex digits of the SHA-256 of the parts (an xs:ID: starts with a letter)."""
    return "id-" + sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]
