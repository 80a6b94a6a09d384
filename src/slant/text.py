"""Typography normalization, block detection, sentence splitting and word tokens.

Every object here carries ``start``/``end`` character offsets into the text that was
parsed, so ``text[start:end]`` always gives back the exact original characters. The
normalized form (straight quotes, ``...`` for an ellipsis, no stray space before
punctuation) is only ever used for scoring; it is stored beside the original, never
in place of it.

How a text is taken apart (the rules are spelled out where they are implemented):

1. **Blocks.** Blank lines (empty or whitespace only) always separate blocks. Inside a
   run of non-blank lines every line is its own block (one paragraph per line, which is
   how extracted web text and this project's seed article arrive), except that a
   hard-wrapped line continues into the next one when it stops after a letter, digit or
   hyphen and the next line starts in lower case, a Markdown ``>`` quotation keeps its
   lines together, and an indented line continues a bullet.
2. **Block kinds** (``heading``, ``list_item``, ``quote``, ``body``), see
   :func:`_classify_units`.
3. **Sentences** inside each block: the pysbd splitter (Sadvilkar & Neumann 2020),
   reached through a fast path that settles the unambiguous boundaries itself; see
   ``docs/splitter.md`` for the measurement behind that choice.
4. **Tokens**: words (with inner apostrophes, hyphens, decimal points and dotted
   abbreviations such as ``U.S.``), emoji sequences and punctuation.

``parse`` never raises for a ``str``; sentences of a block partition the block (less the
whitespace between them) and blocks cover every non-whitespace character of the text.

This module imports nothing from the rest of slant.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "BLOCK_KINDS",
    "Block",
    "BlockKind",
    "ParsedDocument",
    "Sentence",
    "Token",
    "count_emoji",
    "emoji_spans",
    "is_emoji_char",
    "normalize",
    "parse",
    "tokenize",
]

BlockKind = Literal["heading", "list_item", "quote", "body"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "list_item", "quote", "body")


@dataclass(frozen=True, slots=True)
class Token:
    """A word, emoji or punctuation token.

    Attributes
    ----------
    start, end : int
        Offsets into the parsed text.
    text : str
        The exact original characters, ``source[start:end]``.
    norm : str
        The normalized form used for scoring (``normalize(text)``).
    is_word : bool
        True for a word: a token built from letters and digits (possibly with inner
        apostrophes, hyphens or decimal points) or a dotted abbreviation. Emoji
        (keycaps such as ``1️⃣`` included) and punctuation are not words.
    """

    start: int
    end: int
    text: str
    norm: str
    is_word: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence inside one block.

    Attributes
    ----------
    start, end : int
        Offsets into the parsed text; the sentence never starts or ends with whitespace.
    text : str
        The exact original characters.
    norm : str
        ``normalize(text)``, the form to score.
    tokens : tuple of Token
        Its tokens in order; invisible format characters (zero-width space, direction
        marks) are not tokens.
    block_index : int
        Index of the block holding the sentence.
    index : int
        Position of the sentence in the whole document (0-based, reading order).
    """

    start: int
    end: int
    text: str
    norm: str
    tokens: tuple[Token, ...]
    block_index: int
    index: int

    @property
    def words(self) -> tuple[Token, ...]:
        """The word tokens of the sentence (punctuation left out)."""
        return tuple(t for t in self.tokens if t.is_word)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-like unit: a heading, a list item, a quotation or body text.

    Attributes
    ----------
    kind : {"heading", "list_item", "quote", "body"}
        What the block is, by the rules of this module.
    start, end : int
        Offsets into the parsed text (no leading or trailing whitespace).
    text : str
        The exact original characters (may hold line breaks for wrapped lines).
    sentences : tuple of Sentence
        The sentences of the block, in order.
    index : int
        Position of the block in the document (0-based).
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]
    index: int


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """The parse of one text: its blocks, sentences and tokens, all with exact offsets."""

    text: str
    blocks: tuple[Block, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """All sentences in reading order."""
        return tuple(s for b in self.blocks for s in b.sentences)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """All tokens in reading order."""
        return tuple(t for s in self.sentences for t in s.tokens)

    @property
    def words(self) -> tuple[Token, ...]:
        """All word tokens in reading order."""
        return tuple(t for t in self.tokens if t.is_word)


# ---------------------------------------------------------------------------------------
# Emoji
#
# Code points from Unicode's emoji-data.txt (Emoji=Yes), written out by hand. Digits, "#"
# and "*" are left out: they are emoji only inside a keycap sequence.
# Pictographs outside the Basic Multilingual Plane are counted even without the emoji
# selector U+FE0F, because they are drawn as emoji anyway (the seed writes "🕯" bare).
_EMOJI_SMP = (
    "\U0001f004\U0001f0cf\U0001f170\U0001f171\U0001f17e\U0001f17f\U0001f18e"
    "\U0001f191-\U0001f19a\U0001f201\U0001f202\U0001f21a\U0001f22f\U0001f232-\U0001f23a"
    "\U0001f250\U0001f251\U0001f300-\U0001f64f\U0001f680-\U0001f6ff\U0001f7e0-\U0001f7eb"
    "\U0001f7f0\U0001f90c-\U0001f9ff\U0001fa70-\U0001faff"
)
# BMP characters whose default presentation is emoji (Emoji_Presentation=Yes).
_EMOJI_BMP_PRESENTATION = (
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f"
    "\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5"
    "\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797"
    "\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55"
)
# BMP characters that are emoji only when U+FE0F follows (or a skin tone does): ©, ™,
# arrows, ▶, ❤ and the like are ordinary symbols in running text without it.
_EMOJI_BMP_TEXT_DEFAULT = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u2328\u23cf\u23ed-\u23ef"
    "\u23f1\u23f2\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb\u25fc\u2600-\u2604\u260e"
    "\u2611\u2618\u261d\u2620\u2622\u2623\u2626\u262a\u262e\u262f\u2638-\u263a\u2640\u2642"
    "\u265f\u2660\u2663\u2665\u2666\u2668\u267b\u267e\u2692\u2694-\u2697\u2699\u269b\u269c"
    "\u26a0\u26a7\u26b0\u26b1\u26c8\u26cf\u26d1\u26d3\u26e9\u26f0\u26f1\u26f4\u26f7-\u26f9"
    "\u2702\u2708\u2709\u270c\u270d\u270f\u2712\u2714\u2716\u271d\u2721\u2733\u2734\u2744"
    "\u2747\u2763\u2764\u27a1\u2934\u2935\u2b05-\u2b07\u3030\u303d\u3297\u3299"
)
_REGIONAL_INDICATORS = "\U0001f1e6-\U0001f1ff"
_SKIN_TONES = "\U0001f3fb-\U0001f3ff"
_PRESENTATION = _EMOJI_SMP + _EMOJI_BMP_PRESENTATION
_ANY_EMOJI = _PRESENTATION + _EMOJI_BMP_TEXT_DEFAULT

# One emoji element: a pictograph (not asking for text style with U+FE0E), an optional
# selector, an optional skin tone, optional tag characters (subdivision flags).
_EMOJI_ELEMENT = (
    "(?:[" + _PRESENTATION + "](?!\ufe0e)\ufe0f?"
    "|[" + _EMOJI_BMP_TEXT_DEFAULT + "](?:\ufe0f|(?=[" + _SKIN_TONES + "])))"
    "[" + _SKIN_TONES + "]?"
    "(?:[\U000e0020-\U000e007e]+\U000e007f)?"
)
_EMOJI_PATTERN = (
    "[0-9#*]\ufe0f?\u20e3"  # keycap: digit, optional selector, enclosing keycap
    "|[" + _REGIONAL_INDICATORS + "]{1,2}"  # a flag is a pair of regional indicators
    "|" + _EMOJI_ELEMENT + "(?:\u200d[" + _ANY_EMOJI + "]\ufe0f?[" + _SKIN_TONES + "]?)*"
)
_EMOJI_RE = re.compile(_EMOJI_PATTERN)
_EMOJI_CHAR_RE = re.compile("[" + _ANY_EMOJI + _REGIONAL_INDICATORS + "]")


def is_emoji_char(char: str) -> bool:
    """Tell whether one character is an emoji pictograph.

    Parameters
    ----------
    char : str
        A single character; any other length gives False.

    Returns
    -------
    bool
        True for pictographs that Unicode marks ``Emoji=Yes`` (including those such as
        ``❤`` or ``©`` that are drawn as emoji only with the selector U+FE0F) and for
        regional-indicator letters. Digits, ``#`` and ``*`` give False: they are emoji
        only inside a keycap sequence, which :func:`count_emoji` handles.
    """
    return len(char) == 1 and _EMOJI_CHAR_RE.match(char) is not None


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Find the emoji in a text, one span per emoji as a reader sees it.

    A keycap (``1️⃣``), a flag (two regional indicators), a skin-toned or
    zero-width-joined sequence (``👩‍⚕️``) is one emoji. ``©``, ``™``, ``❤`` and other
    characters whose default look is plain text count only when followed by U+FE0F.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` offsets of each emoji, in order.
    """
    return [m.span() for m in _EMOJI_RE.finditer(text)]


def count_emoji(text: str) -> int:
    """Count the emoji in a text, as :func:`emoji_spans` delimits them.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    int
        Number of emoji; a keycap sequence such as ``1️⃣`` counts once.
    """
    return sum(1 for _ in _EMOJI_RE.finditer(text))


# ---------------------------------------------------------------------------------------
# Normalization

# Invisible format characters: zero-width space/non-joiner, word joiner, byte-order mark,
# soft hyphen and bidirectional marks. They change nothing a reader sees.
_INVISIBLE = (
    "\u00ad\u200b\u200c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›ʼ´＇", "'"),
        **dict.fromkeys("“”„‟″‶«»〝〞＂", '"'),
        "…": "...",
        # every Unicode space separator becomes a plain space
        **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006", " "),
        **dict.fromkeys("\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
        # hyphen, non-breaking hyphen, figure dash, en dash, minus sign
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"),
        **dict.fromkeys(_INVISIBLE, None),
    }
)
# A zero-width joiner is kept only where it glues two emoji together.
_LOOSE_JOINER_RE = re.compile("\u200d(?![" + _ANY_EMOJI + "])")
_EM_DASH_RE = re.compile(r"[ \t]*[\u2014\u2015]+[ \t]*")
# Space before , . ; : ! ? when that mark ends a clause ("legal , not" -> "legal, not").
_STRAY_SPACE_RE = re.compile(r"(?<=\S)[ \t]+(?=[,.;:!?](?:\s|$|[\"']))")


def _spaced_dash(match: re.Match[str]) -> str:
    source = match.string
    left = "" if match.start() == 0 or source[match.start() - 1].isspace() else " "
    right = "" if match.end() == len(source) or source[match.end()].isspace() else " "
    return left + "-" + right


def normalize(text: str) -> str:
    """Normalize typography for scoring; offsets always refer to the original text.

    What changes:

    * curly and angled quotes, primes and apostrophes (``‘ ’ ‚ ‛ ′ ‹ › ʼ ´`` and
      ``“ ” „ ‟ ″ « »``) become ``'`` and ``"``;
    * the ellipsis character ``…`` becomes ``...``;
    * every Unicode space separator (no-break space U+00A0, narrow no-break U+202F,
      figure space U+2007, thin spaces...) becomes a plain space;
    * zero-width characters (U+200B, U+200C, U+2060, U+FEFF), the soft hyphen and
      bidirectional marks are removed; the zero-width joiner U+200D is removed too,
      except inside an emoji sequence, where it is part of one picture;
    * dashes: the hyphen-like characters (U+2010, U+2011, U+2012), the en dash and the
      minus sign become ``-`` in place; an em dash or horizontal bar becomes `` - ``,
      with one space on each side that is not at a line edge (``policy—not`` becomes
      ``policy - not``), so that whitespace tokenizers see the words apart;
    * spaces before ``, . ; : ! ?`` that end a clause are dropped
      (``"legal , not moral"`` becomes ``"legal, not moral"``).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalized text. It can differ in length from the input, so offsets never
        point into it.

    Examples
    --------
    >>> normalize("They don’t like it… legal , not moral.")
    "They don't like it... legal, not moral."
    """
    if not text.isascii():
        if "\u200d" in text:
            text = _LOOSE_JOINER_RE.sub("", text)
        text = text.translate(_TYPOGRAPHY)
        if "\u2014" in text or "\u2015" in text:
            text = _EM_DASH_RE.sub(_spaced_dash, text)
    return _STRAY_SPACE_RE.sub("", text)


# ---------------------------------------------------------------------------------------
# Tokens

# Combining marks of the common scripts; Python's \w leaves them out, so "café" written
# with a combining accent would otherwise fall apart.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u20d0-\u20dc\u20e1\u20e5-\u20f0\ufe20-\ufe2f"
)
_WORD_CHAR = r"(?:[^\W_]|[" + _MARKS + "])"
_JOINER = (
    r"(?:['’ʼ\-\u2010\u2011_]"  # apostrophe or hyphen inside a word
    "|[" + _INVISIBLE + "\u200d]+"  # invisible characters inside a word
    r"|(?<=\d)[.,:](?=\d))"  # decimal point, thousands separator, clock colon
)
_TOKEN_RE = re.compile(
    "(?P<emoji>" + _EMOJI_PATTERN + ")"
    r"|(?P<abbr>(?<![^\W_])(?:[^\W\d_]\.){2,})"  # U.S., e.g., p.m.
    "|(?P<word>" + _WORD_CHAR + "+(?:" + _JOINER + _WORD_CHAR + "+)*)"
    r"|(?P<punct>(?:\.{2,}|[!?]{2,}|[-\u2013\u2014\u2015]{2,}"
    "|[^\\s" + _INVISIBLE + "\u200d\ufe00-\ufe0f])[" + _MARKS + "\ufe00-\ufe0f\u20e3]*)"
)
_ALNUM_RE = re.compile(r"[^\W_]")


def _normalize_token(token: str) -> str:
    return token if token.isascii() else normalize(token)


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split a text into word, emoji and punctuation tokens with exact offsets.

    Words keep inner apostrophes and hyphens (``don’t``, ``de-escalation``), decimal
    points, thousands separators and clock colons between digits (``3.5``, ``1,000``,
    ``10:30``), and dates written with hyphens (``2025-12-01``); a dotted abbreviation of
    single letters keeps its dots (``U.S.``, ``e.g.``, ``p.m.``). An emoji sequence is one
    token. Runs of dots (``...``), of ``!``/``?`` and of dashes are one token; any
    other visible character is a token of its own. Whitespace and invisible format
    characters are not tokens.

    Parameters
    ----------
    text : str
        The text to split.
    offset : int, optional
        Added to every offset, so that tokens of a slice point into the full text.

    Returns
    -------
    tuple of Token
        The tokens in order; ``text[t.start - offset:t.end - offset] == t.text``.
    """
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        piece = match.group()
        kind = match.lastgroup
        is_word = kind == "abbr" or (
            kind == "word" and (piece[0].isalnum() or _ALNUM_RE.search(piece) is not None)
        )
        start = match.start() + offset
        tokens.append(Token(start, start + len(piece), piece, _normalize_token(piece), is_word))
    return tuple(tokens)


# ---------------------------------------------------------------------------------------
# Sentences
#
# The fast path settles the boundaries that no splitter would argue about (a full stop
# after an ordinary word, then a capital) and hands only the stretches holding an
# ambiguous full stop (abbreviations, initials, numbers) to pysbd, which costs about
# 0.2 ms per call and 6 ms for a whole 200-word story; see docs/splitter.md.

_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"
# A run of sentence-final marks, optional closing quotes/brackets, then whitespace. The
# look-behind makes a match start only where a run starts: without it a long run of marks
# with no space after it ("?????…") is rescanned from every position, in quadratic time.
_CANDIDATE_RE = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)\]}]*\s+(?=\S)")
_LAST_WORD_RE = re.compile(r"\S+\Z")
_NUMBER_RE = re.compile(r"[$€£¥]?\d[\d,.]*%?")
_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))

_BOUNDARY, _NOT_BOUNDARY, _AMBIGUOUS = 0, 1, 2
# pysbd's abbreviation list holds state names and other short forms that are also common
# words ("Ill."/"ill.", "Miss."/"miss.", "Me."/"me."). Written in lower case before a
# full stop and a capital, they end a sentence ("a talented man. I miss him").
_LOWERCASE_WORDS = frozenset(
    "art con fed id ill is man mass may me min miss no ok wash".split()  # noqa: SIM905
)


@functools.cache
def _pysbd() -> tuple[Any, frozenset[str]]:
    # Imported on first use: importing pysbd costs about 25 ms.
    import pysbd  # noqa: PLC0415
    from pysbd.lang.english import English  # noqa: PLC0415

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return segmenter, frozenset(English.Abbreviation.ABBREVIATIONS)


def _judge(text: str, match: re.Match[str]) -> int:
    """Decide whether a candidate is a sentence boundary, is not one, or needs pysbd."""
    following = text[match.end()]
    if following.islower():
        return _NOT_BOUNDARY
    marks = match.group().rstrip().rstrip(_CLOSERS)
    if "." not in marks or "…" in marks or ".." in marks:
        # ? and ! before a capital end a sentence; so does an ellipsis (pysbd would split
        # after "..." but not after "…", so the fast path decides both the same way)
        return _BOUNDARY
    before = _LAST_WORD_RE.search(text, max(0, match.start() - 64), match.start())
    if before is None:
        return _AMBIGUOUS
    word = before.group().strip(_OPENERS + _CLOSERS)
    if len(word) >= 2 and word.replace("-", "").replace("'", "").replace("’", "").isalpha():
        if word in _LOWERCASE_WORDS and not following.isdigit():
            return _BOUNDARY
        return _AMBIGUOUS if word.lower() in _pysbd()[1] else _BOUNDARY
    if len(word) >= 3 and _NUMBER_RE.fullmatch(word):
        return _BOUNDARY
    return _AMBIGUOUS


def _pysbd_cuts(piece: str) -> list[int]:
    """Return the offsets inside ``piece`` where pysbd starts a new sentence."""
    try:
        # Segmenter.segment() would add a quadratic search for the sentences in the text
        # and keep the text on the shared segmenter; the processor alone does neither.
        segments = _pysbd()[0].processor(piece).process()
    except Exception:  # a splitter failure must not break parse(): keep one sentence
        return []
    cuts: list[int] = []
    cursor = 0
    for segment in segments:
        wanted = segment.strip()
        if not wanted:
            continue
        found = piece.find(wanted, cursor)
        if found < 0:
            # pysbd rewrote some characters (it uses placeholders such as "♨" and "∯"
            # internally): align by counting non-space characters instead.
            found, end = _align(piece, cursor, sum(1 for c in wanted if not c.isspace()))
        else:
            end = found + len(wanted)
        if 0 < found < len(piece) and (not cuts or found > cuts[-1]):
            cuts.append(found)
        cursor = max(cursor, end)
    return cuts


# pysbd's time grows with the square of the length it is given (its abbreviation pass
# rescans the piece for every abbreviation), so a long stretch without any sure boundary
# (thousands of "No. " or "U.S. ") is handed over in windows of about this many
# characters; 600 keeps a window under about 5 ms. Cuts in the last _PYSBD_TAIL_CHARS of a
# window are not trusted (pysbd sees a truncated sentence there): the next window starts
# at the last trusted cut, so each boundary is decided with text on both sides.
_PYSBD_WINDOW_CHARS = 600
_PYSBD_TAIL_CHARS = 100


def _windowed_pysbd_cuts(piece: str) -> list[int]:
    """Like :func:`_pysbd_cuts`, in windows of bounded length (linear time overall)."""
    if len(piece) <= _PYSBD_WINDOW_CHARS:
        return _pysbd_cuts(piece)
    cuts: list[int] = []
    base = 0
    while len(piece) - base > _PYSBD_WINDOW_CHARS:
        limit = base + _PYSBD_WINDOW_CHARS
        space = max(piece.rfind(" ", base + _PYSBD_TAIL_CHARS, limit), 0)
        window_end = space or limit  # end the window between two words when possible
        trusted = [
            base + cut
            for cut in _pysbd_cuts(piece[base:window_end])
            if cut <= window_end - base - _PYSBD_TAIL_CHARS
        ]
        cuts.extend(trusted)
        # no trusted cut: the window lies inside one long sentence; go on after it
        base = trusted[-1] if trusted else window_end
    cuts.extend(base + cut for cut in _pysbd_cuts(piece[base:]))
    return cuts


def _align(text: str, start: int, count: int) -> tuple[int, int]:
    """Skip whitespace from ``start``, then walk over ``count`` non-space characters."""
    position = start
    while position < len(text) and text[position].isspace():
        position += 1
    begin = position
    while position < len(text) and count > 0:
        if not text[position].isspace():
            count -= 1
        position += 1
    return begin, position


def _sentence_spans(block: str) -> list[tuple[int, int]]:
    """Split one block into sentence spans that leave out only whitespace."""
    flat = block.translate(_LINE_BREAKS)  # same length; a line break never ends a sentence
    cuts: list[int] = []
    piece_start = 0
    ambiguous = False
    for match in _CANDIDATE_RE.finditer(flat):
        verdict = _judge(flat, match)
        if verdict == _AMBIGUOUS:
            ambiguous = True
        elif verdict == _BOUNDARY:
            if ambiguous:
                cuts.extend(
                    piece_start + c for c in _windowed_pysbd_cuts(flat[piece_start : match.end()])
                )
            cuts.append(match.end())
            piece_start = match.end()
            ambiguous = False
    if ambiguous:
        cuts.extend(piece_start + c for c in _windowed_pysbd_cuts(flat[piece_start:]))
    spans = []
    for left, right in itertools.pairwise([0, *cuts, len(block)]):
        chunk = block[left:right]
        stripped = chunk.strip()
        if stripped:
            start = left + len(chunk) - len(chunk.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _has_boundary(text: str) -> bool:
    """Tell whether a line holds a sure sentence boundary before its end."""
    return any(_judge(text, m) == _BOUNDARY for m in _CANDIDATE_RE.finditer(text))


# ---------------------------------------------------------------------------------------
# Blocks

_MD_HEADING_RE = re.compile(r"#{1,6}(?:\s|$)")
_BULLET_RE = re.compile(r"(?:[-*+•‣◦▪●○■□►▸➢➤]|\d{1,3}[.)])\s+(?=.*[^\W_])")
_TERMINAL = ".!?…"
# Words that title case leaves in lower case (articles, conjunctions, short prepositions).
_MINOR_WORDS = frozenset(
    (  # noqa: SIM905 -- a word list reads best as one string
        "a an the and or but nor for so yet of in on at to by up as from with into onto over "
        "per via vs than off out upon about after before under without within between against "
        "toward towards through during across near amid"
    ).split()
)
_HEADING_MAX_WORDS = 12  # plain title-case heading
_MARKED_HEADING_MAX_WORDS = 15  # text after a leading emoji or keycap
_LIST_FRAGMENT_MAX_WORDS = 40
_LIST_SENTENCE_MAX_WORDS = 25
_LABEL_MAX_WORDS = 8  # an introducing line short enough to head a list of sentences
_SHORT_ITEM_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    content: str
    indented: bool


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    lines: list[_Line]


def _lines(text: str) -> list[_Line | None]:
    """Return every line's trimmed content, or None for a blank line."""
    result: list[_Line | None] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip()
        content = body.lstrip()
        if content:
            start = position + len(body) - len(content)
            result.append(_Line(start, start + len(content), content, start > position))
        else:
            result.append(None)
        position += len(raw)
    return result


def _line_marker(content: str) -> str | None:
    """Name the structural marker a line starts with, if any."""
    if _EMOJI_RE.match(content):
        return "emoji"
    if _MD_HEADING_RE.match(content):
        return "md_heading"
    if content.startswith(">") and content[1:2] in ("", " ", "\t", ">"):
        return "md_quote"
    if _BULLET_RE.match(content):
        return "bullet"
    return None


def _continues(previous: _Line, line: _Line) -> bool:
    """Tell whether ``line`` carries on the block that ``previous`` belongs to."""
    before = _line_marker(previous.content)
    marker = _line_marker(line.content)
    if before == "md_quote":
        return marker == "md_quote"
    if marker is not None or before in ("emoji", "md_heading"):
        return False
    if before == "bullet" and line.indented:
        return True
    last = previous.content[-1]
    return line.content[0].islower() and (last.isalnum() or last in "-\u2010")


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    previous: _Line | None = None
    for line in _lines(text):
        if line is None:
            previous = None
            continue
        if previous is not None and _continues(previous, line):
            unit = units[-1]
            unit.end = line.end
            unit.lines.append(line)
        else:
            units.append(_Unit(line.start, line.end, [line]))
        previous = line
    return units


def _last_mark(text: str) -> str:
    """Return the last character that is not a closing quote, bracket or emphasis mark."""
    stripped = text.rstrip(_CLOSERS + "*_ \t")
    return stripped[-1] if stripped else ""


def _lead_key(content: str) -> str | None:
    """Identify the emoji a line starts with: "keycap" for any keycap, else its base."""
    match = _EMOJI_RE.match(content)
    if match is None:
        return None
    emoji = match.group()
    return "keycap" if emoji.endswith("\u20e3") else emoji.replace("\ufe0f", "")


def _after_leading_emoji(content: str) -> str:
    position = 0
    while True:
        match = _EMOJI_RE.match(content, position)
        if match is None:
            break
        position = match.end()
        while position < len(content) and content[position].isspace():
            position += 1
    return content[position:]


def _marked_heading(rest: str) -> bool:
    """Tell whether the text after a leading emoji or keycap reads as a heading."""
    words = rest.split()
    return (
        0 < len(words) <= _MARKED_HEADING_MAX_WORDS
        and _ALNUM_RE.search(rest) is not None
        and _last_mark(rest) not in ".,;"
        and not _has_boundary(rest)
    )


def _title_case_heading(content: str) -> bool:
    """Tell whether a line is a short title-case heading without final punctuation.

    Short: at most 12 words. Title case: the first word and at least three quarters
    of the other words that begin with a letter, minor words (articles, conjunctions,
    short prepositions) left out, begin with a capital. The line must not end with
    ``. ! ? : ; , …`` or a dash, and must hold no sentence boundary.
    """
    words = content.split()
    if not 0 < len(words) <= _HEADING_MAX_WORDS:
        return False
    if _last_mark(content) in _TERMINAL + ":;,-\u2013\u2014\u2015" or _has_boundary(content):
        return False
    bare = [w.strip(_OPENERS + _CLOSERS + "*_") for w in words]
    lettered = [w for w in bare if w[:1].isalpha()]
    if not lettered or not lettered[0][0].isupper() or not bare[0][:1].isalpha():
        return False
    content_words = [w for w in lettered[1:] if w.lower() not in _MINOR_WORDS]
    capitals = sum(1 for w in content_words if w[0].isupper())
    return capitals >= 0.75 * len(content_words)


_QUOTE_PAIRS = {
    "“": '”"',
    '"': '"”“',
    "„": "“”",
    "«": "»",
    "»": "«",
    "‘": "’'",
    "'": "'’",
    "‚": "‘’",
    "「": "」",
}


def _is_quotation(text: str) -> bool:
    """Tell whether a block is one quotation: open mark, closing mark, final punctuation."""
    closers = _QUOTE_PAIRS.get(text[0])
    if closers is None:
        return False
    body = text.rstrip(".,;:!?… \t")
    if len(body) < 3 or body[-1] not in closers:
        return False
    inner = body[1:-1]
    for position, char in enumerate(inner):
        if char in closers or char == text[0]:
            # an apostrophe inside a word is not a closing mark
            apostrophe = (
                char in "'’"
                and 0 < position < len(inner) - 1
                and inner[position - 1].isalnum()
                and inner[position + 1].isalnum()
            )
            if not apostrophe:
                return False
    return True


def _classify_units(units: list[_Unit]) -> list[BlockKind]:
    """Give each block its kind.

    In order of precedence:

    * ``heading``: a Markdown ``#`` heading; a line led by an emoji or a keycap digit
      (``1️⃣``) whose remaining text has 1-15 words, does not end with ``. , ;`` and
      holds a single sentence; a plain title-case line (see :func:`_title_case_heading`).
    * ``list_item``: a Markdown bullet (``-``, ``*``, ``+``, ``•``..., ``1.``, ``1)``);
      lines led by the same emoji (or by keycaps) next to each other; a keycap line too
      long to be a heading; and the unmarked items that follow an introducing line
      ending with ``:``. Unmarked items come in two shapes. A *fragment* list: one-line
      items of at most 40 words that start in lower case, end with ``,`` or ``;``, or
      are at most 6 words without final punctuation; after an item ending with ``,`` or
      ``;`` the next line is an item whatever its shape, and an item ending with
      ``. ! ?`` closes the list. A *sentence* list, only after a short introducing
      line (at most 8 words, no comma): one-line single sentences of at most 25 words
      that start with a capital, end with ``. ! ?`` and hold no colon; the first line
      that does not fit closes it.
    * ``quote``: a Markdown ``>`` block, or a block that opens with a quotation mark
      and ends with its closing mark (plus optional punctuation) with no closing mark
      in between (so ``“We will,” he said, “win.”`` is body).
    * ``body``: everything else.
    """
    leads = [_lead_key(u.lines[0].content) for u in units]
    kinds: list[BlockKind] = []
    run: str | None = None  # "fragment" or "sentence" while an unmarked list is open
    previous_end = ""  # last mark of the previous block
    label = False  # the previous block is a short introducing line
    for index, unit in enumerate(units):
        first = unit.lines[0].content
        text = first if len(unit.lines) == 1 else "\n".join(line.content for line in unit.lines)
        single = len(unit.lines) == 1
        marker = _line_marker(first)
        kind: BlockKind | None = None
        in_list = False
        if marker == "md_heading":
            kind = "heading"
        elif marker == "md_quote":
            kind = "quote"
        elif marker == "bullet":
            kind = "list_item"
        elif marker == "emoji":
            neighbours = leads[index - 1 : index] + leads[index + 1 : index + 2]
            if leads[index] in neighbours:
                kind = "list_item"
            elif single and _marked_heading(_after_leading_emoji(first)):
                kind = "heading"
            elif leads[index] == "keycap":
                kind = "list_item"
        if kind is None and _is_quotation(text):
            kind = "quote"
        if kind is None and single and (run is not None or previous_end == ":"):
            words = len(first.split())
            end = _last_mark(first)
            if run != "sentence" and _fits_fragment(first, words, end, previous_end):
                kind, run, in_list = "list_item", "fragment", True
            elif (run == "sentence" or label) and _fits_sentence(first, words, end):
                kind, run, in_list = "list_item", "sentence", True
        if kind is None and single and _title_case_heading(first):
            kind = "heading"
        kinds.append(kind or "body")
        if not in_list:
            run = None
        previous_end = _last_mark(text)
        label = (
            previous_end == ":"
            and len(text.split()) <= _LABEL_MAX_WORDS
            and "," not in text
            and not _has_boundary(text)
        )
    return kinds


def _fits_fragment(line: str, words: int, end: str, previous_end: str) -> bool:
    if words > _LIST_FRAGMENT_MAX_WORDS or previous_end in _TERMINAL or not previous_end:
        return False
    return (
        previous_end in ",;"
        or line[0].islower()
        or (end != "" and end in ",;")
        or (words <= _SHORT_ITEM_WORDS and end.isalnum())
    )


def _fits_sentence(line: str, words: int, end: str) -> bool:
    opening = line.lstrip(_OPENERS)
    return (
        words <= _LIST_SENTENCE_MAX_WORDS
        and end != ""
        and end in ".!?"
        and opening[:1].isupper()
        and ":" not in line
        and not _has_boundary(line)
    )


# ---------------------------------------------------------------------------------------
# Parse


def parse(text: str) -> ParsedDocument:
    r"""Take a text apart into blocks, sentences and tokens with exact offsets.

    Parameters
    ----------
    text : str
        The text exactly as it should be analysed (any metadata prefix already
        removed). Any string is accepted: empty, with lone surrogates, NUL bytes,
        direction marks, CRLF or lone CR line ends.

    Returns
    -------
    ParsedDocument
        Blocks in reading order (kinds as in the module notes), each split into
        sentences, each split into tokens. For every block, sentence and token ``x``,
        ``text[x.start:x.end] == x.text``; spans of one level never overlap; every
        non-whitespace character of ``text`` lies in some block and in some sentence.

    Examples
    --------
    >>> doc = parse("🧨 What Was Said\n\nAdm. Smith spoke. He left.")
    >>> [b.kind for b in doc.blocks]
    ['heading', 'body']
    >>> [s.text for s in doc.sentences]
    ['🧨 What Was Said', 'Adm. Smith spoke.', 'He left.']
    """
    units = _units(text)
    kinds = _classify_units(units)
    blocks = []
    sentence_index = 0
    for block_index, (unit, kind) in enumerate(zip(units, kinds, strict=True)):
        block_text = text[unit.start : unit.end]
        sentences = []
        for start, end in _sentence_spans(block_text):
            sentence_text = block_text[start:end]
            absolute = unit.start + start
            sentences.append(
                Sentence(
                    start=absolute,
                    end=unit.start + end,
                    text=sentence_text,
                    norm=normalize(sentence_text),
                    tokens=tokenize(sentence_text, absolute),
                    block_index=block_index,
                    index=sentence_index,
                )
            )
            sentence_index += 1
        blocks.append(Block(kind, unit.start, unit.end, block_text, tuple(sentences), block_index))
    return ParsedDocument(text=text, blocks=tuple(blocks))
