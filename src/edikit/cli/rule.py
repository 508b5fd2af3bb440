"""``edikit rule``: what a violation code means, or every code."""

from __future__ import annotations

import click
from rich.markdown import Markdown

from edikit.report.terminal import console as text_console
from edikit.rules.pages import rule_page
from edikit.rules.plugins import catalog


@click.command("rule")
@click.argument("code", required=False)
def command(code: str | None) -> None:
    """Explain a violation code (EDI132), or list every code."""
    console = text_console()
    rules = catalog()
    if code is None:
        for item in rules.values():
            console.print(f"{item.code}  {item.severity.value:<7}  {item.name}: {item.title}")
        return
    found = code.strip().upper()
    if found not in rules:
        raise click.UsageError(f"{code!r} is not an edikit code; `edikit rule` lists them")
    page = rule_page(found, rules)
    if console.is_terminal:
        console.print(Markdown(page))
    else:  # the page's Markdown as it is: rendered, rich pads every line to the width
        click.echo(page, nl=not page.endswith("\n"))
