"""The hand-checked instructions (data/agencies/instructions.toml) say what their pages show, and are read strictly.

Why: each entry is a fact read on a page; the number recorded must be the one the page names (a typo in the number
would make the graph name another ordinance), and a malformed entry must stop the generator rather than vanish.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from samverkan.knowledge.generate.checked_instructions import KEYS, READINGS, read_checked

DATA = Path(__file__).resolve().parents[3] / "data"


def raw_entries() -> list[dict[str, str]]:
    with (DATA / READINGS).open("rb") as handle:
        return list(tomllib.load(handle)["instruction"])


def test_every_checked_entry_names_its_sfs_number_in_its_recorded_title() -> None:
    entries = raw_entries()
    assert len(entries) >= 20
    wrong = [e["org_nr"] for e in entries if f"({e['sfs']})" not in e["title"]]
    assert not wrong, wrong


def test_every_checked_entry_cites_a_page_read_and_what_it_shows() -> None:
    for entry in read_checked(DATA / READINGS):
        assert entry.url.startswith("http") and entry.read and entry.locator, entry.org_nr
        assert not (DATA / "sources" / f"{entry.source}.trig").exists(), f"{entry.source} is a curated source"


def test_an_entry_whose_title_lacks_its_number_is_refused(tmp_path: Path) -> None:
    entry = raw_entries()[0] | {"sfs": "2015:285"}
    lines = ["[[instruction]]", *(f"{key} = {json.dumps(entry[key], ensure_ascii=False)}" for key in KEYS)]
    path = tmp_path / "instructions.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"title does not name \(2015:285\)"):
        read_checked(path)
