"""Benchmark: build generated N-article bilingual archives, full and incremental, vs plain Sphinx."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.search.writer import FOLDER as SEARCH_FOLDER

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

REPO = Path(__file__).resolve().parent.parent
SOURCE, TARGET = 'ru', 'en'
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2025, 6, 19)

# -- Vocabulary: Russian word forms and an English word for each entry ------------------
# One entry a line: "english: form form …"; a sentence picks any form (agreement is not
# the point: the stemmer, the search index and the catalogs see real inflected words).

NOUNS = """
port: порт порта портом портов портах
sea: море моря морем морях
country: страна страны страной стран странами
cooperation: сотрудничество сотрудничества сотрудничестве сотрудничеством
government: правительство правительства правительством правительств
minister: министр министра министром министров
ministry: министерство министерства министерством министерств
president: президент президента президентом президентов
delegation: делегация делегации делегацией делегаций
meeting: встреча встречи встрече встреч встречами
talks: переговоры переговоров переговорах
agreement: соглашение соглашения соглашением соглашений
treaty: договор договора договором договоров
project: проект проекта проектом проектов проектах
development: развитие развития развитии развитием
economy: экономика экономики экономикой экономик
trade: торговля торговли торговлей
transport: транспорт транспорта транспортом
cargo: груз груза грузом грузов грузы
train: поезд поезда поездом поездов
road: дорога дороги дорогой дорог
corridor: коридор коридора коридором коридоров
investment: инвестиция инвестиции инвестициями инвестиций
gas: газ газа газом
oil: нефть нефти нефтью
electricity: электроэнергия электроэнергии электроэнергией
question: вопрос вопроса вопросом вопросов вопросы
region: область области областью областей регион региона регионом регионов
city: город города городом городов
capital: столица столицы столицей столиц
people: народ народа народом народов
citizens: граждане граждан гражданами
organization: организация организации организацией организаций
programme: программа программы программой программ
session: заседание заседания заседании заседаний
commission: комиссия комиссии комиссией комиссий
council: совет совета советом советов
ambassador: посол посла послом послов
embassy: посольство посольства посольством посольств
representative: представитель представителя представителем представителей
forum: форум форума форумом форумов
conference: конференция конференции конференцией конференций
exhibition: выставка выставки выставкой выставок
partner: партнёр партнёра партнёром партнёров партнёрами
relations: отношения отношений отношениями
security: безопасность безопасности безопасностью
peace: мир мира миром
neutrality: нейтралитет нейтралитета нейтралитетом
education: образование образования образованием
science: наука науки наукой
culture: культура культуры культурой
healthcare: здравоохранение здравоохранения здравоохранением
harvest: урожай урожая урожаем
cotton: хлопок хлопка хлопком
wheat: пшеница пшеницы пшеницей
construction: строительство строительства строительством
building: здание здания зданием зданий
bridge: мост моста мостом мостов
plant: завод завода заводом заводов
enterprise: предприятие предприятия предприятием предприятий
company: компания компании компанией компаний
market: рынок рынка рынком рынков
goods: товар товара товаром товаров
export: экспорт экспорта экспортом
import: импорт импорта импортом
volume: объём объёма объёмом объёмов
growth: рост роста ростом
year: год года годом лет
month: месяц месяца месяцем месяцев
week: неделя недели неделей недель
day: день дня днём дней
work: работа работы работой работ
decision: решение решения решением решений
statement: заявление заявления заявлением заявлений
document: документ документа документом документов
memorandum: меморандум меморандума меморандумом
plan: план плана планом планов
strategy: стратегия стратегии стратегией стратегий
initiative: инициатива инициативы инициативой инициатив
participant: участник участника участником участников
specialist: специалист специалиста специалистом специалистов
youth: молодёжь молодёжи молодёжью
student: студент студента студентом студентов
university: университет университета университетом университетов
school: школа школы школой школ
sport: спорт спорта спортом
tourism: туризм туризма туризмом
history: история истории историей
holiday: праздник праздника праздником праздников
water: вода воды водой
nature: природа природы природой
coast: побережье побережья побережьем
terminal: терминал терминала терминалом терминалов
vessel: судно судна судном судов
fleet: флот флота флотом
communication: связь связи связью связей
technology: технология технологии технологией технологий
system: система системы системой систем
sphere: сфера сферы сферой сфер
direction: направление направления направлением направлений
level: уровень уровня уровнем уровней
result: итог итога итогом итогов результат результатов
event: мероприятие мероприятия мероприятием мероприятий
visit: визит визита визитом визитов
head: глава главы главой
"""

PLACES = """
Turkmenistan: Туркменистан Туркменистана Туркменистаном Туркменистане
Ashgabat: Ашхабад Ашхабада Ашхабаде
Astrakhan: Астрахань Астрахани
Baku: Баку
Kazakhstan: Казахстан Казахстана Казахстаном Казахстане
China: Китай Китая Китаем Китае
Russia: Россия России Россией
Geneva: Женева Женевы Женеве
Europe: Европа Европы Европе
Pakistan: Пакистан Пакистана Пакистаном
Uzbekistan: Узбекистан Узбекистана Узбекистаном
Iran: Иран Ирана Ираном
Turkmenbashi: Туркменбаши
Azerbaijan: Азербайджан Азербайджана Азербайджаном
Turkey: Турция Турции Турцией
India: Индия Индии Индией
Japan: Япония Японии Японией
Germany: Германия Германии Германией
"""

ADJECTIVES = """
international: международный международного международной международных
bilateral: двусторонний двустороннего двусторонней двусторонних
economic: экономический экономического экономической экономических
trade: торговый торгового торговой торговых
transport: транспортный транспортного транспортной транспортных
maritime: морской морского морских
Caspian: каспийский каспийского каспийской каспийских
national: национальный национального национальной национальных
state: государственный государственного государственной государственных
official: официальный официального официальной официальных
new: новый нового новой новых
large: крупный крупного крупной крупных
important: важный важного важной важных
main: главный главного главной главных
modern: современный современного современной современных
strategic: стратегический стратегического стратегической стратегических
regional: региональный регионального региональной региональных
friendly: дружественный дружественного дружественной дружественных
long-term: долгосрочный долгосрочного долгосрочной долгосрочных
cultural: культурный культурного культурной культурных
humanitarian: гуманитарный гуманитарного гуманитарной гуманитарных
energy: энергетический энергетического энергетической энергетических
industrial: промышленный промышленного промышленной промышленных
agricultural: сельскохозяйственный сельскохозяйственного сельскохозяйственных
scientific: научный научного научной научных
educational: образовательный образовательного образовательной образовательных
digital: цифровой цифрового цифровых
diplomatic: дипломатический дипломатического дипломатической дипломатических
political: политический политического политической политических
joint: совместный совместного совместной совместных
permanent: постоянный постоянного постоянной постоянных
high: высокий высокого высокой высоких
first: первый первого первой первых
annual: ежегодный ежегодного ежегодной ежегодных
foreign: зарубежный зарубежного зарубежной зарубежных
local: местный местного местной местных
railway: железнодорожный железнодорожного железнодорожной железнодорожных
container: контейнерный контейнерного контейнерной контейнерных
sustainable: устойчивый устойчивого устойчивой устойчивых
"""

VERBS = """
held: провёл провела провели проводит проводят
signed: подписал подписала подписали подписывает
discussed: обсудил обсудила обсудили обсуждает обсуждают
considered: рассмотрел рассмотрела рассмотрели рассматривает
noted: отметил отметила отметили отмечает
stressed: подчеркнул подчеркнула подчеркнули подчёркивает
stated: заявил заявила заявили заявляет
adopted: принял приняла приняли принимает
opened: открыл открыла открыли открывает
sent: направил направила направили направляет
supported: поддержал поддержала поддержали поддерживает
strengthened: укрепил укрепила укрепили укрепляет
expanded: расширил расширила расширили расширяет
presented: представил представила представили представляет
organized: организовал организовала организовали организует
visited: посетил посетила посетили посещает
met: встретился встретилась встретились встречается
arrived: прибыл прибыла прибыли прибывает
dispatched: отправил отправила отправили отправляет
delivered: доставил доставила доставили доставляет
increased: увеличил увеличила увеличили увеличивает
reduced: сократил сократила сократили сокращает
ensured: обеспечил обеспечила обеспечили обеспечивает
proposed: предложил предложила предложили предлагает
expressed: выразил выразила выразили выражает
welcomed: приветствовал приветствовала приветствовали приветствует
approved: утвердил утвердила утвердили утверждает
launched: запустил запустила запустили запускает
completed: завершил завершила завершили завершает
continued: продолжил продолжила продолжили продолжает
reported: сообщил сообщила сообщили сообщает
invited: пригласил пригласила пригласили приглашает
congratulated: поздравил поздравила поздравили поздравляет
built: построил построила построили строит
"""

ADVERBS = """
also: также
actively: активно
successfully: успешно
again: вновь
today: сегодня
yesterday: вчера
annually: ежегодно
significantly: значительно
for the first time: впервые
traditionally: традиционно
closely: тесно
already: уже
jointly: совместно
"""

PREPOSITIONS = """
in: в
on: на
with: с
for: для
between: между
at: при
about: о
from: из
towards: к
after: после
under: под
through: через
"""

TAGS = ['экономика', 'транспорт', 'дипломатия', 'культура', 'Каспийское море', 'энергетика',
        'образование', 'спорт', 'торговля', 'наука']


def parse_vocabulary(text: str) -> list[tuple[str, list[str]]]:
    """``english: form form …`` lines as (english, forms)."""
    entries = []
    for line in text.strip().splitlines():
        english, _sep, forms = line.partition(':')
        entries.append((english.strip(), forms.split()))
    return entries


VOCABULARY = {name: parse_vocabulary(text) for name, text in (
    ('noun', NOUNS), ('place', PLACES), ('adj', ADJECTIVES), ('verb', VERBS),
    ('adv', ADVERBS), ('prep', PREPOSITIONS))}

Word = tuple[str, str]  # (Russian form, English word)


def word(rng: random.Random, kind: str) -> Word:
    english, forms = rng.choice(VOCABULARY[kind])
    return rng.choice(forms), english


def phrase(rng: random.Random) -> list[Word]:
    """A noun group: an optional adjective, a noun, sometimes a place."""
    words = [word(rng, 'adj')] if rng.random() < 0.6 else []
    words.append(word(rng, 'noun'))
    if rng.random() < 0.25:
        words.append(word(rng, 'place'))
    return words


def sentence_words(rng: random.Random) -> list[Word]:
    words = [word(rng, 'adv')] if rng.random() < 0.3 else []
    words += phrase(rng) + [word(rng, 'verb')] + phrase(rng)
    for _ in range(rng.randint(0, 2)):
        words += [word(rng, 'prep'), *phrase(rng)]
    return words


def capitalized(text: str) -> str:
    """*text* with its first letter upper-case (after any markup such as ``**``)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
    return text


@dataclass
class Message:
    """One translatable message: the Russian source and its English translation."""

    ru: str
    en: str


def sentence(rng: random.Random, *, markup: bool) -> Message:
    """A Russian sentence and its word-by-word English, with inline markup if asked."""
    words = sentence_words(rng)
    ru, en = [w[0] for w in words], [w[1] for w in words]
    if markup:
        start = rng.randrange(len(words))
        end = min(len(words), start + rng.randint(1, 3))
        kind = rng.choice(('**{}**', '*{}*', '[{}](https://example.org/{})'))
        target = f'n{rng.randrange(10_000)}'
        for side in (ru, en):
            span = ' '.join(side[start:end])
            side[start:end] = [kind.format(span, target)]
    return Message(capitalized(' '.join(ru)) + '.', capitalized(' '.join(en)) + '.')


def paragraph(rng: random.Random) -> Message:
    sentences = [sentence(rng, markup=rng.random() < 0.35) for _ in range(rng.randint(2, 5))]
    return Message(' '.join(s.ru for s in sentences), ' '.join(s.en for s in sentences))


def title(rng: random.Random) -> Message:
    words = phrase(rng) + [word(rng, 'verb')] + phrase(rng)
    return Message(capitalized(' '.join(w[0] for w in words)),
                   capitalized(' '.join(w[1] for w in words)))


@dataclass
class Article:
    """One generated news item: where it lives, its date, title and paragraphs."""

    docname: str
    date: dt.date
    title: Message
    paragraphs: list[Message]
    tags: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[Message]:
        return [self.title, *self.paragraphs]

    def markdown(self, *, orphan: bool = False) -> str:
        tags = ', '.join(self.tags)
        front = f'---\ndate: {self.date.isoformat()}\ntags: [{tags}]\n'
        front += 'orphan: true\n---\n' if orphan else '---\n'
        body = '\n\n'.join(p.ru for p in self.paragraphs)
        return f'{front}\n# {self.title.ru}\n\n{body}\n'


def make_article(rng: random.Random, number: int, date: dt.date) -> Article:
    head = title(rng)
    slug_words = [w for w in head.en.lower().replace('-', ' ').split() if w.isalpha()][:3]
    slug = '-'.join([*slug_words, f'{number:05d}'])
    paragraphs = [paragraph(rng) for _ in range(rng.randint(3, 6))]
    return Article(f'news/{date.year}/{date.isoformat()}-{slug}', date, head, paragraphs,
                   rng.sample(TAGS, rng.randint(1, 3)))


def article_dates(count: int) -> Iterator[dt.date]:
    """*count* dates spread evenly from FIRST_DAY to LAST_DAY, oldest first."""
    span = (LAST_DAY - FIRST_DAY).days
    for number in range(count):
        yield FIRST_DAY + dt.timedelta(days=span * number // max(count - 1, 1))


def generate(count: int, seed: int = 1) -> list[Article]:
    rng = random.Random(seed)
    return [make_article(rng, n, date) for n, date in enumerate(article_dates(count))]


# -- Pages and catalogs ----------------------------------------------------------------

INDEX_PAGES = {  # the real site's index pages, with (Russian, English) messages
    'index': ('# Официальный веб-сайт\n\n## Новости\n\n```{news-list}\n:limit: 10\n```\n\n'
              '[Все новости](news/index.md)\n\n```{toctree}\n:hidden:\n\nnews/index\nstatus\n```\n',
              [Message('Официальный веб-сайт', 'Official website'), Message('Новости', 'News'),
               Message('[Все новости](news/index.md)', '[All news](news/index.md)')]),
    'news/index': ('# Новости\n\n```{news-list}\n:group-by-year:\n:limit: 200\n```\n',
                   [Message('Новости', 'News')]),
    # the translators' status page, which counts every catalog (conf.py's footer page)
    'status': ('# Состояние перевода\n\n```{translation-status}\n```\n',
               [Message('Состояние перевода', 'Translation status')]),
}
PLAIN_INDEX_PAGES = {  # the same pages for plain Sphinx: no news-list directive
    'index': ('# Официальный веб-сайт\n\n## Новости\n\n[Все новости](news/index.md)\n\n'
              '```{toctree}\n:hidden:\n\nnews/index\nstatus\n```\n'),
    'news/index': '# Новости\n',
    'status': '# Состояние перевода\n',
}
PLAIN_CONF = '''"""Plain Sphinx on the same sources: Sphinx's own floor for the benchmark."""

from pathlib import Path

extensions = ['myst_parser']
source_suffix = {'.md': 'markdown'}
language = 'ru'
locale_dirs = [str(Path(__file__).resolve().parent / 'locale')]  # not below docs/
gettext_compact = False
myst_enable_extensions = ['colon_fence', 'deflist']
myst_heading_anchors = 2
smartquotes = False
html_theme = 'basic'
html_copy_source = False
html_use_index = False
'''
#: Added to the plain conf.py unless asked not to: the upstream bug that newsroom's doctree
#: adoption works around makes plain Sphinx's English build quadratic, which is no floor at
#: thousands of pages.
PLAIN_WORKAROUND = '''

def adopt(app, doctree):  # see docs-dev/upstream-doctree-bloat.md
    for node in doctree.findall(include_self=False):
        if node.document is not doctree:
            node.document = doctree


def setup(app):
    app.connect('doctree-read', adopt, priority=900)
'''


def po_string(text: str) -> str:
    escaped = text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    return f'"{escaped}"'


def catalog(messages: Sequence[Message]) -> str:
    """A fully translated English ``.po`` catalog (duplicate msgids written once)."""
    out = ['msgid ""', 'msgstr ""', '"Language: en\\n"', '"MIME-Version: 1.0\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"',
           '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '']
    seen = set()
    for message in messages:
        if message.ru in seen:
            continue
        seen.add(message.ru)
        out += [f'msgid {po_string(message.ru)}', f'msgstr {po_string(message.en)}', '']
    return '\n'.join(out)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding='utf-8')


def write_article(srcdir: Path, localedir: Path, article: Article, *, orphan: bool = False,
                  ) -> None:
    """The article's Markdown below *srcdir*, its English catalog below *localedir*."""
    write(srcdir / f'{article.docname}.md', article.markdown(orphan=orphan))
    write(localedir / TARGET / 'LC_MESSAGES' / f'{article.docname}.po',
          catalog(article.messages))


def write_corpus(root: Path, articles: Sequence[Article], *, plain: bool,
                 patched: bool = True) -> None:
    """Our site (a copy of conf.py, our index pages) or the plain-Sphinx twin in *root*."""
    if plain:
        write(root / 'conf.py', PLAIN_CONF + (PLAIN_WORKAROUND if patched else ''))
    else:
        shutil.copy2(REPO / 'conf.py', root / 'conf.py')
        shutil.copytree(REPO / '_static', root / '_static')
    for docname, (text, messages) in INDEX_PAGES.items():
        write(root / 'docs' / f'{docname}.md', PLAIN_INDEX_PAGES[docname] if plain else text)
        write(root / 'locale' / TARGET / 'LC_MESSAGES' / f'{docname}.po', catalog(messages))
    for article in articles:
        write_article(root / 'docs', root / 'locale', article, orphan=plain)


# -- Builds and measurements -----------------------------------------------------------


@dataclass
class Build:
    """One sphinx-build run and what it produced."""

    wall: float  # seconds
    cpu: float  # seconds of user + system time, workers included (less noisy than wall time)
    peak_rss: int  # KiB, the largest process of the build (workers included)
    outdir: Path
    doctreedir: Path
    load: float  # the machine's 1-minute load average when the build started


def sphinx_build_command() -> list[str]:
    script = Path(sys.executable).with_name('sphinx-build')
    return [str(script)] if script.exists() else [sys.executable, '-m', 'sphinx']


def sphinx_build_args(root: Path, language: str, jobs: str | None, *, out: str = 'out',
                      overrides: Sequence[str] = ()) -> list[str]:
    """The command that builds *root*/docs in *language* into *root*/*out*."""
    outdir, doctreedir = root / out / 'html' / language, root / out / 'doctrees' / language
    return [*sphinx_build_command(), '-b', 'html', '-D', f'language={language}',
            *(f'-D{override}' for override in overrides),
            '-c', str(root), '-d', str(doctreedir), '-W', '--keep-going', '-q',
            *(['-j', jobs] if jobs else []), str(root / 'docs'), str(outdir)]


def sphinx_build(root: Path, language: str, jobs: str | None, *, out: str = 'out',
                 overrides: Sequence[str] = ()) -> Build:
    """Build *root*/docs in *language* into *root*/*out*, timing it; fail on any warning."""
    outdir, doctreedir = root / out / 'html' / language, root / out / 'doctrees' / language
    command = sphinx_build_args(root, language, jobs, out=out, overrides=overrides)
    environ = dict(os.environ)
    environ['PYTHONPATH'] = os.pathsep.join(filter(None, [str(REPO), environ.get('PYTHONPATH')]))
    log = root / out / f'build-{language}.log'
    log.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    with log.open('w') as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   env=environ)
        _pid, status, usage = os.wait4(process.pid, 0)  # this child's own rusage
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = log.read_text(errors='replace')[-4000:]
        raise SystemExit(f'sphinx-build failed ({process.returncode}): {" ".join(command)}\n'
                         f'{tail}')
    return Build(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, outdir, doctreedir,
                 load)


def sizes(folder: Path, docnames: Sequence[str], suffix: str) -> list[int]:
    """The sizes of the files of *docnames* (pages or doctrees) in *folder*."""
    return [(folder / f'{name}{suffix}').stat().st_size for name in docnames]


def largest_page(outdir: Path, articles: Sequence[str]) -> str:
    """The biggest HTML page of a build and its size: pages that grow with the archive."""
    size, name = max((p.stat().st_size, p.relative_to(outdir).with_suffix('').as_posix())
                     for p in outdir.rglob('*.html'))
    return f'{size / KIB:.0f} {"(an article)" if name in articles else name}'


def mean(values: Sequence[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob('*') if p.is_file())


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Each HTML file's mtime and content hash."""
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns,
                                         hashlib.sha1(p.read_bytes()).hexdigest())
            for p in folder.rglob('*.html')}


def differences(before: dict[str, tuple[int, str]],
                after: dict[str, tuple[int, str]]) -> tuple[int, int]:
    """How many HTML files were rewritten (new mtime) and how many differ in content."""
    rewritten = sum(1 for name, (mtime, _h) in after.items()
                    if name not in before or before[name][0] != mtime)
    changed = sum(1 for name, (_m, digest) in after.items()
                  if name not in before or before[name][1] != digest)
    return rewritten, changed


KIB, MIB = 1024, 1024 * 1024


def search_index(outdir: Path) -> tuple[int, int]:
    """The search index's bytes, raw and gzipped: Sphinx's one file, or all of our shards."""
    files = ([outdir / 'searchindex.js'] if (outdir / 'searchindex.js').is_file() else
             sorted(p for p in (outdir / SEARCH_FOLDER).rglob('*') if p.is_file()))
    data = [p.read_bytes() for p in files]
    return sum(map(len, data)), sum(len(gzip.compress(d, 6)) for d in data)


def full_row(docnames: Sequence[str], language: str, kind: str, build: Build,
             floor: Build | None) -> list[str]:
    count = len(docnames)
    pages, doctrees = sizes(build.outdir, docnames, '.html'), sizes(
        build.doctreedir, docnames, '.doctree')
    raw, compressed = search_index(build.outdir)
    return [
        str(count), language, kind, f'{build.load:.1f}', f'{build.wall:.1f}', f'{build.cpu:.1f}',
        f'{1000 * build.wall / count:.0f}',
        f'{build.peak_rss / KIB:.0f}',
        f'{mean(pages) / KIB:.1f} / {max(pages, default=0) / KIB:.1f}',
        largest_page(build.outdir, docnames), f'{tree_size(build.outdir) / MIB:.1f}',
        f'{raw / KIB:.0f} / {compressed / KIB:.0f}',
        f'{mean(doctrees) / KIB:.1f}',
        f'{build.wall / floor.wall:.2f}x' if floor else '1.00x',
    ]


FULL_HEADER = ['N', 'lang', 'build', 'load', 'wall s', 'CPU s', 'ms/article', 'peak RSS MiB',
               'article page KiB mean / max', 'largest page KiB', 'output MiB',
               'search index KiB raw / gz', 'doctree KiB/article', 'vs Sphinx']
INCREMENTAL_HEADER = ['N', 'change', 'lang', 'load', 'wall s', 'CPU s', '% of full',
                      'peak RSS MiB', 'HTML rewritten', 'HTML changed']
SUMMARY_HEADER = ['N', 'en / ru (ours)', 'en / ru (Sphinx)', 'ru + en: ours / Sphinx',
                  'ru + en: ours without the workaround / Sphinx', 'ms/article (ru + en)',
                  'per article vs N=2000 (else the first N)']
#: The size the target for large archives compares with (time per article).
BASELINE = 2000


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with aligned columns."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return '| ' + ' | '.join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + ' |'

    rule = '|' + '|'.join('-' * (w + 1) + ':' for w in widths) + '|'
    return '\n'.join([line(header), rule, *(line(row) for row in rows)])


def edit_one_message(root: Path, article: Article) -> None:
    """Change the translation of the article's first paragraph in its English catalog."""
    po = root / 'locale' / TARGET / 'LC_MESSAGES' / f'{article.docname}.po'
    old = po_string(article.paragraphs[0].en)
    text = po.read_text(encoding='utf-8')
    assert old in text, po
    po.write_text(text.replace(old, old[:-1] + ' (Updated.)"', 1), encoding='utf-8')


def progress(message: str) -> None:
    """A line on stderr, with the load average: other work on the machine skews wall times."""
    print(f'{message} (load average {os.getloadavg()[0]:.1f})', file=sys.stderr, flush=True)


def ratio(numerator: float, denominator: float) -> str:
    return f'{numerator / denominator:.2f}x'


def summary_row(count: int, builds: dict[tuple[str, str], Build]) -> tuple[list[str], float]:
    """The targets' ratios for one N, and its wall milliseconds per article (ru + en)."""
    def both(kind: str) -> float:
        return builds[kind, SOURCE].wall + builds[kind, TARGET].wall

    per_article = 1000 * both('ours') / count
    unpatched = (ratio(both('ours, no workaround'), both('sphinx'))
                 if ('ours, no workaround', SOURCE) in builds else '-')
    return [str(count), ratio(builds['ours', TARGET].wall, builds['ours', SOURCE].wall),
            ratio(builds['sphinx', TARGET].wall, builds['sphinx', SOURCE].wall),
            ratio(both('ours'), both('sphinx')), unpatched, f'{per_article:.1f}'], per_article


def with_scaling(rows: list[list[str]], per_article: list[float], sizes: list[int],
                 ) -> list[list[str]]:
    """Each row with its time per article against that of N=2,000 (else the first N)."""
    base = sizes.index(BASELINE) if BASELINE in sizes else 0
    return [[*row, ratio(value, per_article[base])] for row, value in zip(rows, per_article,
                                                                          strict=True)]


#: Our site built as MyST-Parser would parse translated messages: the speed-ups of
#: upstream/myst_parsing.py and locale_once.py switched off.
UNPATCHED = ('ours, no workaround', 'out-unpatched', ['newsroom_fast_locale=0'])


def bench_size(workdir: Path, count: int, jobs: str | None, seed: int, *, patched: bool,
               unpatched: bool = True,
               ) -> tuple[list[list[str]], list[list[str]], dict[tuple[str, str], Build]]:
    """Generate, build and rebuild one corpus of *count* articles; the rows and builds."""
    ours, plain = workdir / f'n{count}' / 'site', workdir / f'n{count}' / 'plain'
    if ours.parent.exists():
        raise SystemExit(f'{ours.parent} exists: remove it or choose another --workdir')
    articles = generate(count + 1, seed)
    articles, added = articles[:-1], articles[-1]
    added.date = LAST_DAY + dt.timedelta(days=1)  # the newest article, in the latest year
    added.docname = f'news/{added.date.year}/{added.date.isoformat()}-added-article'
    for root, is_plain in ((ours, False), (plain, True)):
        root.mkdir(parents=True)
        write_corpus(root, articles, plain=is_plain, patched=patched)
    progress(f'N={count}: corpus in {workdir / f"n{count}"}')

    full_rows, incremental_rows = [], []
    builds = {}
    variants = [('ours', ours, 'out', []), ('sphinx', plain, 'out', [])]
    if unpatched:
        variants.append((UNPATCHED[0], ours, UNPATCHED[1], UNPATCHED[2]))
    for language in (SOURCE, TARGET):
        for kind, root, out, overrides in variants:
            progress(f'N={count}: full build {kind} {language}')
            builds[kind, language] = sphinx_build(root, language, jobs, out=out,
                                                  overrides=overrides)
        docnames = [a.docname for a in articles]
        full_rows.append(full_row(docnames, language, 'sphinx', builds['sphinx', language], None))
        for kind, *_rest in variants:
            if kind != 'sphinx':
                full_rows.append(full_row(docnames, language, kind, builds[kind, language],
                                          builds['sphinx', language]))

    def incremental(change: str, language: str) -> None:
        outdir = ours / 'out' / 'html' / language
        before = snapshot(outdir)
        time.sleep(0.01)  # distinct mtimes for rewritten files
        progress(f'N={count}: rebuild {language} after {change}')
        build = sphinx_build(ours, language, jobs)
        rewritten, changed = differences(before, snapshot(outdir))
        full = builds['ours', language].wall
        incremental_rows.append([str(count), change, language, f'{build.load:.1f}',
                                 f'{build.wall:.1f}',
                                 f'{build.cpu:.1f}',
                                 f'{100 * build.wall / full:.0f}%',
                                 f'{build.peak_rss / KIB:.0f}', str(rewritten), str(changed)])

    edit_one_message(ours, articles[len(articles) // 2])
    incremental('one msgstr edited', TARGET)
    write_article(ours / 'docs', ours / 'locale', added)
    for language in (SOURCE, TARGET):
        incremental('one article added', language)
    return full_rows, incremental_rows, builds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.bench', description=__doc__)
    parser.add_argument('--sizes', type=int, nargs='+', default=[100], metavar='N',
                        help='numbers of articles to generate and build (default: 100)')
    parser.add_argument('--jobs', '-j', default=None, metavar='N',
                        help='passed to sphinx-build as -j (a number or "auto")')
    parser.add_argument('--seed', type=int, default=1, help='seed of the generated text')
    parser.add_argument('--floor-unpatched', action='store_true',
                        help="plain Sphinx without the doctree workaround (its English "
                             "build is then quadratic: keep N small)")
    parser.add_argument('--no-unpatched', action='store_true',
                        help='skip our site built without the translated-message workaround '
                             '(newsroom_fast_locale=0)')
    parser.add_argument('--workdir', type=Path, default=None,
                        help='keep the corpora and builds here (default: a temporary folder)')
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix='newsroom-bench-') as temporary:
        workdir = args.workdir or Path(temporary)
        full_rows, incremental_rows, summary_rows, per_article = [], [], [], []
        for count in args.sizes:
            full, incremental, builds = bench_size(workdir, count, args.jobs, args.seed,
                                                   patched=not args.floor_unpatched,
                                                   unpatched=not args.no_unpatched)
            full_rows += full
            incremental_rows += incremental
            row, milliseconds = summary_row(count, builds)
            summary_rows.append(row)
            per_article.append(milliseconds)
            done = args.sizes[:len(summary_rows)]
            if count != args.sizes[-1]:  # the results so far, for long runs
                print(table(FULL_HEADER, full_rows), '',
                      table(INCREMENTAL_HEADER, incremental_rows), '',
                      table(SUMMARY_HEADER, with_scaling(summary_rows, per_article, done)),
                      sep='\n', file=sys.stderr, flush=True)
    jobs = f' -j {args.jobs}' if args.jobs else ''
    floor = ('as is' if args.floor_unpatched else
             'plus the doctree workaround of docs-dev/upstream-doctree-bloat.md')
    print(f'Full builds (sphinx-build -b html{jobs}; "sphinx" = plain Sphinx on the same sources '
          f'and catalogs: basic theme, myst_parser only, {floor}):\n')
    print(table(FULL_HEADER, full_rows))
    print('\nIncremental builds of our site after the full ones:\n')
    print(table(INCREMENTAL_HEADER, incremental_rows))
    print('\nRatios of wall times (targets: en / ru at most 1.3x; ru + en at most 0.75x of '
          'plain Sphinx; per article at most 1.2x that of N=2000):\n')
    print(table(SUMMARY_HEADER, with_scaling(summary_rows, per_article, args.sizes)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
