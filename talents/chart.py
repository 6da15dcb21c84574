"""Geometry for the server-rendered SVG progress chart: one square per week, and a progress bar.

The template (talents/includes/progress_chart.html) draws it; its text alternative is the summary
sentence in the SVG's <title>/<desc> and the week table beside it.
"""

from talents.weeks import progress

CELL = 14
GAP = 4
PER_ROW = 26  # half a year: a row is about one rotation period
LABEL_WIDTH = 64
BAR_HEIGHT = 16


def progress_chart(weeks, *, compact=False):
    shown = weeks[-PER_ROW:] if compact else weeks
    rows = max(1, -(-len(shown) // PER_ROW))
    cells = []
    for index, week in enumerate(shown):
        row, column = divmod(index, PER_ROW)
        cells.append(
            {
                "x": LABEL_WIDTH + column * (CELL + GAP),
                "y": row * (CELL + GAP),
                "week": week,
            }
        )
    row_labels = [
        {"y": row * (CELL + GAP) + CELL - 2, "label": shown[row * PER_ROW].monday} for row in range(rows) if shown
    ]
    summary = progress(weeks)
    grid_width = LABEL_WIDTH + PER_ROW * (CELL + GAP)
    bar_y = rows * (CELL + GAP) + 12
    bar_width = grid_width - LABEL_WIDTH
    filled = round(bar_width * summary.logged / summary.expected) if summary.expected else bar_width
    return {
        "cells": cells,
        "row_labels": row_labels,
        "cell": CELL,
        "width": grid_width,
        "height": bar_y + BAR_HEIGHT + 4,
        "bar": {"x": LABEL_WIDTH, "y": bar_y, "width": bar_width, "filled": filled, "height": BAR_HEIGHT},
        "summary": summary,
        "compact": compact,
    }
