"""Well-formed literals: a standard SPARQL 1.1 test of a literal's lexical form for its XSD datatype.

SHACL's sh:datatype fails an ill-formed literal (`"yes"^^xsd:boolean`). Stores keep such literals
as written (valid ones may be stored in canonical form), so the test reads the lexical form with
REGEX and, where a pattern cannot say it, compares the value after an XPath cast that SPARQL 1.1
defines (xsd:integer, xsd:decimal, xsd:dateTime). No store-specific cast is used.
"""

from __future__ import annotations

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_ZONE = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?"
_DAY = r"(0[1-9]|[12]\d|3[01])"
_MONTH = r"(0[1-9]|1[0-2])"
_TIME = r"(([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?|24:00:00(\.0+)?)"
_DATE = rf"-?([1-9]\d{{4,}}|\d{{4}})-{_MONTH}-{_DAY}"
_DAY_AND_ZONE = ((r"^(-?\d+-\d+-\d+).*$", "$1"), (r"^-?\d+-\d+-\d+", ""))
_INTEGER = r"[+-]?\d+"
_FLOAT = r"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)"
PATTERNS = {
    "boolean": "true|false|1|0",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "integer": _INTEGER,
    "double": _FLOAT,
    "float": _FLOAT,
    "dateTime": rf"{_DATE}T{_TIME}{_ZONE}",
    "dateTimeStamp": rf"{_DATE}T{_TIME}(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))",
    "date": rf"{_DATE}{_ZONE}",
    "time": rf"{_TIME}{_ZONE}",
    "gYear": rf"-?([1-9]\d{{4,}}|\d{{4}}){_ZONE}",
    "gYearMonth": rf"-?([1-9]\d{{4,}}|\d{{4}})-{_MONTH}{_ZONE}",
    "gMonthDay": rf"--{_MONTH}-{_DAY}{_ZONE}",
    "gDay": rf"---{_DAY}{_ZONE}",
    "gMonth": rf"--{_MONTH}{_ZONE}",
    "duration": r"-?P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    "yearMonthDuration": r"-?P(\d+Y)?(\d+M)?",
    "dayTimeDuration": r"-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    "hexBinary": "([0-9a-fA-F]{2})*",
    "base64Binary": r"(([A-Za-z0-9+/] ?){4})*(([A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|([A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?",
    "language": "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
    "normalizedString": "[^\r\n\t]*",
    "token": "([^\\s]+( [^\\s]+)*)?",
}
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}


def well_formed(node: str, datatype: str) -> str | None:
    """A SPARQL expression: is the literal `node` (of `datatype`) well-formed? None: no test known."""
    name = datatype.removeprefix(XSD) if datatype.startswith(XSD) else None
    if name in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[name]
        value = f"<{XSD}decimal>(STR({node}))"
        bounds = [f"{value} >= {low}.0" if low is not None else "", f"{value} <= {high}.0" if high else ""]
        return _matches(node, _INTEGER, [bound for bound in bounds if bound])
    if name in {"dateTime", "dateTimeStamp"}:
        return _matches(node, PATTERNS[name], [f"isLiteral(<{XSD}dateTime>(STR({node})))"])
    if name == "date":
        # A day that the month does not have (2021-02-30) fails the cast to xsd:dateTime.
        day, zone = (f"REPLACE(STR({node}), {ox.Literal(p)}, {ox.Literal(r)})" for p, r in _DAY_AND_ZONE)
        midnight = f'CONCAT({day}, "T00:00:00", {zone})'
        return _matches(node, PATTERNS[name], [f"isLiteral(<{XSD}dateTime>({midnight}))"])
    if name in {"duration", "yearMonthDuration", "dayTimeDuration"}:
        # At least one field, and none of the forms `P`, `-P` or `…T` (XPath regexes have no look-ahead).
        return _matches(node, PATTERNS[name], [f"!REGEX(STR({node}), {ox.Literal('^-?P$|T$')})"])
    if name in PATTERNS:
        return _matches(node, PATTERNS[name], [])
    return None


def _matches(node: str, pattern: str, tests: list[str]) -> str:
    regex = f"REGEX(STR({node}), {ox.Literal(f'^({pattern})$')})"
    return "COALESCE(" + " && ".join([regex, *tests]) + ", false)"
