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
# after "attr_list" (8, part of "extra", which Pelican enables by default), so
# ``![](a.jpg){: .rong }`` and a paragraph's ``{: #id }`` are already applied
# and their text is gone from the caption; before "abbr" (7), "smarty" (6)
# and "toc" (5), which then see figcaptions like any other text.  This is
# after "prettify" (10), so the processor adds its newlines itself.
TREEPROCESSOR_PRIORITY = 7.5


class FiguresExtension(markdown.Extension):
    """Turn photo paragraphs into ``<figure>`` and runs of them into galleries."""

    def __init__(self, **kwargs):
        self.config = {
            "relative_prefix": [
                "{attach}",
                "Prefix added to relative image paths so Pelican copies the "
                "photo beside the article; empty string disables rewriting.",
            ],
            "caption_max_line_length": [
                150,
                "From the second caption line on, a longer line (in characters) "
                "is body text, not caption: legacy exports put body paragraphs "
                "right under captions. 0 disables the limit.",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.md = md
        processor = FiguresTreeprocessor(
            md,
            relative_prefix=self.getConfig("relative_prefix"),
            caption_max_line_length=int(self.getConfig("caption_max_line_length")),
        )
        md.treeprocessors.register(processor, "figures", TREEPROCESSOR_PRIORITY)
        md.registerExtension(self)
        self.reset_photos(md)

    def reset(self) -> None:
        self.reset_photos(self.md)

    @staticmethod
    def reset_photos(md: markdown.Markdown) -> None:
        # The photos of the last conversion, in order, for the reader to keep
        # with the article (see figures.photos).
        md.photos = []


def makeExtension(**kwargs) -> FiguresExtension:
    return FiguresExtension(**kwargs)
