"""One documentation page per rule, from the registry and the explanations: what
``edikit rule CODE`` prints and ``tools/gen_rule_docs.py`` writes to ``docs/rules/``."""

from __future__ import annotations

from edikit.rules.registry import REGISTRY, Rule

ACK_FIELDS = (
    ("ta1", "TA105 (interchange note)"),
    ("ak905", "AK905 (functional group error)"),
    ("ak502", "AK502 / IK502 (transaction set error)"),
    ("ak304", "AK304 / IK304 (segment error)"),
    ("ak403", "AK403 / IK403 (element error)"),
)


def rule_page(code: str) -> str:
    """The Markdown page of ``code`` (KeyError for a code edikit does not have)."""
    from edikit.rules.explanations import EXPLANATIONS  # written separately: long texts

    rule = REGISTRY[code]
    explanation = EXPLANATIONS.get(code)
    lines = [f"# {rule.code} {rule.name}", "", f"Severity: **{rule.severity.value}**", ""]
    lines += ["## What it means", "", rule.summary, ""]
    if explanation is not None:
        lines += ["## Why it matters", "", explanation.rationale, ""]
        lines += ["## Example", "", "```", explanation.bad.strip(), "```", ""]
        lines += ["## Fixed", "", "```", explanation.good.strip(), "```", ""]
    lines += ["## What to do", "", rule.hint, ""]
    acks = _acknowledgment_codes(rule)
    if acks:
        lines += ["## In an acknowledgment", "", *acks, ""]
    return "\n".join(lines)


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
            f"{rule.summary} |"
        )
    return "\n".join(lines) + "\n"
