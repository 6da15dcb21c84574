"""A post is public and its author is anyone accepted once: hostile Markdown must come out as harmless HTML.

Both the blog's rendering (its own images only, rel on links that leave the site) and the core's
(eyeforai/markdown.py, which lessons use too) get the same list of hostile inputs.
"""

import uuid
from html.parser import HTMLParser

import pytest

from blog.markdown import LINK_REL, render_post_body
from blog.models import Post, PostImage
from blog.models.posts import MAX_BODY_CHARACTERS
from eyeforai.markdown import render_markdown
from tests.blog.fixtures import PostFactory

OWN_IMAGE = "5001205a-b078-4706-a7fd-655370ce6e22"  # fixed: pytest-xdist workers collect the same ids
OTHER_POSTS_IMAGE = "11111111-1111-4111-8111-111111111111"
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")

HOSTILE = {
    "script": "<script>alert(document.cookie)</script>",
    "script_split": "<scr<script>ipt>alert(1)</script>",
    "img_onerror": '<img src="x" onerror="alert(1)">',
    "javascript_link": "[x](javascript:alert(1))",
    "javascript_mixed_case": "[x](JaVaScRiPt:alert(1))",
    "javascript_entity": "[x](&#106;avascript:alert(1))",
    "javascript_hex_entity": "[x](&#x6A;avascript:alert(1))",
    "javascript_colon_entity": "[x](javascript&colon;alert(1))",
    "javascript_leading_space": "[x](<  javascript:alert(1)>)",
    "javascript_newline_entity": "[x](java&#x0A;script:alert(1))",
    "javascript_image": "![x](javascript:alert(1))",
    "data_html": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data_image": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "vbscript": "[x](vbscript:msgbox(1))",
    "file": "[x](file:///etc/passwd)",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "svg_onload": '<svg onload="alert(1)"><circle r="9"/></svg>',
    "style_attribute": '<p style="position:fixed;top:0">over everything</p>',
    "style_tag": "<style>body { display: none }</style>",
    "raw_anchor": "<a href='javascript:alert(1)' onclick='steal()'>x</a>",
    "event_in_markup": "[x](https://ok.example) <b onmouseover=alert(1)>b</b>",
    "reference_javascript": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "reference_data": "[x][evil]\n\n[evil]: data:text/html,<script>alert(1)</script>",
    "autolink_javascript": "<javascript:alert(1)>",
    "autolink_vbscript": "<vbscript:msgbox(1)>",
    "autolink_data": "<data:text/html,<script>alert(1)</script>>",
    "image_elsewhere": "![tracking](https://evil.example/pixel.png)",
    "image_protocol_relative": "![tracking](//evil.example/pixel.png)",
    "image_of_another_post": f"![not mine](/blog/images/{OTHER_POSTS_IMAGE}/)",
    "image_of_another_post_small": f"![not mine](/blog/images/{OTHER_POSTS_IMAGE}/small/)",
    "image_path_escape": f"![x](/blog/images/{OWN_IMAGE}/../../../admin/)",
    "title_with_quotes": '[x](https://ok.example "a \\" onmouseover=\\"alert(1)")',
    "title_with_markdown": '[x](https://ok.example "[y](javascript:alert(1)) \\"><script>alert(1)</script>")',
    "title_single_quotes": "[x](https://ok.example 't\" onclick=\"alert(1)')",
    "html_in_link_text": "[<img src=x onerror=alert(1)>](https://ok.example)",
    "comment": "<!-- <script>alert(1)</script> -->",
    "form": "<form action='https://evil.example'><input name=password></form>",
    "object": "<object data='https://evil.example/x.swf'></object><embed src='x.swf'>",
    "meta_refresh": "<meta http-equiv='refresh' content='0;url=https://evil.example'>",
    "base": "<base href='https://evil.example/'>",
}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.comments = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.comments.append(data)


def markup_of(html):
    """The start tags of `html` with their attributes as a browser reads them (entities decoded)."""
    parser = _Markup()
    parser.feed(str(html))
    parser.close()
    return parser


def _as_browser_reads(url):
    # A browser drops ASCII tabs and newlines anywhere in a URL and spaces around it before it reads the scheme.
    return "".join(ch for ch in url if ch not in "\t\n\r").strip().lower()


def assert_harmless(html):
    lowered = str(html).lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert "<style" not in lowered
    assert "<!--" not in lowered
    markup = markup_of(html)
    assert not markup.comments
    for tag, attributes in markup.tags:
        assert tag not in {"script", "iframe", "svg", "style", "object", "embed", "form", "input", "meta", "base"}
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in {"href", "src"}:
                assert not _as_browser_reads(value or "").startswith(DANGEROUS_SCHEMES), (tag, name, value)


def blog_render(text, images=()):
    """The blog's rendering of an unsaved post whose own images are `images` (UUID strings)."""
    return render_post_body(Post(body=text), images=[PostImage(uuid=uuid.UUID(u)) for u in images])


def no_image(url):
    return False


def core_render(text):
    return render_markdown(text, image_allowed=no_image)


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_in_a_post_renders_harmless(source):
    html = blog_render(f"Before\n\n{source}\n\nafter", images=[OWN_IMAGE])
    assert_harmless(html)
    assert "Before" in html and "after" in html  # the rest of the post survives


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_renders_harmless_in_the_core_rendering(source):
    html = core_render(f"Before\n\n{source}\n\nafter")
    assert_harmless(html)
    assert "Before" in html and "after" in html


@pytest.mark.parametrize(
    "source",
    [
        HOSTILE["javascript_link"],
        HOSTILE["javascript_mixed_case"],
        HOSTILE["javascript_entity"],
        HOSTILE["data_html"],
        HOSTILE["vbscript"],
        HOSTILE["reference_javascript"],
        HOSTILE["autolink_javascript"],
    ],
)
def test_a_script_link_is_no_link_at_all(source):
    html = blog_render(source)
    assert "<a" not in html
    assert "href" not in html


def test_raw_html_is_shown_as_text():
    html = blog_render(HOSTILE["img_onerror"] + "\n\n" + HOSTILE["script"])
    assert [tag for tag, _attributes in markup_of(html).tags] == ["p", "p"]
    assert "&lt;script&gt;" in html


def test_a_quote_in_a_link_title_stays_inside_the_title():
    markup = markup_of(blog_render(HOSTILE["title_with_markdown"]))
    [attributes] = [attributes for tag, attributes in markup.tags if tag == "a"]
    assert set(attributes) == {"href", "title", "rel"}
    assert attributes["href"] == "https://ok.example"
    assert attributes["title"] == '[y](javascript:alert(1)) "><script>alert(1)</script>'  # text, not markup


def test_only_the_posts_own_images_are_shown():
    html = blog_render(
        f"![mine](/blog/images/{OWN_IMAGE}/)\n\n![mine, small](/blog/images/{OWN_IMAGE}/small/)\n\n"
        f"{HOSTILE['image_of_another_post']}\n\n{HOSTILE['image_elsewhere']}",
        images=[OWN_IMAGE],
    )
    sources = [attributes["src"] for tag, attributes in markup_of(html).tags if tag == "img"]
    assert sources == [f"/blog/images/{OWN_IMAGE}/", f"/blog/images/{OWN_IMAGE}/small/"]


def test_an_own_image_by_the_sites_full_address_is_shown(settings):
    html = blog_render(f"![mine]({settings.SITE_URL}/blog/images/{OWN_IMAGE.upper()}/)", images=[OWN_IMAGE])
    assert len([tag for tag, _attributes in markup_of(html).tags if tag == "img"]) == 1


@pytest.mark.django_db
def test_an_image_of_another_post_is_dropped_when_the_posts_images_come_from_the_database():
    post = PostFactory(body=f"Look: {HOSTILE['image_of_another_post']} and {HOSTILE['image_elsewhere']}")
    html = render_post_body(post)
    assert "<img" not in html
    assert "Look:" in html


def test_links_leaving_the_site_carry_nofollow_and_the_sites_own_links_none(settings):
    html = blog_render(
        "[out](https://example.org/a) [OUT](HTTPS://EXAMPLE.ORG/) [proto](//example.org/) <https://example.org/auto> "
        "[ref][r] [home](/blog/) [full](" + settings.SITE_URL + "/blog/tags/health/) [top](#top) [mail](mailto:a@b.se)"
        "\n\n[r]: https://example.org/ref"
    )
    links = [attributes for tag, attributes in markup_of(html).tags if tag == "a"]
    external = [link for link in links if "example.org" in link["href"].lower()]
    internal = [link for link in links if "example.org" not in link["href"].lower()]
    assert len(external) == 5 and len(internal) == 4
    assert all(link["rel"] == LINK_REL for link in external)
    assert LINK_REL == "nofollow noopener noreferrer"
    assert all("rel" not in link for link in internal)


def test_a_lookalike_of_the_sites_address_is_external(settings):
    html = blog_render(f"[x]({settings.SITE_URL}@evil.example/) [y]({settings.SITE_URL}.evil.example/)")
    links = [attributes for tag, attributes in markup_of(html).tags if tag == "a"]
    assert len(links) == 2
    assert all(link.get("rel") == LINK_REL for link in links)


def test_a_scheme_without_slashes_to_another_site_is_external():
    [(_tag, attributes)] = [t for t in markup_of(blog_render("[x](http:evil.example)")).tags if t[0] == "a"]
    assert attributes.get("rel") == LINK_REL


def test_headings_start_at_the_pages_second_level():
    for source in ("# Top\n\n## Next", "### Deep only\n\n#### Deeper", "###### Deepest"):
        tags = [tag for tag, _attributes in markup_of(blog_render(source)).tags]
        assert "h1" not in tags
        assert tags[0] == "h2"
        assert not {"h5", "h6"} & set(tags)


def _filled(unit, head=""):
    """`head`, then `unit` repeated to exactly MAX_BODY_CHARACTERS characters."""
    return (head + unit * (MAX_BODY_CHARACTERS // len(unit) + 1))[:MAX_BODY_CHARACTERS]


HUGE = {
    "words": _filled("word "),
    "emphasis": _filled("*_"),
    "stars": _filled("*a "),
    "brackets": _filled("["),
    "open_links": _filled("[a]("),
    "quotes": _filled(">"),
    "backticks": _filled("`"),
    "list": _filled("- "),
    "angles": _filled("<"),
    "entities": _filled("&#106;"),
    "links": _filled("[x](https://example.org/) "),
    "script_links": _filled("[x](javascript:alert(1)) "),
    "table": _filled("|1|2|\n", head="|a|b|\n|-|-|\n"),
    "lines": _filled("a\n"),
    "images": _filled(f"![x](/blog/images/{OTHER_POSTS_IMAGE}/)"),
    "script_tags": _filled("<script>alert(1)</script>"),
}


@pytest.mark.parametrize("source", HUGE.values(), ids=HUGE.keys())
def test_a_text_of_the_longest_allowed_length_renders(source):
    assert len(source) == MAX_BODY_CHARACTERS
    html = blog_render(source, images=[OWN_IMAGE])
    assert isinstance(str(html), str)
    assert_harmless(html)
    assert_harmless(core_render(source))
