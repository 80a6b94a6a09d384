"""Typography normalization, block detection, sentence splitting and word tokens.

Every object here carries ``start``/``end`` character offsets into the text that was
parsed, so ``text[start:end]`` always gives back the exact original characters. The
normalized form (straight quotes, ``...`` for an ellipsis, no stray space before
punctuation) is only ever used for scoring; it is stored beside the original, never
in place of it.

This module imports nothing from the rest of slant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "list_item", "quote", "body"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "list_item", "quote", "body")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation token.

    Attributes
    ----------
    start, end : int
        Offsets into the parsed text.
    text : str
        The exact original characters, ``source[start:end]``.
    norm : str
        The normalized form used for scoring (curly quotes straightened, etc.).
    is_word : bool
        True when the token contains at least one letter or digit.
    """

    start: int
    end: int
    text: str
    norm: str
    is_word: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence inside one block."""

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
    """A paragraph-like unit: a heading, a list item, a quotation or body text."""

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
