"""One documentation page per rule, from the catalog: what ``edikit rule CODE`` prints and
``tools/gen_rule_docs.py`` writes to ``docs/rules/``."""

from __future__ import annotations

from collections.abc import Mapping

from edikit.rules.registry import REGISTRY, Rule

ACK_FIELDS = (
    ("ta1", "TA105 (interchange note)"),
    ("ak905", "AK905 (functional group error)"),
    ("ak502", "AK502 / IK502 (transaction set error)"),
    ("ak304", "AK304 / IK304 (segment error)"),
    ("ak403", "AK403 / IK403 (element error)"),
)
_HEADINGS = (("bad", "Example"), ("good", "Fixed"))


def rule_page(code: str, rules: Mapping[str, Rule] = REGISTRY) -> str:
    """The Markdown page of ``code`` (KeyError for a code ``rules`` does not have)."""
    rule = rules[code]
    lines = [f"# {rule.code} {rule.name}", "", f"Severity: **{rule.severity.value}**", ""]
    lines += ["## What it means", "", rule.title, ""]
    if rule.rationale:
        lines += ["## Why it matters", "", rule.rationale, ""]
    for kind, heading in _HEADINGS:
        example = _example_text(rule, kind)
        if example is not None:
            lines += [f"## {heading}", "", "```", example, "```", ""]
    lines += ["## What to do", "", rule.hint, ""]
    acks = _acknowledgment_codes(rule)
    if acks:
        lines += ["## In an acknowledgment", "", *acks, ""]
    return "\n".join(lines)


def _example_text(rule: Rule, kind: str) -> str | None:
    note = rule.example_notes.get(kind)
    if note is not None:
        return note
    data = rule.example(kind)
    return data.decode("latin-1").strip() if data is not None else None


def _acknowledgment_codes(rule: Rule) -> list[str]:
    return [
        f"- {label}: `{getattr(rule, field)}`"
        for field, label in ACK_FIELDS
        if getattr(rule, field, None)
    ]


def index_page() -> str:
    lines = ["# Rules", "", "One page per violation code (generated; do not edit).", ""]
    lines += ["| code | name | severity | summary |", "|---|---|---|---|"]
    for rule in REGISTRY.values():
        lines.append(
            f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.severity.value} | "
            f"{rule.title} |"
        )
    return "\n".join(lines) + "\n"
