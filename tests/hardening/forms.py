"""Finding every form on a page, and the pages to look on, without a list kept by hand.

Pages come from the access matrix (every project URL, built for each role with its fixtures) and
from the URL resolver (every pattern that takes no arguments: allauth's pages, the admin's lists and
"add" forms). A page added later is swept as soon as it has a matrix entry.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    value: str = ""
    options: list = field(default_factory=list)


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)

    @property
    def signature(self):
        return (self.method, self.action.split("?")[0], tuple(sorted((f.name, f.kind) for f in self.fields)))


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms = []
        self.form = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = attrs.get("action") or self.page_url
            self.form = Form(action=action, method=(attrs.get("method") or "get").lower())
            self.forms.append(self.form)
        elif self.form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind not in {"submit", "button", "image", "reset"} or attrs.get("name"):
                self.form.fields.append(Field(attrs["name"], kind, attrs.get("value") or ""))
        elif tag == "textarea":
            self.form.fields.append(Field(attrs["name"], "textarea"))
        elif tag == "select":
            kind = "select-multiple" if "multiple" in attrs else "select"
            self.select = Field(attrs["name"], kind)
            self.form.fields.append(self.select)
        elif tag == "button":
            self.form.fields.append(Field(attrs["name"], "submit", attrs.get("value") or ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        pass

    def unknown_decl(self, data):
        pass


class _OptionParser(_FormParser):
    def handle_starttag(self, tag, attrs):
        if tag == "option" and self.select is not None:
            self.select.options.append(dict(attrs).get("value", ""))
            return
        super().handle_starttag(tag, attrs)


def forms_on(html, page_url):
    parser = _OptionParser(page_url)
    parser.feed(html)
    return parser.forms


def argumentless_paths(urlconf=None):
    """Every URL path the resolver can build without arguments (no converters, no regex groups)."""
    paths = []

    def walk(patterns, prefix):
        for entry in patterns:
            pattern = str(entry.pattern)
            if "<" in pattern or "(" in pattern:
                continue
            route = prefix + pattern.lstrip("^").rstrip("$").replace("\\Z", "")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                paths.append("/" + route)

    walk(get_resolver(urlconf).url_patterns, "")
    return sorted(set(paths))
