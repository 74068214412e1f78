"""Lead images: published light (widths, formats, no metadata), translated, everywhere the
article is met, never re-encoded, and bad files refused with file:line."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import polib
import pytest
from lxml import etree
from PIL import Image, features

from photos import PHOTO, draw_photo
from photos import photo_site as copy_photo_site

from newsroom.core.domain import news
from newsroom.photos.encode import ImageError, encode, widths_for

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
ARTICLE = 'news/2025/2025-03-01-photo'
SOURCE = f'{ARTICLE}.md'
IMAGE_LINE = 3  # of "image:" in the article's front matter
ALT_RU = 'Синтетический снимок с цветными полосами'
ALT_EN = 'Synthetic photo with coloured stripes'
#: The test photo upright (stored landscape, with Exif orientation 6).
UPRIGHT = (1800, 2400)
TYPES = ['avif', 'webp', 'jpg'] if features.check('avif') else ['webp', 'jpg']


@pytest.fixture
def photo_site(rootdir: Path, tmp_path: Path) -> Path:
    """A private copy of ``test-photos`` with its photo drawn."""
    return copy_photo_site(rootdir, tmp_path / 'site')


def build(make_app, srcdir: Path, builddir: Path, **overrides: object) -> SphinxTestApp:  # noqa: ANN001
    app = make_app('html', srcdir=srcdir, builddir=builddir, confoverrides=overrides)
    app.build()
    return app


def warnings_of(app: SphinxTestApp) -> str:
    return app.warning.getvalue()


def page(app: SphinxTestApp, name: str) -> str:
    return (app.outdir / name).read_text(encoding='utf-8')


def figure(html: str) -> str:
    found = re.search(r'<figure class="newsroom-photo">.*?</figure>', html, re.S)
    assert found, html[:2000]
    return found.group(0)


def srcset(html: str, kind: str) -> list[tuple[str, int]]:
    """(address, width) of each candidate of the ``srcset`` of *kind* (``img`` or a type)."""
    pattern = (r'<img [^>]*srcset="([^"]*)"' if kind == 'img'
               else rf'<source type="image/{kind}" srcset="([^"]*)"')
    found = re.search(pattern, html)
    assert found, (kind, html)
    return [(url, int(width[:-1])) for url, width in
            (candidate.split() for candidate in found.group(1).split(', '))]


def test_the_lead_image_is_published_in_every_width_and_format(
        make_app, photo_site: Path, tmp_path: Path) -> None:
    app = build(make_app, photo_site, tmp_path / 'ru')
    assert 'WARNING' not in warnings_of(app), warnings_of(app)
    shown = figure(page(app, f'{ARTICLE}.html'))
    assert f'alt="{ALT_RU}"' in shown and 'fetchpriority="high"' in shown
    assert 'loading="lazy"' not in shown  # the lead image is above the fold
    assert f'width="1600" height="{round(2400 * 1600 / 1800)}"' in shown
    assert 'Подпись к синтетическому снимку' in shown and 'Генератор тестов' in shown
    published = 0
    for kind in [*(t for t in ('avif', 'webp') if t in TYPES), 'img']:
        candidates = srcset(shown, kind)
        assert [width for _url, width in candidates] == [480, 800, 1600]
        for url, width in candidates:
            path = app.outdir / ARTICLE.rsplit('/', 1)[0] / url
            with Image.open(path) as image:
                assert image.format == {'img': 'JPEG', 'avif': 'AVIF',
                                        'webp': 'WEBP'}[kind]
                assert image.width == width
                assert image.height == round(UPRIGHT[1] * width / UPRIGHT[0])  # turned
            published += 1
    assert published == 3 * len(TYPES)
    assert sorted(p.suffix for p in (app.outdir / '_images').iterdir()) == sorted(
        f'.{t}' for t in TYPES for _width in range(3))


def test_no_published_image_carries_exif_or_gps(make_app, photo_site: Path,
                                                 tmp_path: Path) -> None:
    with Image.open(photo_site / PHOTO) as original:  # the test's photo does carry them
        assert original.getexif().get_ifd(0x8825) and original.getexif()[0x010F]
    app = build(make_app, photo_site, tmp_path / 'ru')
    files = sorted((app.outdir / '_images').iterdir())
    assert files
    for path in files:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif and not exif.get_ifd(0x8825), path
            assert not {'exif', 'xmp', 'icc_profile', 'comment'} & set(image.info), path
        assert b'Synthetic camera' not in path.read_bytes()
        assert b'SERIAL-0001' not in path.read_bytes()


def test_a_narrow_photo_is_never_upscaled() -> None:
    assert widths_for(700) == [480, 700]
    assert widths_for(5000) == [480, 800, 1600]
    buffer = io.BytesIO()
    Image.new('RGB', (700, 500), 'navy').save(buffer, 'PNG')
    encoded = encode(buffer.getvalue(), '.png', types=['image/jpeg'])
    assert [(e.width, e.height) for e in encoded] == [(480, 343), (700, 500)]


def test_alt_text_and_caption_are_messages_translated_in_each_language(
        make_app, photo_site: Path, tmp_path: Path) -> None:
    app = build(make_app, photo_site, tmp_path / 'en', language='en')
    assert 'WARNING' not in warnings_of(app), warnings_of(app)
    shown = figure(page(app, f'{ARTICLE}.html'))
    assert f'alt="{ALT_EN}"' in shown and 'Caption of the synthetic photo' in shown
    assert '<span class="newsroom-photo-credit" lang="ru">Генератор тестов</span>' in shown
    assert news(app.env).percent(ARTICLE) is None  # all four messages translated
    pot = make_app('gettext', srcdir=photo_site, builddir=tmp_path / 'pot')
    pot.build()
    template = {entry.msgid: entry.occurrences
                for entry in polib.pofile(str(pot.outdir / f'{ARTICLE}.pot'))}
    assert template[ALT_RU] == [(SOURCE, str(IMAGE_LINE + 1))]
    assert template['Подпись к синтетическому снимку'] == [(SOURCE, str(IMAGE_LINE + 2))]


def test_an_untranslated_alt_text_counts_like_any_message(make_app, photo_site: Path,
                                                          tmp_path: Path) -> None:
    catalog = photo_site / 'locale/en/LC_MESSAGES' / f'{ARTICLE}.po'
    catalog.write_text(catalog.read_text(encoding='utf-8').replace(
        f'msgstr "{ALT_EN}"', 'msgstr ""'), encoding='utf-8')
    app = build(make_app, photo_site, tmp_path / 'en', language='en',
                newsroom_untranslated='show')
    assert news(app.env).percent(ARTICLE) == 75  # 3 of 4 messages
    assert f'alt="{ALT_RU}"' in figure(page(app, f'{ARTICLE}.html'))


def test_a_translated_alt_text_cannot_inject_markup(make_app, photo_site: Path,
                                                    tmp_path: Path) -> None:
    catalog = photo_site / 'locale/en/LC_MESSAGES' / f'{ARTICLE}.po'
    catalog.write_text(catalog.read_text(encoding='utf-8').replace(
        f'msgstr "{ALT_EN}"', 'msgstr "Photo\\" onload=\\"alert(1)"'), encoding='utf-8')
    app = build(make_app, photo_site, tmp_path / 'en', language='en',
                newsroom_untranslated='show')
    html = page(app, f'{ARTICLE}.html')
    assert 'onload="alert(1)"' not in html


def test_lists_feed_card_and_structured_data_carry_the_image(
        make_app, photo_site: Path, tmp_path: Path) -> None:
    for language, alt in (('ru', ALT_RU), ('en', ALT_EN)):
        app = build(make_app, photo_site, tmp_path / language, language=language)
        home = page(app, 'index.html')
        lead_story = home.split('class="news-lead-story"', 1)[1].split('</li>', 1)[0]
        assert '<div class="news-thumbnail"><picture>' in lead_story
        assert 'fetchpriority="high"' in lead_story and 'alt=""' in lead_story
        archive = page(app, 'news/2025/index.html')
        thumbnails = re.findall(r'<div class="news-thumbnail">.*?</div>', archive, re.S)
        assert len(thumbnails) == 1 and 'loading="lazy" decoding="async"' in thumbnails[0]
        for url, _width in srcset(thumbnails[0], 'img'):
            assert (app.outdir / 'news/2025' / url).is_file()
        root = f'https://photos.example.net/{language}/'
        feed = page(app, 'atom.xml')
        enclosure = re.search(r'<link href="([^"]+)" rel="enclosure" type="image/jpeg" '
                              r'length="(\d+)"/>', feed)
        assert enclosure and enclosure.group(1).startswith(root + '_images/')
        path = app.outdir / enclosure.group(1).removeprefix(root)
        assert path.stat().st_size == int(enclosure.group(2))
        shown = etree.XSLT(etree.parse(app.outdir / '_static/newsroom-feed.xsl'))(
            etree.parse(app.outdir / 'atom.xml'))  # the feed as a browser shows it
        assert shown.xpath('//a[@class="news-title"]/@href')[0] == f'{root}{ARTICLE}.html'
        article = page(app, f'{ARTICLE}.html')
        card = dict(re.findall(r'<meta property="(og:image[^"]*)" content="([^"]*)">', article))
        with Image.open(app.outdir / card['og:image'].removeprefix(root)) as image:
            assert (int(card['og:image:width']), int(card['og:image:height'])) == image.size
        assert card['og:image:alt'] == alt
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', article)
        data = json.loads(block.group(1))
        assert data['@type'] == 'NewsArticle' and data['inLanguage'] == language
        assert data['image'] == [card['og:image']]
        plain = page(app, 'news/2025/2025-02-01-plain.html')
        assert 'og:image' not in plain and '"NewsArticle"' in plain


def test_an_incremental_build_never_encodes_again_and_equals_a_clean_one(
        make_app, photo_site: Path, tmp_path: Path) -> None:
    first = build(make_app, photo_site, tmp_path / 'ru')
    assert f'encoding {PHOTO}' in first.status.getvalue()
    source = photo_site / SOURCE
    source.write_text(source.read_text(encoding='utf-8').replace(
        'Первый абзац', 'Исправленный первый абзац'), encoding='utf-8')
    again = build(make_app, photo_site, tmp_path / 'ru')
    assert '0 added, 1 changed, 0 removed' in again.status.getvalue()  # the article reread
    assert 'encoding' not in again.status.getvalue()
    clean = build(make_app, photo_site, tmp_path / 'clean')
    assert 'encoding' in clean.status.getvalue()  # its own cache: encoded anew
    incremental, fresh = again.outdir / '_images', clean.outdir / '_images'
    assert sorted(p.name for p in incremental.iterdir()) == sorted(
        p.name for p in fresh.iterdir())
    for path in fresh.iterdir():
        assert (incremental / path.name).read_bytes() == path.read_bytes()
    assert figure(page(again, f'{ARTICLE}.html')) == figure(page(clean, f'{ARTICLE}.html'))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims *width*×*height* pixels (a decompression bomb's)."""
    buffer = io.BytesIO()
    Image.new('L', (8, 8)).save(buffer, 'PNG')
    data = bytearray(buffer.getvalue())
    struct.pack_into('>II', data, 16, width, height)
    struct.pack_into('>I', data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def jpeg_claiming(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header claims *width*×*height* pixels."""
    buffer = io.BytesIO()
    Image.new('RGB', (8, 8)).save(buffer, 'JPEG')
    data = bytearray(buffer.getvalue())
    frame = data.index(b'\xff\xc0')  # SOF0: marker, length, precision, height, width
    struct.pack_into('>HH', data, frame + 5, height, width)
    return bytes(data)


def truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((1200, 900), 40).convert('RGB').save(buffer, 'JPEG')
    return buffer.getvalue()[:len(buffer.getvalue()) // 2]


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new('RGB', (1200, 900), 'teal').save(buffer, 'PNG')
    return buffer.getvalue()


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
       b'<script>alert(1)</script></svg>')

BAD_FILES = {
    'decompression-bomb': (jpeg_claiming(30000, 30000), 'decompression bomb'),
    'png-bomb-named-jpg': (png_claiming(60000, 60000), 'decompression bomb'),
    'over-the-limit': (jpeg_claiming(10000, 8100), '81 megapixels, more than the 80'),
    'truncated': (truncated_jpeg(), 'damaged or truncated'),
    'lying-extension': (png_bytes(), 'is a PNG image but named .jpg: rename it to .png'),
    'svg-named-jpg': (SVG, 'not a JPEG, PNG or WebP photo'),
    'not-an-image': (b'', 'not a JPEG, PNG or WebP photo'),
}


@pytest.mark.parametrize('case', BAD_FILES)
def test_a_bad_image_file_is_an_error_with_file_and_line(
        make_app, photo_site: Path, tmp_path: Path, case: str) -> None:
    data, message = BAD_FILES[case]
    (photo_site / PHOTO).write_bytes(data)
    app = build(make_app, photo_site, tmp_path / 'ru')
    warnings = [w for w in warnings_of(app).splitlines() if 'WARNING' in w]
    assert any(f'{SOURCE}:{IMAGE_LINE}: WARNING: the lead image cannot be published'
               in w and message in w and '[newsroom.image]' in w for w in warnings), warnings
    assert '<figure class="newsroom-photo">' not in page(app, f'{ARTICLE}.html')
    assert not (app.outdir / '_images').exists()


FRONT_MATTER = {
    'svg': ('image: 2025-03-01-photo.svg', 'cannot be an SVG (it can carry scripts)'),
    'outside': ('image: ../../../../outside.jpg', 'is outside the sources'),
    'absolute': ('image: /etc/hostname.jpg', 'is outside the sources'),
    'no-alt': ('image_alt: ""', 'the lead image has no alt text'),
}


@pytest.mark.parametrize('case', FRONT_MATTER)
def test_a_bad_declaration_is_an_authoring_error(make_app, photo_site: Path,
                                                 tmp_path: Path, case: str) -> None:
    line, message = FRONT_MATTER[case]
    source = photo_site / SOURCE
    key = line.split(':', 1)[0]
    text = re.sub(rf'^{key}: .*$', line, source.read_text(encoding='utf-8'), flags=re.M)
    source.write_text(text, encoding='utf-8')
    (tmp_path / 'outside.jpg').write_bytes((photo_site / PHOTO).read_bytes())
    app = build(make_app, photo_site, tmp_path / 'ru')
    number = {'image': IMAGE_LINE, 'image_alt': IMAGE_LINE + 1}[key]
    warnings = [w for w in warnings_of(app).splitlines() if 'WARNING' in w]
    assert [w for w in warnings if f'{SOURCE}:{number}: WARNING: ' in w and message in w
            and '[newsroom.image]' in w] == warnings, warnings  # that one, once
    assert '<figure' not in page(app, f'{ARTICLE}.html')
    assert not (app.outdir / '_images').exists()


def test_a_link_out_of_the_sources_is_refused(make_app, photo_site: Path,
                                               tmp_path: Path) -> None:
    outside = tmp_path / 'elsewhere.jpg'
    (photo_site / PHOTO).rename(outside)
    (photo_site / PHOTO).symlink_to(outside)
    app = build(make_app, photo_site, tmp_path / 'ru')
    assert f'{SOURCE}:{IMAGE_LINE}: WARNING: the lead image cannot be published: ' \
           f'{PHOTO} is a link to a place outside the sources' in warnings_of(app)
    assert not (app.outdir / '_images').exists()


def test_a_60_megapixel_photo_is_published_within_the_widths(make_app, photo_site: Path,
                                                              tmp_path: Path) -> None:
    """A modern camera's full-size photo: accepted (the limit is 80 megapixels), decoded at
    a reduced scale, published at 1,600 pixels at most."""
    big = Image.linear_gradient('L').resize((9000, 6700)).convert('RGB')
    big.save(photo_site / PHOTO, 'JPEG', quality=85)
    app = build(make_app, photo_site, tmp_path / 'ru')
    assert 'WARNING' not in warnings_of(app), warnings_of(app)
    widths = [w for _url, w in srcset(figure(page(app, f'{ARTICLE}.html')), 'img')]
    assert widths == [480, 800, 1600]


def test_the_encoder_refuses_what_is_no_photo() -> None:
    with pytest.raises(ImageError, match='rename it to .png'):
        encode(png_bytes(), '.webp')


def test_the_photos_wing_loads_alone(make_app, photo_site: Path, tmp_path: Path) -> None:
    (photo_site / 'index.md').write_text('# Главная\n\n```{toctree}\n:hidden:\n\nnews/index\n'
                                         '```\n', encoding='utf-8')
    (photo_site / 'news/index.md').write_text('# Новости\n', encoding='utf-8')
    app = build(make_app, photo_site, tmp_path / 'alone',
                extensions=['myst_parser', 'newsroom.photos'])
    assert 'WARNING' not in warnings_of(app), warnings_of(app)
    assert f'alt="{ALT_RU}"' in figure(page(app, f'{ARTICLE}.html'))
    assert news(app.env).article(ARTICLE).image.alt == ALT_RU


def test_a_cameras_multi_picture_jpeg_is_a_jpeg() -> None:
    """Phones and cameras write MPO files (a JPEG with more pictures after it) as .jpg."""
    buffer = io.BytesIO()
    Image.new('RGB', (1000, 700), 'red').save(
        buffer, 'MPO', save_all=True, append_images=[Image.new('RGB', (1000, 700), 'blue')])
    encoded = encode(buffer.getvalue(), '.jpg', types=['image/jpeg'])
    assert [e.width for e in encoded] == [480, 800, 1000]
    with Image.open(io.BytesIO(encoded[-1].data)) as image:
        assert image.format == 'JPEG' and image.getpixel((500, 350))[0] > 200  # the first


@pytest.mark.parametrize('overrides', [{'newsroom_image_widths': []},
                                       {'newsroom_image_widths': [480, -1]},
                                       {'newsroom_image_max_pixels': 0}])
def test_image_settings_are_checked(make_app, photo_site: Path, tmp_path: Path,
                                    overrides: dict[str, object]) -> None:
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match='must'):
        make_app('html', srcdir=photo_site, builddir=tmp_path / 'ru', confoverrides=overrides)


# -- widths from the command line ----------------------------------------------------------


@pytest.mark.parametrize('where', ['-D', 'conf.py'])
def test_widths_can_be_given_as_comma_separated_numbers(photo_site: Path, tmp_path: Path,
                                                         where: str) -> None:
    """``sphinx-build -D newsroom_image_widths=480,960`` (Sphinx hands over ``['480',
    '960']``), or the same text in conf.py."""
    command = [sys.executable, '-m', 'sphinx', '-q', '-b', 'html', str(photo_site),
               str(tmp_path / 'out'), '-d', str(tmp_path / 'doctrees')]
    if where == '-D':
        command += ['-D', 'newsroom_image_widths=960,480']
    else:
        with (photo_site / 'conf.py').open('a', encoding='utf-8') as conf:
            conf.write("newsroom_image_widths = '960, 480'\n")
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            cwd=REPO, env={**os.environ, 'PYTHONPATH': str(REPO)})
    assert result.returncode == 0 and 'WARNING' not in result.stderr, result.stderr
    shown = figure((tmp_path / 'out' / f'{ARTICLE}.html').read_text(encoding='utf-8'))
    for kind in [*(t for t in ('avif', 'webp') if t in TYPES), 'img']:
        assert [width for _url, width in srcset(shown, kind)] == [480, 960]
    assert len(list((tmp_path / 'out/_images').iterdir())) == 2 * len(TYPES)


@pytest.mark.parametrize(('value', 'message'), [
    ('480,wide', "not 'wide'"), ('', "not ''"), ('480,0', "not '0'"),
    ('480,-960', "not '-960'")])
def test_wrong_widths_on_the_command_line_say_what_to_write(
        make_app, photo_site: Path, tmp_path: Path, value: str, message: str) -> None:
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError) as raised:  # a text override is read as -D's would be
        make_app('html', srcdir=photo_site, builddir=tmp_path / 'ru',
                 confoverrides={'newsroom_image_widths': value})
    assert message in str(raised.value)
    assert '-D newsroom_image_widths=480,800,1600' in str(raised.value)


# -- the image cache is pruned -------------------------------------------------------------


def cache_of(app: SphinxTestApp) -> tuple[set[str], set[str]]:
    """The cache's files and entries (beside the doctrees)."""
    folder = Path(app.doctreedir).parent / '.images'
    return ({p.name for p in (folder / 'files').iterdir()},
            {p.name for p in folder.glob('*.json')})


def published(app: SphinxTestApp) -> set[str]:
    """The files the article's ``<picture>`` names."""
    shown = figure(page(app, f'{ARTICLE}.html'))
    return {url.rsplit('/', 1)[1] for kind in [*(t for t in ('avif', 'webp') if t in TYPES),
                                               'img'] for url, _width in srcset(shown, kind)}


def test_the_cache_keeps_only_what_the_last_build_published(
        make_app, photo_site: Path, tmp_path: Path) -> None:
    first = build(make_app, photo_site, tmp_path / 'ru')
    old = published(first)
    assert cache_of(first)[0] == old and len(cache_of(first)[1]) == 1
    draw_photo(photo_site / PHOTO, (1600, 1200), orientation=1)  # another photo
    second = build(make_app, photo_site, tmp_path / 'ru')
    assert f'encoding {PHOTO}' in second.status.getvalue()
    new = published(second)
    assert not new & old
    files, entries = cache_of(second)
    assert files == new and len(entries) == 1  # the first photo's files and entry are gone
    assert 'removed from the image cache' in second.status.getvalue()
    locks = (Path(second.doctreedir).parent / '.images').glob('*.lock')
    assert {p.stem for p in locks} == {Path(e).stem for e in entries}
    again = build(make_app, photo_site, tmp_path / 'ru')  # touches no image
    status = again.status.getvalue()
    assert 'encoding' not in status and 'image file(s) placed' not in status
    assert 'image cache' not in status
    assert cache_of(again) == (files, entries)


def test_a_cache_shared_by_two_outputs_keeps_what_either_publishes(
        make_app, photo_site: Path, tmp_path: Path) -> None:
    """Every language's build shares one cache: one language's build keeps the photos the
    other's output still shows, until that output is built again or deleted."""
    shared = str(tmp_path / 'cache')
    ru = build(make_app, photo_site, tmp_path / 'ru', newsroom_image_cache=shared)
    en = build(make_app, photo_site, tmp_path / 'en', language='en',
               newsroom_image_cache=shared)
    assert 'encoding' not in en.status.getvalue()
    old = published(en)
    draw_photo(photo_site / PHOTO, (1600, 1200), orientation=1)
    ru = build(make_app, photo_site, tmp_path / 'ru', newsroom_image_cache=shared)
    files = {p.name for p in (tmp_path / 'cache/files').iterdir()}
    assert files == old | published(ru)  # the English output still shows the first photo
    en = build(make_app, photo_site, tmp_path / 'en', language='en',
               newsroom_image_cache=shared)
    assert 'encoding' not in en.status.getvalue()
    files = {p.name for p in (tmp_path / 'cache/files').iterdir()}
    assert files == published(en) == published(ru)
    shutil.rmtree(en.outdir)  # an output deleted protects nothing
    (photo_site / PHOTO).unlink()
    draw_photo(photo_site / PHOTO, (1200, 900), orientation=1)
    ru = build(make_app, photo_site, tmp_path / 'ru', newsroom_image_cache=shared)
    assert {p.name for p in (tmp_path / 'cache/files').iterdir()} == published(ru)


def test_what_a_build_beside_wrote_after_this_one_started_is_spared(tmp_path: Path) -> None:
    """Every language's build shares the cache: an entry another build wrote while this one
    ran (a photo saved in between) is not this build's to judge."""
    from newsroom.photos.prune import prune

    folder = tmp_path / 'cache'
    (folder / 'files').mkdir(parents=True)
    started = time.time()
    for name in ('old-480.avif', 'used-480.avif', 'new-480.avif'):
        (folder / 'files' / name).write_bytes(name.encode())
    (folder / 'old.json').write_text('[{"name": "old-480.avif"}]', encoding='utf-8')
    (folder / 'old.lock').touch()
    for path in (folder / 'files/old-480.avif', folder / 'files/used-480.avif',
                 folder / 'old.json', folder / 'old.lock'):
        os.utime(path, (started - 60, started - 60))
    removed, spared = prune(folder, {'used-480.avif'}, started)
    assert removed == ['old-480.avif', 'old.json'] and spared
    assert sorted(p.name for p in folder.rglob('*')) == ['files', 'new-480.avif',
                                                         'used-480.avif']


def test_a_failed_build_prunes_nothing(make_app, photo_site: Path, tmp_path: Path) -> None:
    first = build(make_app, photo_site, tmp_path / 'ru')
    before = cache_of(first)
    (photo_site / PHOTO).write_bytes(b'')  # the article's photo is now broken
    app = make_app('html', srcdir=photo_site, builddir=tmp_path / 'ru',
                   warningiserror=True)  # -W: the build fails on its warning
    app.build()
    assert 'lead image cannot be published' in warnings_of(app)
    assert app.statuscode == 1
    assert cache_of(app) == before  # without its photo, the article would have used none


# -- the photo fetched first is the one the reader waits for --------------------------------


@pytest.mark.parametrize('screen', ['mobile', 'desktop'])
def test_the_photo_fetched_first_is_the_largest_contentful_paint(
        browser, make_app, photo_site: Path, tmp_path: Path, screen: str) -> None:
    """On the home page the lead story's thumbnail, on the article its photo: the largest
    contentful paint in Chromium on Lighthouse's screens, so each is the one image of its
    page fetched first (``fetchpriority="high"``)."""
    from helpers import serve

    from benchmarks.photolighthouse import SCREENS, lcp_of

    app = build(make_app, photo_site, tmp_path / 'ru')
    viewport, scale, mobile = SCREENS[screen]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale,
                                  is_mobile=mobile, has_touch=mobile)
    try:
        with serve(app.outdir) as url:
            for name, holder in (('index.html', 'news-thumbnail'),
                                 (f'{ARTICLE}.html', 'newsroom-photo')):
                assert page(app, name).count('fetchpriority="high"') == 1
                found = lcp_of(context.new_page(), f'{url}/{name}')
                assert found['tag'] == 'img' and found['holder'] == holder, (name, found)
                assert found['fetchpriority'] == 'high', (name, found)
    finally:
        context.close()
