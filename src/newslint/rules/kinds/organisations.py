"""lowercase_organisation: an organisation's acronym or short name written in lower case in running
text ("nato allies", "the fed raised rates", "the un said"), a common result of machine translation
and of rewriting tools that lower-case the copy.

The forms come from the organisations of the curated dictionaries (built-in and the newsroom's): each
one-word canonical name, variant or alias with a capital letter ("NATO", "Nato", "FBI", "Fed",
"Hamas"). What a lower-case form may be decides how much context it needs:

* an acronym of three or more letters whose lower-case form is no English word (symspellpy's
  dictionary lacks it) and no common word of French, Spanish, German, Italian, Portuguese or Dutch
  ("nato", "fbi", "imf") is flagged wherever it stands alone in lower case;
* any other form ("un", "eu", "fed", "hamas": a short or foreign word, or a word English has) only
  after "the" or alone in brackets after a name ("Federal Reserve (fed)"), and not before a hyphen
  or "up" ("the fed-up voters", "the fed up"); ordinary words that are also short names ("house",
  "commons", "alliance", "who") are left alone (option `except`).
Addresses, handles and file names ("nato.int", "@nato") and documents written wholly in lower case
are left alone. The suggestion is the capitalised form the article itself uses, else the
dictionary's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Match, Span
from ..spec import Option
from .base import CheckContext, RuleKind

# what stands before or after a word of an address, a handle or a file name, not of prose
_ADDRESS_BEFORE = frozenset("/@#.\\_=-'’")
_ADDRESS_AFTER = re.compile(r"[./@_\\=][^\W_]|[-'’]")
_WORD = re.compile(r"[a-z]+")
_ARTICLE_BEFORE = re.compile(r"(?:^|[^\w])the\s+$", re.IGNORECASE)  # searched in the 12 characters before
_VERB_PARTICLE_AFTER = re.compile(r"\s+up\b", re.IGNORECASE)
_LOWER_CASE_DOCUMENT = 0.01  # capitals per letter below which a document is written in lower case
_LOWER_CASE_MIN_LETTERS = 200  # ... when it is that long (a short snippet may simply have no name)


def _is_acronym(form: str, acronyms: set[str]) -> bool:
    """'NATO', 'Nato' (an acronym that some house styles write as a word: its capitals are among
    `acronyms`, the dictionaries' all-capital forms) but not 'Fed' or 'Hamas'."""
    return form.isupper() or (len(form) >= 4 and form[0].isupper() and form[1:].islower() and form.upper() in acronyms)


class LowercaseOrganisation(RuleKind):
    """Flags an organisation's acronym or short name written in lower case."""

    CASE_FINAL = True  # its suggestions are the case fix itself

    OPTIONS = {
        "except": Option("str_list", "lower-case words never flagged: ordinary English words that are also an "
                         "organisation's short name", []),
        "min_acronym_length": Option("int", "an acronym this long or longer that is no word is flagged without "
                                     "context; shorter ones only after 'the'", 3, minimum=2),
        "max_foreign_zipf": Option("float", "a lower-case form at least this common (Zipf) in French, Spanish, German, "
                                   "Italian, Portuguese or Dutch needs 'the' before it ('un', 'eu')", 3.0),
    }

    def prepare(self) -> None:
        self._forms: dict[str, list[str]] | None = None  # lower-case form -> capitalised forms, dictionary order
        self._form_set: frozenset[str] = frozenset()  # its keys
        self._acronyms: set[str] = set()  # the dictionaries' all-capital organisation forms
        self._free: dict[str, bool] = {}  # form -> flagged without context (decided when first met in lower case)
        self._except = frozenset(w.casefold() for w in self.options["except"])

    def _load(self) -> None:
        """The organisations' one-word forms (from the curated dictionaries, made on the first
        document); the word lists that decide which need context are read only when a form is
        first found in lower case (_is_free)."""
        forms: dict[str, list[str]] = {}
        acronyms: set[str] = set()
        entries = [e for e in self.resources.curated_names.dictionary.entries if e.kind == "org"]
        for e in entries:
            for form in (e.canonical, *e.variants, *e.aliases):
                form = form.strip()
                if form.startswith("the "):
                    form = form[4:]
                if form.isupper() and form.isalpha():
                    acronyms.add(form)
        for e in entries:
            for form in (e.canonical, *e.variants, *e.aliases):
                form = form.strip()
                if form.startswith("the "):
                    form = form[4:]
                if not form.isalpha() or form.islower() or len(form) < 2 or not form.isascii():
                    continue
                low = form.lower()
                if low in self._except or (form[0].islower()):
                    continue  # ordinary words; "eBay"-style names are written so
                forms.setdefault(low, [])
                if form not in forms[low]:
                    forms[low].append(form)
        self._acronyms = acronyms
        self._forms = forms
        self._form_set = frozenset(forms)  # (a set against the document's set: the smaller is walked)

    def _is_free(self, low: str) -> bool:
        """Whether a lower-case form is flagged without context: an acronym of min_acronym_length
        letters or more that is no English word (symspellpy's dictionary) and no common word of the
        six other languages. Decided once per form, the cheap tests first (the English word list is
        read from the cache only when a document holds such a form in lower case)."""
        found = self._free.get(low)
        if found is None:
            assert self._forms is not None
            from ...resources import builtin_rules_dir
            from .foreign import _frequencies  # the shipped per-language word frequencies

            found = len(low) >= self.options["min_acronym_length"] \
                and all(_is_acronym(c, self._acronyms) for c in self._forms[low])
            if found:
                table = _frequencies(str(builtin_rules_dir() / "dictionaries" / "foreign_words.tsv"))
                limit = self.options["max_foreign_zipf"]
                found = not any(z >= limit for lang, z in table.zipf(low).items() if lang != "en")
            if found:
                from .spelling import _load_words, _symspell_words

                _load_words(self.resources)
                found = low not in _symspell_words()
            self._free[low] = found
        return found

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        if self._forms is None:
            self._load()
        assert self._forms is not None
        present = ctx.letter_run_set().intersection(self._form_set)
        if not present:
            return
        text = ctx.text
        lower_case_document: bool | None = None  # worked out at the first finding (most documents have none)
        for word in sorted(present):
            # the word, then the character before it (a pattern led by a literal is searched for fast)
            pattern = re.compile(rf"{re.escape(word)}(?<![^\W_]{re.escape(word)})(?![^\W_])")
            free: bool | None = None
            for m in pattern.finditer(text):
                start, end = m.span()
                if (start and text[start - 1] in _ADDRESS_BEFORE) or _ADDRESS_AFTER.match(text, end):
                    continue  # "nato.int", "@nato", "the fed-up voters"
                if free is None:
                    free = self._is_free(word)
                bracketed = start and text[start - 1] == "(" and text[end:end + 1] == ")"
                if not free and not bracketed:
                    if not _ARTICLE_BEFORE.search(text[max(0, start - 12):start]):
                        continue
                    if _VERB_PARTICLE_AFTER.match(text, end):
                        continue  # "the fed up"
                if lower_case_document is None:
                    letters = sum(map(str.isalpha, text))
                    lower_case_document = letters >= _LOWER_CASE_MIN_LETTERS \
                        and sum(map(str.isupper, text)) < _LOWER_CASE_DOCUMENT * letters
                if lower_case_document:
                    return  # a document written in lower case: no case is wrong in it
                fix = self._suggestion(text, word)
                yield Match(Span(start, end), (fix,), safe=free, message_vars=(("suggestion", fix),))

    def _suggestion(self, text: str, word: str) -> str:
        """The capitalised form the article uses ('Nato' in a paper that writes it so), else the
        dictionary's first."""
        assert self._forms is not None
        caps = self._forms[word]
        for form in caps:
            if re.search(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", text):
                return form
        return caps[0]
