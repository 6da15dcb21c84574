"""What course managers write and upload reaches every participant: the Markdown is rendered to a small
safe subset of HTML, and an image is accepted only when its content is a PNG, JPEG or WebP of sane size."""

import io
import struct
import zlib
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from courses.images import MAX_IMAGE_BYTES, validate_lesson_image
from courses.markdown import render_markdown
from talents.cv import minimal_pdf

IMAGE = "/course/images/5001205a-b078-4706-a7fd-655370ce6e22/"  # fixed: pytest-xdist workers collect the same ids


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def markup_of(html):
    """The start tags of `html` with their attributes, as a browser would read them."""
    parser = _Tags()
    parser.feed(str(html))
    return parser.tags


# --- Markdown -----------------------------------------------------------------------------------


def test_headings_move_down_a_level_so_the_page_keeps_one_h1():
    html = render_markdown("# Först\n\n## Sedan\n\n#### Djupt\n\n###### Djupast")
    assert "<h1" not in html
    assert "<h2>Först</h2>" in html
    assert "<h3>Sedan</h3>" in html
    assert "<h4>Djupt</h4>" in html
    assert "<h4>Djupast</h4>" in html  # nothing below h4
    assert "<h5" not in html and "<h6" not in html


def test_a_lesson_written_from_level_two_still_starts_at_the_pages_second_level():
    html = render_markdown("## Bakgrund\n\ntext\n\n### Detalj")
    assert "<h2>Bakgrund</h2>" in html
    assert "<h3>Detalj</h3>" in html


def test_ordinary_markdown_keeps_its_structure():
    html = render_markdown(
        "Ett *viktigt* och **starkt** ord med `kod`.\n\n- ett\n- två\n\n1. första\n\n> citat\n\n---\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n"
    )
    for tag in ("<em>", "<strong>", "<code>", "<ul>", "<ol>", "<blockquote>", "<hr>", "<table>", "<td>1</td>"):
        assert tag in html


def test_a_script_in_the_source_is_shown_as_text_never_run():
    html = render_markdown("Hej <script>alert('x')</script>\n\n<script>\nalert(1)\n</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "source",
    [
        '<img src="x" onerror="alert(1)">',
        "<iframe src='https://evil.example'></iframe>",
        '<a href="https://a.se" onclick="steal()">länk</a>',
        "<div style='position:fixed'>över allt</div>",
        "<svg onload=alert(1)>",
        "<!-- <script>alert(1)</script> -->",
        "<form action='https://evil.example'><input name=p></form>",
    ],
)
def test_raw_html_never_becomes_markup(source):
    html = render_markdown(f"Text\n\n{source}\n\nmer text")
    assert markup_of(html) == [("p", []), ("p", []), ("p", [])]  # the raw HTML is a paragraph of text
    assert "<!--" not in html
    assert "Text" in html and "mer text" in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
    ],
)
def test_a_link_to_a_script_or_data_url_is_not_a_link(href):
    html = render_markdown(f"[klicka]({href}) och <{href}>")
    assert "href" not in html
    assert "<a" not in html


def test_ordinary_links_open_without_giving_the_other_site_a_handle_on_the_page():
    html = render_markdown('[DIGG](https://www.digg.se "Myndigheten") [hjälp](mailto:kurs@ai.se) [mig](/course/me/)')
    assert '<a href="https://www.digg.se" title="Myndigheten" rel="noopener noreferrer">DIGG</a>' in html
    assert 'href="mailto:kurs@ai.se"' in html
    assert 'href="/course/me/"' in html
    assert html.count('rel="noopener noreferrer"') == 3


def test_a_lesson_image_from_this_site_is_shown():
    html = render_markdown(f"![Ett diagram]({IMAGE})")
    assert f'<img src="{IMAGE}" alt="Ett diagram">' in html


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/track.png",
        "//evil.example/track.png",
        "/media/lesson-images/abc.png",
        "/course/images/not-a-uuid/",
        f"{IMAGE}../../admin/",
        f"https://evil.example{IMAGE}",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
    ],
)
def test_any_other_image_is_dropped(src):
    html = render_markdown(f"Före ![spårning]({src}) efter")
    assert "<img" not in html
    assert "Före" in html and "efter" in html


def test_an_image_by_this_sites_full_address_is_shown(settings):
    html = render_markdown(f"![Ett diagram]({settings.SITE_URL}{IMAGE})")
    assert "<img" in html


def test_a_heading_or_table_cannot_carry_attributes():
    html = render_markdown("# Rubrik {onclick=x}\n\n| A |\n|:-:|\n| 1 |\n\n```js\nalert(1)\n```")
    assert "style=" not in html
    assert "class=" not in html
    assert "<pre><code>alert(1)" in html


def test_empty_text_renders_as_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


# --- Lesson images --------------------------------------------------------------------------------


def upload(content, name="bild.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def picture(image_format, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 108)).save(buffer, format=image_format)
    return buffer.getvalue()


def png_declaring(width, height):
    """A valid, tiny PNG whose header claims width by height pixels (a decompression bomb's shape)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("image_format", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_a_png_jpeg_or_webp_is_accepted_and_typed_by_its_content(image_format, content_type):
    # The name and the browser's type say PNG; the content decides.
    file = upload(picture(image_format), name="bild.png", content_type="image/png")
    assert validate_lesson_image(file) == content_type
    assert file.content_type == content_type


def refusal(file):
    with pytest.raises(ValidationError) as caught:
        validate_lesson_image(file)
    return caught.value.code


def test_a_decompression_bomb_is_refused():
    assert refusal(upload(png_declaring(30_000, 30_000))) == "too_many_pixels"


def test_an_image_over_twenty_megapixels_is_refused_even_below_pillows_own_limit():
    assert refusal(upload(png_declaring(5_000, 5_000))) == "too_many_pixels"


def test_a_pdf_renamed_png_is_refused():
    assert refusal(upload(minimal_pdf(["Hej"]), name="bild.png")) == "not_image"


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
    assert refusal(upload(svg, name="bild.svg", content_type="image/svg+xml")) == "not_image"


def test_a_gif_is_refused():
    assert refusal(upload(picture("GIF"), name="bild.gif")) == "not_image"


def test_an_html_file_named_png_is_refused():
    assert refusal(upload(b"<html><script>alert(1)</script></html>")) == "not_image"


def test_a_truncated_image_is_refused():
    assert refusal(upload(picture("JPEG", size=(400, 300))[:300], name="bild.jpg")) == "not_image"


def test_a_png_with_a_broken_checksum_is_refused():
    data = bytearray(picture("PNG"))
    data[-20] ^= 0xFF  # inside the image data
    assert refusal(upload(bytes(data))) == "not_image"


def test_a_file_over_two_megabytes_is_refused_before_it_is_read():
    assert refusal(upload(b"\0" * (MAX_IMAGE_BYTES + 1))) == "too_large"
