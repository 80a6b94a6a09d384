"""The self-contained HTML report and the highlighting it shares with the notebooks."""

from slant.report.highlight import (
    Highlight,
    blocks_html,
    category_styles,
    evidence_highlights,
    evidence_html,
    highlight_html,
    legend_html,
)

__all__ = [
    "Highlight",
    "blocks_html",
    "category_styles",
    "evidence_highlights",
    "evidence_html",
    "highlight_html",
    "legend_html",
]
