"""Wording: a model of how English news is worded, used by rule kinds (it imports no rule kind).

`words` splits text into words; `thesaurus` proposes the common words a spinner or a translator
may have replaced; `spun` scores a whole document cheaply; `head` is the small trained classifier of
replaced words; `lm` (the `deep` extra) runs a small frozen language model whose per-word features
feed the head; `detector` joins them.
"""

from __future__ import annotations


class DeepUnavailable(Exception):
    """The deep wording model cannot be used (extra not installed, model missing or corrupt)."""
