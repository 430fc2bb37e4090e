"""What a registry-backed taxonomy is: an entry class and a kind.

`units` and `people` are thin specialisations of these two classes: their
fields, settings, ordering and templates. Everything else (reading and
checking the YAML, matching names in articles, attaching them, writing the
index, term pages and feeds) is done once, here in `entities`, for every kind.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import ClassVar

from .fields import Field

# The kinds a site has when nothing else is said (the Pelican-independent API
# and `invoke check`); each name is a package whose module holds KIND.
DEFAULT_KINDS = ("units", "people")


class Entity:
    """One registered entry: a unit, a person. Attributes are the entry's
    validated fields; `kind` is the name of its kind ("units"), `url` is
    site-relative ("don-vi/phong-y-te/").

    Entities are small values: they are pickled with articles by Pelican's
    content cache, so they hold no reference to articles or to the build."""

    def __init__(self, kind: str, id: str, url: str, position: int, values: dict):
        self.__dict__.update(values)
        self.kind = kind
        self.id = id
        self.url = url
        self.position = position  # index in the registry file

    # Every field a kind declares is an attribute, absent ones are None.
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None

    def __eq__(self, other):
        return (isinstance(other, Entity) and other.kind == self.kind
                and other.id == self.id)

    def __hash__(self):
        return hash((self.kind, self.id))

    def __str__(self):
        return self.name or self.id

    def __fingerprint__(self) -> str:
        # Its fields come from the registry, a site input (portal.incremental).
        return f"{self.kind}:{self.id}"

    def __repr__(self):
        return f"<{type(self).__name__} {self.id}>"

    def names(self) -> tuple[str, ...]:
        """Every name the entry is written under in articles."""
        return (self.name, *(self.aliases or ()))

    @property
    def detected(self) -> bool:
        """False for entries that are only tagged by hand (`detect: false`)."""
        return self.detect is not False

    def order_key(self):
        """Display order: the `order` field, then the order of the file."""
        order = self.order
        return (order is None, order or 0, self.position)


@dataclass(frozen=True)
class Tag:
    """A non-entity name in the matcher (e.g. an honorific): found in the
    same pass, interpreted by the kind that added it."""

    kind: str
    what: str
    text: str


class Kind:
    """One taxonomy. Subclasses set the class attributes and may override
    the hooks; instances are stateless. The name also gives the settings
    prefix and the index page template."""

    name = ""             # article attribute, photo key, front matter key
    label = ""            # Vietnamese noun for messages ("đơn vị")
    entity = Entity       # class of the entries; a subclass adds behaviour
    fields: tuple[Field, ...] = ()
    defaults: ClassVar[dict] = {}  # settings with their defaults
    template = ""         # term page template ("unit")

    @property
    def prefix(self) -> str:
        """Settings prefix ("UNITS")."""
        return self.name.upper()

    @property
    def index_template(self) -> str:
        """Index page template ("units")."""
        return self.name

    def setting(self, settings, key: str):
        full = f"{self.prefix}_{key}"
        return settings[full] if full in settings else self.defaults[full]

    def ordered(self, entities, settings) -> list:
        """Entries in the order pages and articles list them."""
        return sorted(entities, key=lambda e: e.order_key())

    def check(self, registries, report) -> None:
        """Kind-specific checks once every registry is read; `report(entity,
        field, message, hint)` records a problem at that field's line."""

    def learned_names(self, name: str) -> set[str]:
        """Other spellings of one of an entry's names, learned from it (see
        `entities.forms`); explicit names and aliases win over them."""
        return set()

    def rejects(self, scan, match, registries) -> bool:
        """True when a name found in a text does not mean this entry there
        (e.g. a unit followed by another locality's name)."""
        return False

    def found(self, scan, registries) -> list:
        """Matches of entries the pass cannot find by a name alone (e.g. a
        leader named by the given name after "Đ/c")."""
        return []

    def extra_names(self, settings) -> list[tuple[str, Tag]]:
        """Names to find in the same pass that are not entries."""
        return []

    def annotate(self, scan, registries):
        """Read what the pass found in an article's texts. Returns (extra
        keys per photo: {caption index: {key: value}}, notes) where notes are
        `Unregistered` findings."""
        return {}, []

    def index_context(self, state, settings) -> dict:
        """Template variables of the index page (besides Pelican's)."""
        return {"entries": state.ordered(self.name)}

    def page_context(self, entity, state, settings) -> dict:
        """Extra template variables of an entry's page."""
        return {}

    def template_globals(self, state) -> dict:
        """Variables for every template (put in Pelican's context, which its
        content cache pickles: values must be picklable)."""
        return {}


def resolve(names=DEFAULT_KINDS) -> list[Kind]:
    """The Kind objects of the named plugin packages, in the given order."""
    return [importlib.import_module(name).KIND for name in names]
