"""One NameSource over the hand-curated NameIndex and the big open-data BigIndex.

The curated dictionary stays authoritative where both speak:
* a span the curated index knows (accepted, discouraged or a listed misspelling) is answered
  by the curated index alone;
* a big entry whose canonical name or variant is an accepted curated form of the same kind is
  the same person or place: lookups of its other spellings resolve to the curated entry (its
  titles and roles), and it is never offered as a correction target of its own;
* a big form with the same spelling as a curated form is dropped from the targets.
Entry ids do not collide: curated ids are list positions, big ids start at BIG_OFFSET.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .bigindex import BIG_OFFSET, NO_FORMS, BigIndex, _KnownTokens, damage_keys, form_key, normalise_damaged
from .dictionaries import ACCEPTED, CANONICAL, VARIANT, Dictionary, Entry, FormRef, NameIndex
from .textutil import fold


class EntriesView(Sequence[Entry]):
    """`names.entries[i]` for curated and big ids; iterating and len() cover the curated entries
    only (a million big entries are never listed)."""

    def __init__(self, names: CompositeNames) -> None:
        self._names = names

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return self._names.curated.entries[i]
        return self._names.entry(i)

    def __len__(self) -> int:
        return len(self._names.curated.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._names.curated.entries)


class CompositeNames:
    """NameSource over [curated NameIndex, BigIndex or None]."""

    def __init__(self, curated: NameIndex, big: BigIndex | None) -> None:
        self.curated = curated
        self.big = big
        self.dictionary: Dictionary = curated.dictionary
        self.entries = EntriesView(self)
        self.known_tokens = _KnownTokens(self.is_known_token)
        self.run_cache: dict[object, object] = {}
        self._shadow: dict[int, int | None] = {}
        self._with_token: dict[str, list[FormRef]] = {}
        self._lookups: dict[str, list[FormRef]] = {}
        self._form_tokens: dict[str, bool] = {}
        self._damaged: dict[str, list[FormRef]] = {}
        self._curated_damage: dict[str, list[FormRef]] | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.update(run_cache={}, _shadow={}, _with_token={}, _lookups={}, _form_tokens={}, _damaged={})
        return state

    # -- curated authority ----------------------------------------------------------------------
    def curated_twin(self, big_id: int) -> int | None:
        """The curated entry that is the same person/place as a big entry, or None."""
        if big_id in self._shadow:
            return self._shadow[big_id]
        assert self.big is not None
        entry = self.big.entry(big_id)
        twin = None
        keys = [form_key(entry.canonical)]
        if entry.source_weight >= 2:
            keys += [form_key(v) for v in entry.variants[:20]]
        for key in keys:
            for ref in self.curated.exact.get(key, ()):
                if ref.relation in ACCEPTED and self.curated.entries[ref.entry].kind == entry.kind:
                    twin = ref.entry
                    break
            if twin is not None:
                break
        if len(self._shadow) > 200_000:
            self._shadow.clear()
        self._shadow[big_id] = twin
        return twin

    def _map_known(self, refs: list[FormRef]) -> list[FormRef]:
        """Big exact hits, with a curated twin's id in place of the big one."""
        out: list[FormRef] = []
        seen = set()
        for ref in refs:
            twin = self.curated_twin(ref.entry)
            if twin is not None:
                ref = FormRef(twin, VARIANT if ref.relation == CANONICAL else ref.relation, ref.form, ref.tokens)
            if (ref.entry, ref.form) not in seen:
                seen.add((ref.entry, ref.form))
                out.append(ref)
        return out

    def _targets(self, refs: list[FormRef]) -> list[FormRef]:
        """Big correction targets that the curated index does not already speak for."""
        return [r for r in refs
                if " ".join(r.tokens) not in self.curated.exact and self.curated_twin(r.entry) is None]

    # -- the NameSource interface -------------------------------------------------------------------
    def entry(self, i: int) -> Entry:
        """Curated entry by position, big entry by BIG_OFFSET + row id."""
        if i >= BIG_OFFSET and self.big is not None:
            return self.big.entry(i)
        return self.curated.entries[i]

    def lookup(self, text: str) -> list[FormRef]:
        """Exact matches: the curated index's answer when it has one, else the big index's
        (remembered per spelling; callers must not change the list)."""
        hits = self._lookups.get(text)
        if hits is not None:
            return hits
        hits = self.curated.lookup(text)
        if not hits and self.big is not None:
            hits = self._map_known(self.big.lookup(text))
        if len(self._lookups) > 200_000:
            self._lookups.clear()
        hits = hits or NO_FORMS
        self._lookups[text] = hits
        return hits

    def exact_forms(self, key: str) -> list[FormRef]:
        """Suggestible forms spelled exactly `key` (folded)."""
        hits = self.curated.exact_forms(key)
        if self.big is None or key in self.curated.exact:
            return hits
        return hits + self._targets(self.big.exact_forms(key))

    def forms_with_token(self, token: str) -> list[FormRef]:
        """Multi-word forms holding the token: curated ones, then big suggestible ones."""
        if self.big is None:
            return self.curated.forms_with_token(token)
        hit = self._with_token.get(token)
        if hit is None:
            hit = self.curated.forms_with_token(token) + self._targets(self.big.forms_with_token(token))
            if len(self._with_token) > 100_000:
                self._with_token.clear()
            self._with_token[token] = hit = hit or NO_FORMS
        return hit

    def is_known_token(self, token: str) -> bool:
        """Part of a known form in either index."""
        return self.curated.is_known_token(token) or (self.big is not None and self.big.is_known_token(token))

    def has_form_token(self, token: str) -> bool:
        """Some form in either index holds the token (False: no span with it matches exactly)."""
        found = self._form_tokens.get(token)
        if found is None:
            found = self.curated.has_form_token(token) or (self.big is not None and self.big.has_form_token(token))
            if len(self._form_tokens) > 200_000:
                self._form_tokens.clear()
            self._form_tokens[token] = found
        return found

    def fuzzy_tokens(self, token: str, max_distance: int) -> list[tuple[str, int]]:
        """Tokens of suggestible forms within `max_distance` edits, from both indexes."""
        found = dict(self.curated.fuzzy_tokens(token, max_distance))
        if self.big is not None:
            for cand, d in self.big.fuzzy_tokens(token, max_distance):
                if d < found.get(cand, max_distance + 1):
                    found[cand] = d
        return sorted(found.items(), key=lambda kv: (kv[1], kv[0]))

    def damaged_forms(self, key: str) -> list[FormRef]:
        """Accepted forms that the folded span `key` could be after its non-ASCII letters were
        dropped or replaced by '?'/U+FFFD ("alberto nez feijo", "fran?ois legault"): curated
        forms first. Empty for a key that is itself a known form (Sanchez is not damage)."""
        found = self._damaged.get(key)
        if found is None:
            found = self._damaged_forms(key)
            if len(self._damaged) > 100_000:
                self._damaged.clear()
            self._damaged[key] = found = found or NO_FORMS
        return list(found)

    def _damaged_forms(self, key: str) -> list[FormRef]:
        if self._curated_damage is None:
            self._curated_damage = self.curated.table("curated-damage")  # (curated_damage_index, made once)
        hits = list(self._curated_damage.get(normalise_damaged(key), []))
        if not hits and self.big is not None:  # (a Bloom filter answers most keys without a query)
            hits = [r for r in self.big.damaged_forms(key) if r.relation in ACCEPTED]
        if not hits:
            return []
        # checked only now, for the few keys that look like damage: a known form is not damage
        if self.curated.exact.get(key) or (self.big is not None and self.big.lookup(key)):
            return []
        return hits if self.big is None or hits[0].entry < BIG_OFFSET else self._map_known(hits)


def curated_damage_index(index: NameIndex) -> dict[str, list[FormRef]]:
    """Damage keys of every accepted non-ASCII form of an in-memory index."""
    out: dict[str, list[FormRef]] = {}
    for i, entry in enumerate(index.entries):
        for form, rel in entry.forms():
            if rel not in ACCEPTED or form.isascii():
                continue
            for dkey in damage_keys(form):
                out.setdefault(dkey, []).append(FormRef(i, rel, form, tuple(fold(form).split())))
    return out
