"""Python-Markdown entry point of the ``figures`` extension.

Markdown loads an extension by module name and calls ``makeExtension``; this
module only declares the configuration and registers the tree processor, so
the extension can be named as ``"figures.extension"`` (or ``"figures"``) in
Pelican's ``MARKDOWN`` setting, which keeps that setting picklable for
Pelican's content cache.
"""

import markdown

from figures.tree import FiguresTreeprocessor

# After "inline" (20), which turns ``![alt](src)`` into <img> elements, and
# before "prettify" (10), so the new block elements get its line breaks.
TREEPROCESSOR_PRIORITY = 15


class FiguresExtension(markdown.Extension):
    """Turn photo paragraphs into ``<figure>`` and runs of them into galleries."""

    def __init__(self, **kwargs):
        self.config = {
            "relative_prefix": [
                "{attach}",
                "Prefix added to relative image paths so Pelican copies the "
                "photo beside the article; empty string disables rewriting.",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        processor = FiguresTreeprocessor(
            md, relative_prefix=self.getConfig("relative_prefix")
        )
        md.treeprocessors.register(processor, "figures", TREEPROCESSOR_PRIORITY)


def makeExtension(**kwargs) -> FiguresExtension:
    return FiguresExtension(**kwargs)
