"""Rule messages: the `{$this}`, `{?value}` and `{?path}` placeholders of sh:message filled with labels."""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


def render_message(template: str, values: Mapping[str, str]) -> str:
    """The message with each placeholder replaced by its value's text (unknown ones left as they are)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
