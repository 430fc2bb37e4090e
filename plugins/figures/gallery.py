"""Group runs of adjacent figures into one gallery element.

A series of photos reads as one gallery (one lightbox, one grid) on the
site; a lone photo stays a plain figure.  Grouping is a separate pass over
the finished tree so it sees figures that came from separate paragraphs.
"""

import xml.etree.ElementTree as etree

FIGURE_CLASS = "vn-figure"
GALLERY_CLASS = "vn-gallery"


def is_figure(element: etree.Element) -> bool:
    classes = (element.get("class") or "").split()
    return element.tag == "figure" and FIGURE_CLASS in classes


def group_galleries(parent: etree.Element) -> None:
    """Wrap each run of two or more adjacent figures in a gallery ``<div>``.

    Figures are adjacent when only whitespace lies between them.
    """
    runs: list[list[etree.Element]] = []
    for child in parent:
        previous = runs[-1][-1] if runs else None
        if (
            is_figure(child)
            and previous is not None
            and is_figure(previous)
            and not (previous.tail or "").strip()
        ):
            runs[-1].append(child)
        else:
            runs.append([child])
    if all(len(run) < 2 for run in runs):
        return

    nodes = []
    for run in runs:
        if len(run) < 2:
            nodes.extend(run)
            continue
        gallery = etree.Element(
            "div", {"class": GALLERY_CLASS, "data-count": str(len(run))}
        )
        # Newlines where Markdown's "prettify" step (already run) puts them.
        gallery.text = "\n"
        gallery.tail = run[-1].tail
        for figure in run:
            figure.tail = "\n"
            gallery.append(figure)
        nodes.append(gallery)
    parent[:] = nodes
