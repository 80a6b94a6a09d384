"""Structure metrics: layout, paragraph and sentence rhythm, quotations and attribution.

Everything here is computed from a :class:`~slant.text.ParsedDocument` (its blocks,
sentences and word tokens, with their exact offsets), never by re-reading raw text, and
every counted marker comes back as an :class:`~slant.metrics.base.Evidence` span.

Populations and denominators
----------------------------
* A **word** is a word token of the parse (``Token.is_word``); "per 100 words" always
  divides by all the words of the document, headings included.
* A **block** counts when it holds at least one word; a **paragraph** is a ``body`` block.
* **Running-text sentences** are the sentences, holding at least one word, of every block
  except headings: sentence length and fragments are measured on them, because a heading
  is a label, not a sentence. Questions and exclamations are counted over *all* sentences
  holding a word, headings included, because a question put in a heading is still put to
  the reader.
* Standard deviations are sample standard deviations (divisor ``n - 1``) and are NaN with
  fewer than two values.

Quotations and attribution (the rules, in full)
-----------------------------------------------
* A **quotation** is the span from an opening double quotation mark to the next matching
  closing mark inside the same block: ``“…”``, ``"…"`` or ``«…»``. A straight ``"``
  opens when it follows a space (or an opening bracket or dash) and closes when a space
  or punctuation follows it; when both or neither hold it alternates. News style leaves
  a quotation that runs on into a new paragraph open and re-opens it there: an open
  quotation followed by a new opening mark after a sentence end, or left open at the end
  of a block whose next block opens with a quotation mark, becomes a quotation of its
  own that ends with its last sentence (``closed`` False). Any other unclosed mark is
  ignored, and so is a pair with no word between the marks. Single quotation marks are
  not read (they double as apostrophes).
* A **reporting verb** is a word from :data:`REPORTING_VERBS` (or the pair *according
  to*) that stands outside every quotation; *so-called* is not one.
* A reporting verb has a **named speaker** when one of these holds, tried in this order:

  1. the words just before the verb (skipping auxiliaries such as *has*, *would* and
     adverbs ending in *-ly*) end a capitalised name (*Maria Zakharova said*); if a comma
     stands there, the name before an appositive between commas is taken (*Adm. Giuseppe
     Cavo Dragone, Chair of the NATO Military Committee, told*), else the appositive
     itself (a name right after a preposition is not a subject: *officials in Moscow
     said*); *, who* takes the name before the comma (*Queen Elizabeth II, who said*); a
     name's possessive title also counts (*Russia's foreign ministry said*). A lone
     capitalised word opening the sentence counts here (*Zakharova said*) unless it is a
     generic subject (*Officials*, *Police*) or appears in lower case elsewhere in the
     text;
  2. the word just before the verb is *he* or *she* and a named source (a speaker found by
     these rules, the name an earlier *he*/*she* was resolved to, or a capitalised name
     opening a sentence) stands earlier in the same sentence or in one of the
     :data:`PRONOUN_WINDOW` sentences before it, with no heading in between; *they*,
     *we*, *it* are never resolved (collective or ambiguous);
  3. the verb follows a comma or a closing quotation mark and a capitalised name follows
     the verb, perhaps after *the* and up to three lower-case words (*…,” said the
     spokeswoman, Maria Zakharova*); not for *told*, *called*, *urged* (their object is
     the person addressed or described, not the speaker);
  4. *according to* is followed, perhaps after *the* and up to four lower-case words, by a
     capitalised name, or by *him* / *her* resolved as in rule 2.

* A **capitalised name** is a run of capitalised words (joined by *of*, *the*, *de*,
  *van*, *von*, *al*, *bin*, … and by abbreviations such as *Adm.*), excluding pronouns,
  determiners, common sentence openers, month and weekday names. A capitalised word that
  opens a sentence counts only when the same word also appears capitalised inside a
  sentence elsewhere in the document, or when a further capitalised word follows it.
* Reporting verbs in headings are counted, but never given a speaker: headings
  capitalise every word, so capitals cannot show a name there.
* A quotation is **attributed** when the reporting verb nearest to it decides so: first
  the verbs in the sentence(s) the quotation overlaps (nearest by characters), then the
  last verb of the sentence before, then the first verb of the sentence after (never
  across a heading). The first verb found decides: if it has a named speaker the
  quotation is attributed, otherwise it is not, and the search stops. So
  ``leaders can say: “We warned this might be necessary.”`` is *not* attributed: *say*
  has no named speaker (*leaders* is collective). rhetoric.py flags such hypothetical or
  collective speakers separately. A quotation that directly follows a run-on (unclosed)
  quotation and finds no reporting verb near it takes that quotation's speaker.

Specificity
-----------
* **Numbers**: word tokens that start with a digit or a currency sign and a digit
  (``1,500``, ``3.5``, ``2025``; codes such as ``MH17`` or ``F-16`` are names, keycap
  emoji such as 1️⃣ and digits inside a date are left out), and the number words of
  :data:`NUMBER_WORDS` (*one* is left out: it is mostly a pronoun, as in *one of the
  officials*).
* **Dates**: capitalised month names (with an adjacent day number and year folded into
  one span; *May* and *March* only next to a number or after a preposition such as *in*),
  weekday names, and ISO (``2025-12-01``) or day/month/year (``1/12/2025``) dates.
  Relative words (*today*, *yesterday*) are not dates here.
* **Named sources**: every capitalised name of two or more words (people, organisations,
  titles, but also places: the rule cannot tell them apart) plus every one-word name that
  is the named speaker of a reporting verb, outside headings.

Fragments are running-text sentences of :data:`FRAGMENT_MAX_WORDS` words or fewer. The
"without a verb" test is not applied: telling verbs apart reliably needs a part-of-speech
tagger, which slant does not use.
"""

from __future__ import annotations

import bisect
import re
import statistics
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from slant.metrics.base import Evidence, Measurement
from slant.metrics.registry import Metric, register
from slant.text import BLOCK_KINDS, BlockKind, ParsedDocument, Token, emoji_spans

__all__ = [
    "FRAGMENT_MAX_WORDS",
    "METRICS",
    "NUMBER_WORDS",
    "PRONOUN_WINDOW",
    "REPORTING_VERBS",
    "Quotation",
    "acronyms",
    "measure",
    "quotations",
]

#: A running-text sentence of this many words or fewer is a fragment (the project's
#: threshold: "sentences of three words or fewer").
FRAGMENT_MAX_WORDS = 3

#: How many sentences back a *he*/*she* before a reporting verb may look for a named
#: source (the project's choice: a short news paragraph rarely carries a pronoun further).
PRONOUN_WINDOW = 3

#: Reporting verbs (inflected forms as written), compiled by the slant authors from the
#: speech-reporting verbs of news style guides. Forms that are usually nouns in news
#: (*claims*, *calls*, *notes*, *reports*, *states*, *warning*) are left out on purpose.
REPORTING_VERBS: frozenset[str] = frozenset(
    {
        "say", "says", "said", "saying",
        "tell", "tells", "told", "telling",
        "stated",
        "warn", "warns", "warned",
        "called",
        "add", "adds", "added",
        "write", "writes", "wrote", "written",
        "argue", "argues", "argued",
        "claimed",
        "announce", "announces", "announced",
        "insist", "insists", "insisted",
        "noted",
        "ask", "asks", "asked",
        "reply", "replies", "replied",
        "explain", "explains", "explained",
        "declare", "declares", "declared",
        "describe", "describes", "described",
        "admit", "admits", "admitted",
        "acknowledge", "acknowledges", "acknowledged",
        "confirm", "confirms", "confirmed",
        "deny", "denies", "denied",
        "comment", "commented",
        "remark", "remarked",
        "reported",
        "assert", "asserts", "asserted",
        "urged",
        "vowed",
        "stressed",
        "emphasised", "emphasized",
        "responded",
        "tweeted",
        "framed",
        "quoted",
    }
)  # fmt: skip

#: Number words counted by ``numbers_per_100_words`` (*one* left out, see module notes).
NUMBER_WORDS: frozenset[str] = frozenset(
    {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
        "millions", "billion", "billions", "trillion", "trillions", "dozen", "dozens",
    }
)  # fmt: skip

_MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    }
)  # fmt: skip
_MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
# Month names that are also ordinary words: counted only next to a number or after one of
# these prepositions.
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
_DATE_PREPOSITIONS = frozenset(
    {"in", "on", "since", "until", "till", "by", "from", "of", "last", "next", "early", "late",
     "mid", "through", "during", "before", "after"}
)  # fmt: skip
_WEEKDAYS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
    }
)  # fmt: skip

# Capitalised words that are never (part of) a name: pronouns, determiners, conjunctions,
# prepositions and common sentence openers.
_NOT_NAMES = frozenset(
    {
        "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
        "it", "its", "they", "them", "their", "this", "that", "these", "those", "the", "a",
        "an", "and", "or", "but", "nor", "so", "yet", "if", "when", "while", "as", "since",
        "until", "although", "though", "because", "after", "before", "once", "unless",
        "whether", "where", "what", "why", "how", "who", "whom", "whose", "which", "there",
        "here", "now", "then", "today", "yesterday", "tomorrow", "tonight", "yes", "no",
        "not", "in", "on", "at", "to", "for", "from", "by", "with", "without", "of", "about",
        "into", "over", "under", "against", "between", "during", "through", "despite",
        "instead", "meanwhile", "however", "still", "also", "even", "only", "just", "all",
        "both", "each", "every", "some", "many", "most", "more", "much", "few", "several",
        "any", "other", "another", "such", "one", "none", "nothing", "everything",
        "something", "anything", "everyone", "someone", "nobody", "earlier", "later",
        "last", "next", "first", "finally", "again", "already", "perhaps", "indeed",
        "there's", "it's", "that's", "what's", "here's", "let", "let's",
    }
)  # fmt: skip

# Plural or collective nouns that often open a sentence as the subject of a reporting verb
# ("Officials said ...") and are never a named source.
_GENERIC_SUBJECTS = frozenset(
    {
        "officials", "critics", "analysts", "experts", "sources", "witnesses", "residents",
        "police", "observers", "diplomats", "lawmakers", "legislators", "leaders", "people",
        "authorities", "protesters", "activists", "scientists", "researchers", "doctors",
        "reports", "studies", "commentators", "insiders", "aides", "investigators",
        "prosecutors", "economists", "locals", "soldiers", "troops", "governments",
        "ministers", "members", "voters", "citizens", "journalists", "reporters", "media",
        "spokesman", "spokeswoman", "spokesperson", "spokespeople", "many", "others",
        "some", "most", "several", "both", "all", "everyone", "nobody", "someone",
    }
)  # fmt: skip

# Lower-case words that may join capitalised words into one name (Chair of the NATO
# Military Committee; Ursula von der Leyen; Ministry for Foreign Affairs).
_NAME_CONNECTORS = frozenset(
    {"of", "the", "for", "de", "del", "della", "di", "da", "du", "des", "van", "von", "der",
     "den", "la", "le", "al", "el", "bin", "ibn", "&"}
)  # fmt: skip
_MAX_CONNECTORS = 2

# Skipped between a subject and its reporting verb: auxiliaries and a few adverbs (words
# ending in -ly are skipped too).
_BETWEEN_SUBJECT_AND_VERB = frozenset(
    {"has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "can",
     "may", "might", "should", "must", "shall", "did", "does", "do", "also", "then",
     "later", "again", "once", "previously", "not", "never", "already", "just",
     "reportedly"}
)  # fmt: skip

# A name right after one of these is not the subject of the verb that follows it
# ("officials in Moscow said"); "of" and "for" are missing on purpose: "a spokesman for
# the Kremlin said" attributes to the Kremlin.
_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "across", "inside", "outside", "within", "to", "with", "by",
     "on", "over", "under", "against", "after", "before", "between", "among", "about",
     "into", "through", "toward", "towards", "like", "than"}
)  # fmt: skip

_SPEAKER_PRONOUNS = frozenset({"he", "she"})
_OBJECT_PRONOUNS = frozenset({"him", "her"})
# Verbs whose following name is the addressee or the thing described, not the speaker.
_NO_INVERSION = frozenset({"tell", "tells", "told", "telling", "called", "urged"})
_MAX_WORDS_BEFORE_NAME = 3  # inverted order: "said the ministry's spokeswoman, Maria ..."
_MAX_WORDS_AFTER_ACCORDING = 4  # "according to a statement from the Kremlin"
_MAX_APPOSITIVE_TOKENS = 15
_MAX_ABBREVIATION = 4  # "Adm", "Gen", "Dr", "U.S" before a full stop joined into a name

_OPENING_MARKS = {"“": "”", "«": "»", '"': '"'}
_CLOSING_MARKS = frozenset({"”", "»", '"'})
_QUOTE_MARK = re.compile(r"[“”«»\"]")
_BEFORE_OPENING = frozenset("([{—–-/")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-…")
_SENTENCE_END = re.compile(r"[.?!…][\])]?\s*\Z")
_TERMINAL = re.compile(r"([.?!…‽]+)[^\w.?!…‽]*\Z")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_DIGIT = re.compile(r"\d")
_NUMERIC = re.compile(r"[$€£¥]?\d")  # a number starts with a digit; MH17 or F-16 is a name
_DAY_NUMBER = re.compile(r"(?:[12]?\d|3[01])(?:st|nd|rd|th)?")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_POSSESSIVE = ("'s", "’s", "'S", "’S")

_KEYCAP_MARKS = frozenset({"\ufe0f", "\u20e3"})


@cache
def acronyms() -> frozenset[str]:
    """The allow-list of acronyms that are not counted as ALL-CAPS words.

    Read once from the package data file ``slant/data/acronyms.txt`` (one entry a line,
    ``#`` comments; provenance in the file's header).

    Returns
    -------
    frozenset of str
        The entries, exactly as written.
    """
    source = resources.files("slant").joinpath("data", "acronyms.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


# --- the registry ----------------------------------------------------------------------

_NAN = float("nan")
_NO_WORDS = "the text has no words"
_NO_BLOCKS = "no block of the text holds a word"
_NO_PARAGRAPHS = "the text has no body paragraph with a word (only headings, lists or quotes)"
# Sentences without a word (a line of emoji, a lone "#") are left out of every sentence
# count below, so "no sentence" always means "no sentence with a word".
_NO_RUNNING = "the text has no sentence with a word outside headings"
_NO_SENTENCES = "the text has no sentence with a word"
_PER_100 = "per 100 words"
_OWN_COUNT = ""  # our own count: no external citation

_KIND_LABEL: dict[BlockKind, str] = {
    "heading": "heading",
    "list_item": "list item",
    "quote": "quotation block",
    "body": "body paragraph",
}


def _block_metrics() -> tuple[Metric, ...]:
    counts = tuple(
        Metric(
            name=f"{kind}_blocks",
            family="structure",
            label=f"{_KIND_LABEL[kind].capitalize()}s (count)",
            unit="blocks",
            direction=f"higher means more {_KIND_LABEL[kind]}s",
            definition=f"How many blocks of the text the parser read as {_KIND_LABEL[kind]}s.",
            comparable=False,
            needs="paragraphs",
        )
        for kind in BLOCK_KINDS
    )
    shares = tuple(
        Metric(
            name=f"{kind}_block_share",
            family="structure",
            label=f"Share of blocks: {_KIND_LABEL[kind]}s",
            unit="share of blocks",
            direction=f"higher means more of the layout is {_KIND_LABEL[kind]}s",
            definition=(
                f"The share of the text's blocks (paragraph-like units) that are "
                f"{_KIND_LABEL[kind]}s."
            ),
            needs="paragraphs",
            finite=False,
            nan_when=_NO_BLOCKS,
        )
        for kind in BLOCK_KINDS
    )
    return counts + shares


METRICS: tuple[Metric, ...] = (
    *_block_metrics(),
    Metric(
        name="paragraph_length_mean",
        family="structure",
        label="Words per paragraph (mean)",
        unit="words",
        direction="higher means longer paragraphs",
        definition="The average number of words in a body paragraph.",
        needs="paragraphs",
        finite=False,
        nan_when=_NO_PARAGRAPHS,
    ),
    Metric(
        name="paragraph_length_median",
        family="structure",
        label="Words per paragraph (median)",
        unit="words",
        direction="higher means longer paragraphs",
        definition="The middle value of the body paragraphs' word counts.",
        needs="paragraphs",
        finite=False,
        nan_when=_NO_PARAGRAPHS,
    ),
    Metric(
        name="paragraph_length_sd",
        family="structure",
        label="Words per paragraph (SD)",
        unit="words",
        direction="higher means paragraph lengths vary more",
        definition=(
            "How much body paragraph lengths vary around their average (standard deviation)."
        ),
        needs="paragraphs",
        finite=False,
        nan_when="the text has fewer than two body paragraphs with a word",
    ),
    Metric(
        name="one_sentence_paragraph_share",
        family="structure",
        label="One-sentence paragraphs",
        unit="share of paragraphs",
        direction="higher means more paragraphs of a single sentence",
        definition="The share of body paragraphs that consist of one sentence.",
        needs="paragraphs",
        finite=False,
        nan_when=_NO_PARAGRAPHS,
    ),
    Metric(
        name="sentence_length_mean",
        family="structure",
        label="Sentence length, headings left out (mean)",
        unit="words",
        direction="higher means longer sentences",
        definition=(
            "The average number of words in a sentence of the running text (headings left out)."
        ),
        finite=False,
        nan_when=_NO_RUNNING,
    ),
    Metric(
        name="sentence_length_sd",
        family="structure",
        label="Sentence length, headings left out (SD)",
        unit="words",
        direction="higher means sentence lengths vary more",
        definition=(
            "How much running-text sentence lengths vary around their average (standard deviation)."
        ),
        finite=False,
        nan_when="the text has fewer than two sentences with a word outside headings",
    ),
    Metric(
        name="sentence_length_cv",
        family="structure",
        label="Sentence length variation (CV)",
        unit="ratio",
        direction="higher means a more uneven rhythm of long and short sentences",
        definition=(
            "The standard deviation of running-text sentence lengths divided by their "
            "average, so texts with long and short sentences can be compared."
        ),
        finite=False,
        nan_when="the text has fewer than two sentences with a word outside headings",
    ),
    Metric(
        name="fragment_share",
        family="structure",
        label="Fragments",
        unit="share of sentences",
        direction="higher means more very short sentences",
        definition=(
            f"The share of running-text sentences that have {FRAGMENT_MAX_WORDS} words or fewer."
        ),
        finite=False,
        nan_when=_NO_RUNNING,
    ),
    Metric(
        name="question_share",
        family="structure",
        label="Questions",
        unit="share of sentences",
        direction="higher means more questions",
        definition="The share of sentences, headings included, that end with a question mark.",
        finite=False,
        nan_when=_NO_SENTENCES,
    ),
    Metric(
        name="exclamation_share",
        family="structure",
        label="Exclamations",
        unit="share of sentences",
        direction="higher means more exclamations",
        definition="The share of sentences, headings included, that end with an exclamation mark.",
        finite=False,
        nan_when=_NO_SENTENCES,
    ),
    Metric(
        name="headings_per_100_words",
        family="structure",
        label="Headings",
        unit=_PER_100,
        direction="higher means the text is cut into more headed sections",
        definition="How many headings the text has for every 100 words.",
        needs="paragraphs",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="list_items_per_100_words",
        family="structure",
        label="List items",
        unit=_PER_100,
        direction="higher means more content is set out as lists",
        definition="How many list items the text has for every 100 words.",
        needs="paragraphs",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="emoji_per_100_words",
        family="structure",
        label="Emoji",
        unit=_PER_100,
        direction="higher means more emoji",
        definition="How many emoji the text has for every 100 words (a keycap like 1️⃣ is one).",
        citation="Unicode Technical Standard #51 (Unicode Emoji), emoji-data.txt.",
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="allcaps_words_per_100_words",
        family="structure",
        label="ALL-CAPS words",
        unit=_PER_100,
        direction="higher means more words written in capitals for emphasis",
        definition=(
            "How many words of two or more letters are written all in capitals for every "
            "100 words, not counting known acronyms such as NATO or UN."
        ),
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="quotation_count",
        family="structure",
        label="Quotations (count)",
        unit="quotations",
        direction="higher means more quoted passages",
        definition="How many passages stand between double quotation marks.",
        comparable=False,
        needs="none",
    ),
    Metric(
        name="attributed_quotation_count",
        family="structure",
        label="Quotations with a named speaker (count)",
        unit="quotations",
        direction="higher means more quotations tied to a named speaker",
        definition=(
            "How many quotations have a named speaker (a name or title with a verb such "
            "as said or told) in the same or the neighbouring sentence."
        ),
        comparable=False,
        needs="none",
    ),
    Metric(
        name="unattributed_quotation_count",
        family="structure",
        label="Quotations without a named speaker (count)",
        unit="quotations",
        direction="higher means more quotations nobody is named as saying",
        definition=(
            "How many quotations have no named speaker in the same or the neighbouring sentence."
        ),
        comparable=False,
        needs="none",
    ),
    Metric(
        name="quotations_per_100_words",
        family="structure",
        label="Quotations",
        unit=_PER_100,
        direction="higher means more quoted passages",
        definition=(
            "How many passages between double quotation marks the text has for every 100 words."
        ),
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="quoted_word_share",
        family="structure",
        label="Quoted words",
        unit="share of words",
        direction="higher means more of the text is other people's words",
        definition="The share of the text's words that stand between double quotation marks.",
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="attributed_quotation_share",
        family="structure",
        label="Quotations with a named speaker",
        unit="share of quotations",
        direction="higher means more quotations are tied to a named speaker",
        definition=(
            "The share of quotations whose nearest reporting verb (said, told, "
            "according to, ...) has a named speaker."
        ),
        finite=False,
        nan_when="the text has no quotation",
    ),
    Metric(
        name="reporting_verbs_per_100_words",
        family="structure",
        label="Reporting verbs",
        unit=_PER_100,
        direction="higher means more statements are reported as someone's words",
        definition=(
            "How many reporting verbs (said, told, warned, according to, ...) stand outside "
            "quotations for every 100 words."
        ),
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="numbers_per_100_words",
        family="structure",
        label="Numbers",
        unit=_PER_100,
        direction="higher means more numerical detail",
        definition=(
            "How many numbers, in digits or words (two, hundred, million), the text has for "
            "every 100 words."
        ),
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="dates_per_100_words",
        family="structure",
        label="Dates",
        unit=_PER_100,
        direction="higher means more events are pinned to a date",
        definition=(
            "How many dates (month names, weekdays, written dates) the text has for every "
            "100 words."
        ),
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
    Metric(
        name="named_sources_per_100_words",
        family="structure",
        label="Named sources",
        unit=_PER_100,
        direction="higher means more people and bodies are named",
        definition=(
            "How many names of two or more capitalised words, plus one-word names given as "
            "a speaker, the text has for every 100 words."
        ),
        needs="none",
        finite=False,
        nan_when=_NO_WORDS,
    ),
)

register(*METRICS)

_METRIC_NAMES = tuple(metric.name for metric in METRICS)


# --- quotations ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation and its attribution.

    This record is a stable interface: rhetoric.py and the notebooks read it (scare
    quotes are short quotations with ``attributed`` False). New fields are only ever
    added at the end, with defaults.

    Attributes
    ----------
    start, end : int
        Offsets of the opening mark and just after the closing mark, so
        ``parsed.text[start:end]`` is the quotation *with* its marks.
    text : str
        ``parsed.text[start:end]``.
    words : int
        Word tokens between the marks.
    speaker : tuple of (int, int) or None
        Span of the named speaker (a name, or the pronoun *he*/*she* that refers to one);
        None when no named speaker was found.
    reporting_verb : tuple of (int, int) or None
        Span of the reporting verb that decided the attribution (it may have no named
        speaker, e.g. ``leaders can say``); None when no reporting verb is near.
    attributed : bool
        True when ``speaker`` is not None.
    block_index : int
        Index of the block holding the quotation.
    antecedent : tuple of (int, int) or None
        When ``speaker`` is a pronoun, the span of the named source it was resolved to.
    closed : bool
        False for a quotation that runs on into a new paragraph without a closing mark
        (the news convention); its span then ends at the end of its last sentence.
    """

    start: int
    end: int
    text: str
    words: int
    speaker: tuple[int, int] | None
    reporting_verb: tuple[int, int] | None
    attributed: bool
    block_index: int = 0
    antecedent: tuple[int, int] | None = None
    closed: bool = True

    @property
    def inner(self) -> str:
        """The quoted words without the quotation marks."""
        return self.text[1:-1] if self.closed else self.text[1:]


@dataclass(frozen=True, slots=True)
class _Speaker:
    start: int
    end: int
    rule: str  # "name", "pronoun", "after verb", "according to"
    antecedent: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Report:
    """A reporting verb found outside quotations, with its speaker if it has one."""

    start: int
    end: int
    view: int  # position of its sentence in the flat sentence list
    speaker: _Speaker | None


@dataclass(slots=True)
class _View:
    """A sentence with the facts every rule needs, computed once per document."""

    tokens: tuple[Token, ...]
    words: int
    kind: BlockKind
    block_index: int
    section: int
    start: int
    end: int
    text: str
    first_word: int  # token index of the first word token, -1 when none


@dataclass(slots=True)
class _Document:
    text: str
    views: list[_View]
    quote_spans: list[_QuoteSpan]
    known_names: frozenset[str]  # capitalised inside a sentence somewhere
    lower_words: frozenset[str]  # written in lower case somewhere
    # Sentences and quotation spans are each in reading order and never overlap, so their
    # ends are sorted too: lookups bisect these instead of scanning every span (a scan per
    # quotation made long texts quadratic).
    view_ends: list[int] = field(default_factory=list)
    quote_ends: list[int] = field(default_factory=list)


def _key(token: Token) -> str:
    norm = token.norm
    if norm.endswith(_POSSESSIVE):
        norm = norm[:-2]
    return norm.lower()


def _prepare(parsed: ParsedDocument) -> _Document:
    views: list[_View] = []
    quote_spans: list[_QuoteSpan] = []
    section = 0
    blocks = parsed.blocks
    for number, block in enumerate(blocks):
        if block.kind == "heading":
            section += 1
            block_section = section
            section += 1
        else:
            block_section = section
        continued = number + 1 < len(blocks) and blocks[number + 1].text[:1] in _OPENING_MARKS
        quote_spans.extend(_find_quotes(block.text, block.start, block.index, continued))
        for sentence in block.sentences:
            tokens = sentence.tokens
            first_word = next((i for i, t in enumerate(tokens) if t.is_word), -1)
            views.append(
                _View(
                    tokens=tokens,
                    words=sum(1 for t in tokens if t.is_word),
                    kind=block.kind,
                    block_index=block.index,
                    section=block_section,
                    start=sentence.start,
                    end=sentence.end,
                    text=sentence.text,
                    first_word=first_word,
                )
            )
    lower_words = frozenset(
        _key(t) for v in views for t in v.tokens if t.is_word and t.text[:1].islower()
    )
    return _Document(
        parsed.text,
        views,
        quote_spans,
        _known_names(parsed.text, views),
        lower_words,
        view_ends=[v.end for v in views],
        quote_ends=[q.end for q in quote_spans],
    )


def _overlapping_views(doc: _Document, start: int, end: int) -> range:
    """Positions of the sentences that overlap ``[start, end)``."""
    first = bisect.bisect_right(doc.view_ends, start)
    last = first
    while last < len(doc.views) and doc.views[last].start < end:
        last += 1
    return range(first, last)


def _reports_of(reports: Sequence[_Report], first: int, last: int) -> Sequence[_Report]:
    """The reports whose sentence position lies in ``first..last`` (reports are in order)."""
    low = bisect.bisect_left(reports, first, key=lambda r: r.view)
    high = bisect.bisect_right(reports, last, key=lambda r: r.view)
    return reports[low:high]


@dataclass(frozen=True, slots=True)
class _QuoteSpan:
    start: int
    end: int
    block_index: int
    closed: bool


def _straight_quote_opens(text: str, position: int, is_open: bool) -> bool:
    """Whether a straight ``"`` at ``position`` opens (True) or closes a quotation."""
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    can_open = before.isspace() or before in _BEFORE_OPENING
    can_close = after.isspace() or after in _AFTER_CLOSING
    if can_open != can_close:
        return can_open
    return not is_open


def _find_quotes(text: str, offset: int, block_index: int, continued: bool) -> list[_QuoteSpan]:
    """Pair double quotation marks inside one block (see the module notes).

    ``continued`` tells that the next block opens with a quotation mark, so a quotation
    left open at the end of this block runs on into it (the news convention).
    """
    spans: list[_QuoteSpan] = []
    open_at = -1
    closing = ""
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group()
        position = match.start()
        if mark == '"':
            opens = _straight_quote_opens(text, position, open_at >= 0 and closing == '"')
        else:
            opens = mark in _OPENING_MARKS
        if not opens:
            if open_at >= 0 and mark == closing:
                spans.append(_QuoteSpan(offset + open_at, offset + position + 1, block_index, True))
                open_at = -1
            continue
        if open_at >= 0 and _SENTENCE_END.search(text, open_at, position):
            # a quotation left open before a new opening mark runs on (news convention)
            end = len(text[:position].rstrip())
            spans.append(_QuoteSpan(offset + open_at, offset + end, block_index, False))
        open_at = position
        closing = _OPENING_MARKS[mark]
    if open_at >= 0 and continued:
        spans.append(_QuoteSpan(offset + open_at, offset + len(text.rstrip()), block_index, False))
    return spans


def _after_opening_quote(text: str, token: Token) -> bool:
    return token.start > 0 and text[token.start - 1] in _OPENING_MARKS


def _known_names(text: str, views: Sequence[_View]) -> frozenset[str]:
    """Capitalised words seen inside a sentence (not first, not after a quote mark)."""
    known: set[str] = set()
    for view in views:
        if view.kind == "heading":
            continue
        for index, token in enumerate(view.tokens):
            if (
                index != view.first_word
                and token.is_word
                and token.text[:1].isupper()
                and not _after_opening_quote(text, token)
            ):
                known.add(_key(token))
    return frozenset(known)


def _capitalised_candidate(token: Token) -> bool:
    if not token.is_word or not token.text[:1].isupper():
        return False
    key = _key(token)
    return key not in _NOT_NAMES and key not in _MONTHS and key not in _WEEKDAYS


def _is_name_word(doc: _Document, view: _View, index: int) -> bool:
    """Whether token ``index`` of ``view`` can be part of a capitalised name."""
    tokens = view.tokens
    if index < 0 or index >= len(tokens):
        return False
    token = tokens[index]
    if not _capitalised_candidate(token):
        return False
    if index != view.first_word:
        return True
    if _key(token) in doc.known_names:
        return True
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        return False
    if _capitalised_candidate(following):
        return True
    # an abbreviated title opening the sentence: "Adm. Giuseppe ..."
    return (
        following.text == "."
        and following.start == token.end
        and len(token.text) <= _MAX_ABBREVIATION
        and index + 2 < len(tokens)
        and _capitalised_candidate(tokens[index + 2])
    )


def _is_abbreviation_stop(doc: _Document, view: _View, index: int) -> bool:
    """A full stop glued to a short capitalised word (``Adm`` ``.``)."""
    tokens = view.tokens
    if index < 1 or tokens[index].text != ".":
        return False
    before = tokens[index - 1]
    return (
        before.end == tokens[index].start
        and len(before.text) <= _MAX_ABBREVIATION
        and _is_name_word(doc, view, index - 1)
    )


def _name_start(doc: _Document, view: _View, end_index: int) -> int | None:
    """Token index where the capitalised name ending at ``end_index`` starts."""
    if not _is_name_word(doc, view, end_index):
        return None
    tokens = view.tokens
    start = end_index
    while start > 0:
        previous = start - 1
        if _is_name_word(doc, view, previous):
            start = previous
            continue
        if _is_abbreviation_stop(doc, view, previous):
            start = previous - 1
            continue
        cursor = previous
        joined = 0
        while cursor >= 0 and joined < _MAX_CONNECTORS and tokens[cursor].norm in _NAME_CONNECTORS:
            cursor -= 1
            joined += 1
        if joined and _is_name_word(doc, view, cursor):
            start = cursor
            continue
        break
    return start


def _name_end(doc: _Document, view: _View, start_index: int) -> int | None:
    """Token index where the capitalised name starting at ``start_index`` ends."""
    if not _is_name_word(doc, view, start_index):
        return None
    tokens = view.tokens
    end = start_index
    while end + 1 < len(tokens):
        following = end + 1
        if _is_name_word(doc, view, following):
            end = following
            continue
        if _is_abbreviation_stop(doc, view, following) and _is_name_word(doc, view, following + 1):
            end = following + 1
            continue
        cursor = following
        joined = 0
        while (
            cursor < len(tokens)
            and joined < _MAX_CONNECTORS
            and tokens[cursor].norm in _NAME_CONNECTORS
        ):
            cursor += 1
            joined += 1
        if joined and _is_name_word(doc, view, cursor):
            end = cursor
            continue
        break
    return end


def _name_words(view: _View, start: int, end: int) -> int:
    return sum(1 for t in view.tokens[start : end + 1] if t.is_word and t.text[:1].isupper())


def _inside_quote(doc: _Document, start: int, end: int) -> bool:
    index = bisect.bisect_right(doc.quote_ends, start)  # first quotation ending after start
    return index < len(doc.quote_spans) and doc.quote_spans[index].start < end


def _reporting_verbs(doc: _Document, position: int) -> list[tuple[int, int]]:
    """Token index ranges (first, last) of the reporting verbs of one sentence."""
    view = doc.views[position]
    tokens = view.tokens
    found: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if not token.is_word:
            continue
        norm = token.norm.lower()
        if norm == "according":
            following = index + 1
            if (
                following < len(tokens)
                and tokens[following].norm.lower() == "to"
                and not _inside_quote(doc, token.start, tokens[following].end)
            ):
                found.append((index, following))
            continue
        if norm not in REPORTING_VERBS or _inside_quote(doc, token.start, token.end):
            continue
        if norm == "called" and _is_so_called(tokens, index):
            continue
        found.append((index, index))
    return found


def _is_so_called(tokens: Sequence[Token], index: int) -> bool:
    # "so-called" split by the tokenizer into "so", "-", "called"
    return (
        index >= 2
        and tokens[index - 1].text in {"-", "‐", "‑"}
        and tokens[index - 2].norm.lower() == "so"
    )


def _skip_back(view: _View, index: int) -> int:
    tokens = view.tokens
    while index >= 0:
        norm = tokens[index].norm.lower()
        if tokens[index].is_word and (
            norm in _BETWEEN_SUBJECT_AND_VERB or (norm.endswith("ly") and norm.islower())
        ):
            index -= 1
            continue
        break
    return index


def _subject_speaker(
    doc: _Document, position: int, verb_index: int, reports: Sequence[_Report]
) -> _Speaker | None:
    """Rules 1 and 2: a name or he/she just before the verb."""
    view = doc.views[position]
    tokens = view.tokens
    index = _skip_back(view, verb_index - 1)
    if index < 0:
        return None
    token = tokens[index]
    if token.is_word and token.norm.lower() in _SPEAKER_PRONOUNS:
        antecedent = _antecedent(doc, position, token.start, reports)
        if antecedent is None:
            return None
        return _Speaker(token.start, token.end, "pronoun", antecedent)
    if token.text == ",":
        return _appositive_speaker(doc, view, index)
    if token.norm.lower() == "who" and index >= 2 and tokens[index - 1].text == ",":
        # a relative clause: "Queen Elizabeth II, who said ..."
        start = _name_start(doc, view, index - 2)
        if start is None:
            return None
        return _Speaker(tokens[start].start, tokens[index - 2].end, "name")
    start = _name_start(doc, view, index)
    if start is not None:
        if _after_preposition(view, start):
            return None  # "Officials in Moscow said": the name is not the subject
        return _Speaker(tokens[start].start, token.end, "name")
    if index == view.first_word and _lone_initial_name(doc, token):
        return _Speaker(token.start, token.end, "name")
    return _possessive_title(doc, view, index)


def _after_preposition(view: _View, start: int) -> bool:
    """Whether the name starting at token ``start`` is the object of a preposition."""
    index = start - 1
    while index >= 0 and view.tokens[index].norm.lower() in {"the", "a", "an"}:
        index -= 1
    return index >= 0 and view.tokens[index].norm.lower() in _PREPOSITIONS


def _possessive_title(doc: _Document, view: _View, index: int) -> _Speaker | None:
    """Rule 1b: a name's title before the verb: *Russia's foreign ministry said*."""
    tokens = view.tokens
    cursor = index
    lower = 0
    while cursor >= 0 and lower < _MAX_WORDS_BEFORE_NAME:
        token = tokens[cursor]
        if not (token.is_word and token.norm.islower() and not token.norm.endswith(_POSSESSIVE)):
            break
        cursor -= 1
        lower += 1
    if lower == 0 or cursor < 0:
        return None
    owner = tokens[cursor]
    if owner.norm in _POSSESSIVE:  # the tokenizer split "Russia" + "'s"
        cursor -= 1
    elif not owner.norm.endswith(_POSSESSIVE):
        return None
    start = _name_start(doc, view, cursor)
    if start is None and cursor == view.first_word and _lone_initial_name(doc, tokens[cursor]):
        start = cursor
    if start is None:
        return None
    return _Speaker(tokens[start].start, tokens[index].end, "name")


def _lone_initial_name(doc: _Document, token: Token) -> bool:
    """Tell whether a lone capitalised word opening a sentence is a name.

    Used right before a reporting verb (*Zakharova said*): a name unless it is a generic
    subject (*Officials said*) or is written in lower case elsewhere in the document.
    """
    key = _key(token)
    return (
        _capitalised_candidate(token)
        and key not in _GENERIC_SUBJECTS
        and key not in doc.lower_words
    )


def _appositive_speaker(doc: _Document, view: _View, comma: int) -> _Speaker | None:
    tokens = view.tokens
    inner_end = comma - 1
    lowest = max(0, comma - _MAX_APPOSITIVE_TOKENS)
    for earlier in range(comma - 1, lowest - 1, -1):
        if tokens[earlier].text == ",":
            head = _name_start(doc, view, earlier - 1)
            if (
                head is None
                and earlier - 1 == view.first_word
                and _lone_initial_name(doc, tokens[earlier - 1])
            ):
                head = earlier - 1
            if head is not None:
                return _Speaker(tokens[head].start, tokens[earlier - 1].end, "name")
            break
    start = _name_start(doc, view, inner_end)
    if start is None:
        return None
    return _Speaker(tokens[start].start, tokens[inner_end].end, "name")


def _name_after(doc: _Document, view: _View, index: int, max_lower: int) -> _Speaker | None:
    """A capitalised name starting at ``index``, after *the* and a few lower-case words."""
    tokens = view.tokens
    lower = 0
    while index < len(tokens):
        token = tokens[index]
        if _is_name_word(doc, view, index):
            end = _name_end(doc, view, index)
            if end is None:  # pragma: no cover - _is_name_word guarantees a name
                return None
            return _Speaker(token.start, tokens[end].end, "name")
        if token.text == "," or (token.is_word and token.norm.islower() and lower < max_lower):
            lower += token.is_word
            index += 1
            continue
        return None
    return None


def _inverted_speaker(doc: _Document, position: int, first: int, last: int) -> _Speaker | None:
    """Rule 3: ``…,” said Maria Zakharova``."""
    view = doc.views[position]
    tokens = view.tokens
    if tokens[first].norm.lower() in _NO_INVERSION or first == 0:
        return None
    if tokens[first - 1].text not in {",", *_CLOSING_MARKS}:
        return None
    speaker = _name_after(doc, view, last + 1, _MAX_WORDS_BEFORE_NAME)
    if speaker is None:
        return None
    return _Speaker(speaker.start, speaker.end, "after verb")


def _according_speaker(
    doc: _Document, position: int, last: int, reports: Sequence[_Report]
) -> _Speaker | None:
    """Rule 4: ``according to (the) Name`` or ``according to him/her``."""
    view = doc.views[position]
    tokens = view.tokens
    following = last + 1
    if following < len(tokens) and tokens[following].norm.lower() in _OBJECT_PRONOUNS:
        token = tokens[following]
        antecedent = _antecedent(doc, position, token.start, reports)
        if antecedent is None:
            return None
        return _Speaker(token.start, token.end, "pronoun", antecedent)
    speaker = _name_after(doc, view, following, _MAX_WORDS_AFTER_ACCORDING)
    if speaker is None:
        return None
    return _Speaker(speaker.start, speaker.end, "according to")


def _initial_name(doc: _Document, view: _View) -> tuple[int, int] | None:
    if view.first_word < 0:
        return None
    end = _name_end(doc, view, view.first_word)
    if end is None:
        return None
    return (view.tokens[view.first_word].start, view.tokens[end].end)


def _antecedent(
    doc: _Document, position: int, before: int, reports: Sequence[_Report]
) -> tuple[int, int] | None:
    """The nearest named source a he/she may refer to (rule 2), or None."""
    section = doc.views[position].section
    lowest = position - PRONOUN_WINDOW
    for candidate in range(position, lowest - 1, -1):
        if candidate < 0:
            break
        view = doc.views[candidate]
        if view.section != section:
            break
        spans = [
            # a resolved he/she hands on the name it refers to
            r.speaker.antecedent or (r.speaker.start, r.speaker.end)
            for r in _reports_of(reports, candidate, candidate)
            if r.speaker is not None
        ]
        initial = _initial_name(doc, view)
        if initial is not None:
            spans.append(initial)
        spans = [span for span in spans if span[1] <= before]
        if spans:
            return max(spans)
    return None


def _find_reports(doc: _Document) -> list[_Report]:
    reports: list[_Report] = []
    for position, view in enumerate(doc.views):
        if view.words == 0:
            continue
        for first, last in _reporting_verbs(doc, position):
            tokens = view.tokens
            if view.kind == "heading":
                # headings capitalise every word, so capitals cannot show a name there
                speaker = None
            elif tokens[first].norm.lower() == "according":
                speaker = _according_speaker(doc, position, last, reports)
            else:
                speaker = _subject_speaker(doc, position, first, reports)
                if speaker is None:
                    speaker = _inverted_speaker(doc, position, first, last)
            reports.append(_Report(tokens[first].start, tokens[last].end, position, speaker))
    return reports


def _deciding_report(
    doc: _Document, start: int, end: int, reports: Sequence[_Report]
) -> _Report | None:
    """The reporting verb that decides a quotation's attribution (see module notes)."""
    overlapping = _overlapping_views(doc, start, end)
    if not overlapping:
        return None
    first, last = overlapping[0], overlapping[-1]
    own = _reports_of(reports, first, last)
    if own:
        return min(own, key=lambda r: start - r.end if r.end <= start else r.start - end)
    section = doc.views[first].section
    before = first - 1
    if before >= 0 and doc.views[before].section == section:
        earlier = _reports_of(reports, before, before)
        if earlier:
            return earlier[-1]
    after = last + 1
    if after < len(doc.views) and doc.views[after].section == doc.views[last].section:
        later = _reports_of(reports, after, after)
        if later:
            return later[0]
    return None


def _quotations(doc: _Document, reports: Sequence[_Report]) -> list[Quotation]:
    found: list[Quotation] = []
    previous: _Report | None = None  # the deciding verb of an open (run-on) quotation
    last_end = -1
    for span in doc.quote_spans:
        start, end = span.start, span.end
        inner_end = end - 1 if span.closed else end
        words = 0
        for position in _overlapping_views(doc, start, end):
            tokens = doc.views[position].tokens
            # tokens are in order and never overlap: bisect to the ones inside the marks
            low = bisect.bisect_right(tokens, start + 1, key=lambda t: t.end)
            high = bisect.bisect_left(tokens, inner_end, key=lambda t: t.start)
            words += sum(1 for token in tokens[low:high] if token.is_word)
        if words == 0:
            continue
        report = _deciding_report(doc, start, end, reports)
        if report is None and previous is not None and not doc.text[last_end:start].strip():
            report = previous  # the next paragraph of a run-on quotation: same speaker
        previous = report if not span.closed else None
        last_end = end
        speaker = report.speaker if report is not None else None
        found.append(
            Quotation(
                start=start,
                end=end,
                text=doc.text[start:end],
                words=words,
                speaker=(speaker.start, speaker.end) if speaker is not None else None,
                reporting_verb=(report.start, report.end) if report is not None else None,
                attributed=speaker is not None,
                block_index=span.block_index,
                antecedent=speaker.antecedent if speaker is not None else None,
                closed=span.closed,
            )
        )
    return found


def quotations(parsed: ParsedDocument) -> list[Quotation]:
    """Every quotation of a parsed document, with its speaker and reporting verb.

    The rules (which marks pair, what a reporting verb and a named speaker are, how the
    nearest verb decides) are set out in the module docstring. This function's
    signature and the :class:`Quotation` fields are a stable interface for rhetoric.py
    and the notebooks.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.

    Returns
    -------
    list of Quotation
        In reading order; empty when the text has no quotation.

    Examples
    --------
    >>> from slant.text import parse
    >>> text = 'Zakharova said the remarks were "an extremely irresponsible step".'
    >>> [q.attributed for q in quotations(parse(text))]
    [True]
    """
    return list(_analysis(parsed)[2])


#: The last parse analysed, with its prepared document, reports and quotations. profile()
#: runs the structure family and then rhetoric, which asks for the same quotations; one
#: entry keyed by identity (a parse is immutable) lets both share the work without holding
#: more than one document.
_LAST: list[tuple[ParsedDocument, _Document, list[_Report], tuple[Quotation, ...]]] = []
_LAST_LOCK = threading.Lock()


def _analysis(
    parsed: ParsedDocument,
) -> tuple[_Document, list[_Report], tuple[Quotation, ...]]:
    with _LAST_LOCK:
        if _LAST and _LAST[0][0] is parsed:
            _, doc, reports, found = _LAST[0]
            return doc, reports, found
    doc = _prepare(parsed)
    reports = _find_reports(doc)
    found = tuple(_quotations(doc, reports))
    with _LAST_LOCK:
        _LAST[:] = [(parsed, doc, reports, found)]
    return doc, reports, found


# --- the measurement -------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else _NAN


def _sample_sd(values: Sequence[int]) -> float:
    return statistics.stdev(values) if len(values) >= 2 else _NAN


def _terminal_marks(text: str) -> str:
    match = _TERMINAL.search(text)
    return match.group(1) if match else ""


def _allcaps_span(token: Token) -> tuple[int, int] | None:
    length = _allcaps_length(token.text)
    return (token.start, token.start + length) if length else None


@lru_cache(maxsize=16384)
def _allcaps_length(text: str) -> int:
    """Length of the ALL-CAPS part of a word (possessive left out), or 0 if not one."""
    if text.upper() != text or _DIGIT.search(text):  # fast exit for ordinary words
        return 0
    core = text[:-2] if text.endswith(_POSSESSIVE) else text
    letters = "".join(ch for ch in core if ch.isalpha())
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return 0
    allowed = acronyms()
    if core in allowed or core.rstrip(".") in allowed or letters in allowed:
        return 0
    if letters == core and _ROMAN_NUMERAL.fullmatch(letters):
        return 0
    return len(core)


def _is_keycap_digit(text: str, token: Token) -> bool:
    if any(ch in _KEYCAP_MARKS for ch in token.text):
        return True
    return token.end < len(text) and text[token.end] in _KEYCAP_MARKS


def _date_spans(view: _View) -> list[tuple[int, int]]:
    """Dates in one sentence as character spans (see the module notes)."""
    spans = [(view.start + m.start(), view.start + m.end()) for m in _ISO_DATE.finditer(view.text)]
    tokens = view.tokens
    words = [i for i, t in enumerate(tokens) if t.is_word]
    for position, index in enumerate(words):
        token = tokens[index]
        if not token.text[:1].isupper():
            continue
        key = token.norm.lower().rstrip(".")
        if key in _WEEKDAYS:
            spans.append((token.start, token.end))
            continue
        is_abbreviation = key in _MONTH_ABBREVIATIONS
        if key not in _MONTHS and not is_abbreviation:
            continue
        before = tokens[words[position - 1]] if position > 0 else None
        after = tokens[words[position + 1]] if position + 1 < len(words) else None
        day_before = before is not None and bool(_DAY_NUMBER.fullmatch(before.norm))
        day_after = after is not None and bool(
            _DAY_NUMBER.fullmatch(after.norm) or _YEAR.fullmatch(after.norm)
        )
        if key in _AMBIGUOUS_MONTHS or is_abbreviation:
            after_preposition = before is not None and before.norm.lower() in _DATE_PREPOSITIONS
            if not (day_before or day_after or (after_preposition and not is_abbreviation)):
                continue
        start = before.start if day_before and before is not None else token.start
        end = token.end
        if day_after and after is not None:
            end = after.end
            following = position + 2
            if (
                following < len(words)
                and _DAY_NUMBER.fullmatch(after.norm)
                and _YEAR.fullmatch(tokens[words[following]].norm)
            ):
                end = tokens[words[following]].end
        spans.append((start, end))
    return spans


@dataclass(slots=True)
class _Collector:
    """Evidence spans, or nothing when evidence is switched off."""

    enabled: bool
    spans: list[Evidence]

    def add(self, metric: str, start: int, end: int, label: str, note: str = "") -> None:
        if self.enabled:
            self.spans.append(Evidence(metric, start, end, label, note))

    def add_all(
        self, metric: str, spans: Iterable[tuple[int, int]], label: str, note: str = ""
    ) -> None:
        if self.enabled:
            self.spans.extend(Evidence(metric, s, e, label, note) for s, e in spans)


def measure(parsed: ParsedDocument, *, evidence: bool = True) -> Measurement:
    """Compute every structure metric for a parsed document.

    Formulas (``W`` = all word tokens; populations as in the module notes):

    * block shares: blocks of a kind / blocks holding a word;
    * paragraph length: words per body paragraph (mean, median, sample SD);
    * sentence length over running-text sentences: mean, sample SD, CV = SD / mean;
    * fragment share: running-text sentences of ≤ 3 words / running-text sentences;
    * question (exclamation) share: sentences whose final marks hold ``?`` (``!``) /
      all sentences holding a word;
    * rates: count × 100 / ``W`` (headings, list items, emoji, ALL-CAPS words,
      quotations, reporting verbs, numbers, dates, named sources);
    * quoted word share: words between quotation marks / ``W``;
    * attributed share: attributed quotations / quotations.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    evidence : bool, default True
        Collect the evidence spans (every heading, list item, emoji, ALL-CAPS word,
        fragment, one-sentence paragraph, question, exclamation, quotation, speaker,
        reporting verb, number, date and named source). Batch scoring can switch this off.

    Returns
    -------
    Measurement
        Family ``"structure"``; ``values`` holds one float per metric in :data:`METRICS`
        (NaN where the registry's ``nan_when`` says so).
    """
    doc, reports, quoted = _analysis(parsed)
    out = _Collector(evidence, [])
    values: dict[str, float] = {}
    n_words = sum(view.words for view in doc.views)

    # blocks and paragraphs
    block_words: dict[int, int] = {}
    sentences_in_block: dict[int, int] = {}
    for view in doc.views:
        if view.words:
            block_words[view.block_index] = block_words.get(view.block_index, 0) + view.words
            sentences_in_block[view.block_index] = sentences_in_block.get(view.block_index, 0) + 1
    counted_blocks = [b for b in parsed.blocks if b.index in block_words]
    paragraph_lengths: list[int] = []
    one_sentence = 0
    for kind in BLOCK_KINDS:
        of_kind = [b for b in counted_blocks if b.kind == kind]
        values[f"{kind}_blocks"] = float(len(of_kind))
        values[f"{kind}_block_share"] = _ratio(len(of_kind), len(counted_blocks))
        out.add_all(f"{kind}_blocks", ((b.start, b.end) for b in of_kind), _KIND_LABEL[kind])
    for block in counted_blocks:
        if block.kind == "heading":
            out.add("headings_per_100_words", block.start, block.end, "heading")
        elif block.kind == "list_item":
            out.add("list_items_per_100_words", block.start, block.end, "list item")
        elif block.kind == "body":
            paragraph_lengths.append(block_words[block.index])
            if sentences_in_block[block.index] == 1:
                one_sentence += 1
                out.add(
                    "one_sentence_paragraph_share",
                    block.start,
                    block.end,
                    "one-sentence paragraph",
                    f"A body paragraph of one sentence ({block_words[block.index]} words).",
                )
    values["paragraph_length_mean"] = (
        statistics.fmean(paragraph_lengths) if paragraph_lengths else _NAN
    )
    values["paragraph_length_median"] = (
        float(statistics.median(paragraph_lengths)) if paragraph_lengths else _NAN
    )
    values["paragraph_length_sd"] = _sample_sd(paragraph_lengths)
    values["one_sentence_paragraph_share"] = _ratio(one_sentence, len(paragraph_lengths))

    # sentences
    running = [v for v in doc.views if v.words and v.kind != "heading"]
    lengths = [v.words for v in running]
    mean_length = statistics.fmean(lengths) if lengths else _NAN
    sd_length = _sample_sd(lengths)
    values["sentence_length_mean"] = mean_length
    values["sentence_length_sd"] = sd_length
    values["sentence_length_cv"] = sd_length / mean_length if lengths else _NAN
    fragments = [v for v in running if v.words <= FRAGMENT_MAX_WORDS]
    values["fragment_share"] = _ratio(len(fragments), len(running))
    for view in fragments:
        out.add(
            "fragment_share",
            view.start,
            view.end,
            "fragment",
            f"A sentence of {view.words} word{'s' if view.words != 1 else ''}.",
        )
    with_words = [v for v in doc.views if v.words]
    questions = exclamations = 0
    for view in with_words:
        marks = _terminal_marks(view.text)
        if "?" in marks or "‽" in marks:
            questions += 1
            out.add("question_share", view.start, view.end, "question", "Ends with '?'.")
        if "!" in marks or "‽" in marks:
            exclamations += 1
            out.add("exclamation_share", view.start, view.end, "exclamation", "Ends with '!'.")
    values["question_share"] = _ratio(questions, len(with_words))
    values["exclamation_share"] = _ratio(exclamations, len(with_words))

    # layout rates
    values["headings_per_100_words"] = _ratio(100 * values["heading_blocks"], n_words)
    values["list_items_per_100_words"] = _ratio(100 * values["list_item_blocks"], n_words)
    emoji = [(b.start + s, b.start + e) for b in parsed.blocks for s, e in emoji_spans(b.text)]
    values["emoji_per_100_words"] = _ratio(100 * len(emoji), n_words)
    out.add_all("emoji_per_100_words", emoji, "emoji")
    allcaps = [
        span
        for view in doc.views
        for token in view.tokens
        if token.is_word and (span := _allcaps_span(token)) is not None
    ]
    values["allcaps_words_per_100_words"] = _ratio(100 * len(allcaps), n_words)
    out.add_all(
        "allcaps_words_per_100_words",
        allcaps,
        "ALL-CAPS word",
        "Written all in capitals and not on the acronym allow-list.",
    )

    # quotations and attribution
    found = list(quoted)
    attributed = [q for q in found if q.attributed]
    quoted_words = sum(q.words for q in found)
    values["quotation_count"] = float(len(found))
    values["attributed_quotation_count"] = float(len(attributed))
    values["unattributed_quotation_count"] = float(len(found) - len(attributed))
    values["quotations_per_100_words"] = _ratio(100 * len(found), n_words)
    values["quoted_word_share"] = _ratio(quoted_words, n_words)
    values["attributed_quotation_share"] = _ratio(len(attributed), len(found))
    values["reporting_verbs_per_100_words"] = _ratio(100 * len(reports), n_words)
    if evidence:
        _quotation_evidence(doc, found, reports, out)

    # specificity
    dates = [span for view in doc.views for span in _date_spans(view)]
    numbers = _number_spans(doc, dates)
    sources = _named_sources(doc, reports)
    values["numbers_per_100_words"] = _ratio(100 * len(numbers), n_words)
    values["dates_per_100_words"] = _ratio(100 * len(dates), n_words)
    values["named_sources_per_100_words"] = _ratio(100 * len(sources), n_words)
    out.add_all("numbers_per_100_words", numbers, "number")
    out.add_all("dates_per_100_words", dates, "date")
    out.add_all("named_sources_per_100_words", sources, "named source")

    ordered = {name: values[name] for name in _METRIC_NAMES}
    return Measurement("structure", ordered, tuple(out.spans))


def _quotation_evidence(
    doc: _Document, found: Sequence[Quotation], reports: Sequence[_Report], out: _Collector
) -> None:
    for quotation in found:
        out.add(
            "quoted_word_share",
            quotation.start,
            quotation.end,
            "quotation",
            f"{quotation.words} quoted word{'s' if quotation.words != 1 else ''}.",
        )
        out.add("quotations_per_100_words", quotation.start, quotation.end, "quotation")
        if quotation.attributed and quotation.speaker is not None:
            speaker = doc.text[quotation.speaker[0] : quotation.speaker[1]]
            note = f"Speaker: {speaker}."
            if quotation.antecedent is not None:
                named = doc.text[quotation.antecedent[0] : quotation.antecedent[1]]
                note = f"Speaker: {speaker} (referring to {named})."
            for metric in ("attributed_quotation_share", "attributed_quotation_count"):
                out.add(metric, quotation.start, quotation.end, "attributed quotation", note)
            out.add(
                "attributed_quotation_share",
                quotation.speaker[0],
                quotation.speaker[1],
                "speaker",
                "The named source the quotation is attributed to.",
            )
        else:
            if quotation.reporting_verb is not None:
                verb = doc.text[quotation.reporting_verb[0] : quotation.reporting_verb[1]]
                note = f"The nearest reporting verb, '{verb}', has no named speaker."
            else:
                note = "No reporting verb in this or the neighbouring sentence."
            for metric in ("attributed_quotation_share", "unattributed_quotation_count"):
                out.add(metric, quotation.start, quotation.end, "quotation without speaker", note)
    for report in reports:
        verb_note = "A reporting verb outside quotations."
        if report.speaker is not None:
            speaker = doc.text[report.speaker.start : report.speaker.end]
            verb_note = f"A reporting verb; speaker: {speaker}."
        out.add(
            "reporting_verbs_per_100_words", report.start, report.end, "reporting verb", verb_note
        )


def _number_spans(doc: _Document, dates: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    # A token overlaps a date when some date starting before the token's end reaches past
    # the token's start: sorted starts and a running maximum of ends answer that with one
    # bisection per token (a scan of every date per number was quadratic).
    ordered = sorted(dates)
    date_starts = [start for start, _ in ordered]
    furthest: list[int] = []
    for _, end in ordered:
        furthest.append(max(end, furthest[-1]) if furthest else end)
    spans: list[tuple[int, int]] = []
    for view in doc.views:
        for token in view.tokens:
            if not token.is_word:
                continue
            if _NUMERIC.match(token.text):
                if _is_keycap_digit(doc.text, token):
                    continue
            elif not any(part in NUMBER_WORDS for part in token.norm.lower().split("-")):
                continue
            before_end = bisect.bisect_left(date_starts, token.end)
            if before_end and furthest[before_end - 1] > token.start:
                continue
            spans.append((token.start, token.end))
    return spans


def _named_sources(doc: _Document, reports: Sequence[_Report]) -> list[tuple[int, int]]:
    """Multi-word capitalised names, plus one-word names that are speakers (outside headings)."""
    spans: list[tuple[int, int]] = []
    for view in doc.views:
        if view.kind == "heading" or view.words == 0:
            continue
        index = 0
        while index < len(view.tokens):
            end = _name_end(doc, view, index)
            if end is None:
                index += 1
                continue
            if _name_words(view, index, end) >= 2:
                spans.append((view.tokens[index].start, view.tokens[end].end))
            index = end + 1
    speakers = [
        (r.speaker.start, r.speaker.end)
        for r in reports
        if r.speaker is not None
        and r.speaker.rule != "pronoun"
        and doc.views[r.view].kind != "heading"
    ]
    for start, end in speakers:
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
    spans.sort()
    return spans
