"""Who the assignment readings name: actor keys resolved to IRIs and labels, by the team's IRI convention.

An organisation number resolves exactly as the state-agency generator resolves it (the curated IRI where data/
has one, by organisation number or Swedish name, else actor:{org_nr}), so an assignment and the agency register
always meet on one IRI. Any other key must already be described in data/ (outside data/assignments) or be one of
the readings' own new actors; other references (strategy:..., shared-component:...) are checked the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from samverkan.knowledge.generate.assignment_readings import NewActor
from samverkan.knowledge.generate.state_agencies import Agency, Resolver, read_agencies, read_curated

SAMID = "https://w3id.org/samverkan/id/"
ORG_NR = re.compile(r"\d{6}-\d{4}")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GROUPS = {"group:regions": "actor-group:regions", "group:municipalities": "actor-group:municipalities"}
KINDS = {  # prefix of a prefixed reference -> path segment under samid:
    "actor": "actor",
    "actor-group": "actor-group",
    "agreement": "agreement",
    "assignment": "assignment",
    "goal": "goal",
    "initiative": "initiative",
    "instruction": "instruction",
    "recommendation": "recommendation",
    "shared-component": "shared-component",
    "strategy": "strategy",
}


@dataclass(frozen=True)
class Named:
    """A resource with the prefixed name to write and its Swedish and English labels."""

    name: str
    sv: str
    en: str


def full_iri(prefixed: str) -> str:
    """'strategy:x' -> 'https://w3id.org/samverkan/id/strategy/x'."""
    prefix, _, local = prefixed.partition(":")
    if prefix not in KINDS or not local:
        raise ValueError(f"{prefixed!r} is not a prefixed Samverkan name")
    return f"{SAMID}{KINDS[prefix]}/{local}"


class Directory:
    """Resolves the actor keys and prefixed references of the readings against the register and data/."""

    def __init__(
        self, register_csv: Path, data_dir: Path, skip: Path, new_actors: dict[str, NewActor]
    ) -> None:
        agencies = read_agencies(register_csv)
        self.resolver = Resolver(agencies, read_curated(data_dir))
        self.agencies: dict[str, Agency] = {a.org_nr: a for a in agencies}
        self.new_actors = new_actors
        self.labels: dict[str, dict[str, str]] = {}
        self.described: set[str] = set()
        self._read_data(data_dir, skip)

    def _read_data(self, data_dir: Path, skip: Path) -> None:
        store = ox.Store()
        for path in sorted(data_dir.rglob("*.trig")):
            if skip not in path.parents:
                store.load(path=str(path), format=ox.RdfFormat.TRIG)
        for quad in store.quads_for_pattern(None, RDF_TYPE, None):
            if isinstance(quad.subject, ox.NamedNode):
                self.described.add(quad.subject.value)
        for predicate in (RDFS_LABEL, SKOS_PREF_LABEL):
            for quad in store.quads_for_pattern(None, predicate, None):
                label = quad.object
                if (
                    isinstance(quad.subject, ox.NamedNode)
                    and isinstance(label, ox.Literal)
                    and label.language in ("sv", "en")
                ):
                    known = self.labels.setdefault(quad.subject.value, {})
                    known[label.language] = min(known.get(label.language, label.value), label.value)

    def actor(self, key: str) -> Named:
        """The actor a key of the readings stands for."""
        if ORG_NR.fullmatch(key):
            agency = self.agencies.get(key)
            if agency is None:
                raise ValueError(f"{key} is not in the agency register")
            name = self.resolver.agency(agency)
            known = self.labels.get(full_iri(name), {})
            sv = known.get("sv", agency.name_sv)
            return Named(name, sv, known.get("en", agency.name_en or sv))
        if key in self.new_actors:
            actor = self.new_actors[key]
            return Named(f"actor:{key}", actor.sv, actor.en)
        return self.reference(GROUPS.get(key, f"actor:{key}"))

    def is_named(self, prefixed: str) -> bool:
        """Whether data/ (outside data/assignments) already gives the resource a Swedish and an English label."""
        return set(self.labels.get(full_iri(prefixed), {})) == {"sv", "en"}

    def reference(self, prefixed: str) -> Named:
        """A resource data/ already describes (outside data/assignments), with its labels."""
        iri = full_iri(prefixed)
        if iri not in self.described:
            raise ValueError(f"{prefixed} is not described in data/")
        known = self.labels.get(iri, {})
        if set(known) != {"sv", "en"}:
            raise ValueError(f"{prefixed} has no Swedish and English label in data/")
        return Named(prefixed, known["sv"], known["en"])
