"""axe-core in the real-browser tests: inject node_modules/axe-core/axe.min.js into a page and
run it with the WCAG 2.0, 2.1 and 2.2 A and AA rules (plus axe's best practices, reported only).

`npm ci` (run by `make install-dev` and CI when npm exists) installs the pinned axe-core from
package.json; without it the tests that need it skip with a reason."""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"critical", "serious"}

needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is not installed: run `npm ci` at the project root"
)

RUN = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    tags: v.tags,
    help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ")),
  }));
}"""


def audit(page) -> list[dict]:
    """The page's axe violations (each with id, impact, help and up to four selectors)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's devtools protocol, which the page's
        # Content-Security-Policy does not govern (an injected <script> element would be refused).
        page.evaluate(AXE.read_text())
    return page.evaluate(RUN, WCAG_TAGS)


def is_blocking(violation: dict) -> bool:
    """Serious or critical, under a WCAG A/AA rule (best practices are reported, not failed)."""
    return violation["impact"] in BLOCKING and any(t.startswith("wcag") for t in violation["tags"])
