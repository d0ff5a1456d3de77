"""Writing TriG text by hand, deterministically: literals, subject blocks and named graphs."""

from __future__ import annotations


def literal(text: str, lang: str | None = None) -> str:
    """A Turtle string literal, escaped."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(text: str, datatype: str) -> str:
    """A Turtle literal with a datatype given as a prefixed name, e.g. ``xsd:date``."""
    return f"{literal(text)}^^{datatype}"


def block(subject: str, pairs: list[tuple[str, str]]) -> str:
    """Render one subject with its predicate-object pairs, indented for a graph body."""
    lines = [f"    {subject}"]
    for i, (pred, obj) in enumerate(pairs):
        end = " ." if i == len(pairs) - 1 else " ;"
        lines.append(f"        {pred} {obj}{end}")
    return "\n".join(lines)


def named_graph(name: str, blocks: list[str]) -> str:
    """One named graph holding the given subject blocks."""
    return f"{name} {{\n" + "\n\n".join(blocks) + "\n}\n"
