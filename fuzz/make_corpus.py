"""Write the seed corpus (fuzz/corpus/check and fuzz/corpus/readers) from the texts below and the seed article.

    python fuzz/make_corpus.py

Readers seeds start with one byte choosing the reader (index into fuzz_readers.READERS).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = sorted((HERE.parent / "seeds").glob("*.txt"))[0].read_bytes()

CHECK = {
    "seed-article.txt": SEED,
    "phrases.txt": "A ceasefire contract was signed in Kiev. The the talks went on.\n"
                   "The prime priest said the \u201cmutual mood\u201d was good, he said.\n".encode(),
    "mojibake.txt": "The minister\u00e2\u20ac\u2122s visit to Z\u00c3\u00bcrich and S\u00c3\u00a3o Paulo \u00e2\u20ac\u201c "
                    "was caf\u00c3\u00a9 talk.\n".encode(),
    "mixed-scripts.txt": "President P\u0443tin met \u0412\u043b\u0430\u0434\u0438\u043c\u0438\u0440 in \u041coscow; "
                         "\u0627\u0644\u0631\u0626\u064a\u0633 said \u00abhello\u00bb \u4e60\u8fd1\u5e73 \U0001F600.\n".encode(),
    "rtl-combining.txt": "Cafe\u0301 \u202eevil\u202c text with zero\u200bwidth and e\u0301\u0302\u0303 marks.\r\n"
                         "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd said Netanyahu.\rLone CR line.\n".encode(),
    "crlf-quotes.txt": b"\"We will not,\" said Sergei Lavrov.\r\n\r\n(An unbalanced bracket [and quote \"here.\r\n",
    "suppressions.txt": b"# newslint: ignore NL201\nA ceasefire contract.\n# newslint: disable NL9\nSource link\n",
    "boilerplate.txt": b"Read more: click here to subscribe\nAll rights reserved.\nReporting by Jane Doe; Editing by John Roe\n",
    "control-nul.txt": b"Text\x00with NUL\x07bell\x1b[31m escape\x7f and\ttabs\x0b\x0c.\n",
}

MD = ("---\ntitle: A ceasefire contract in Kiev\ndate: 2024-05-01\ntags: [a, b]\n---\n"
      "# Heading with the the\n\nSome *emphasis* and `ceasefire contract` code, a [link](https://kiev.example/x \"t\").\n\n"
      "> quote by Vladimir Putin\n\n- item one\n- item two\n\n```\ncode block the the\n```\n\n    indented code\n\n"
      "<div>html <b>block</b> &amp; &rsquo;</div>\n\n| a | b |\n|---|---|\n| Kiev | ceasefire contract |\n")
HTML = ("<!DOCTYPE html><html><head><title>Kiev talks</title><style>p{}</style></head><body>"
        "<p>A ceasefire contract &amp; the&nbsp;the talks&rsquo;</p><script>var x = '<p>';</script>"
        "<!-- comment ceasefire contract --><pre>the the</pre><p class='a\"b'>He said \u201cno\u201d.</p>"
        "<![CDATA[ raw ]]><br/><unclosed attr=\"x\n</body></html>\n")
JSONL = (json.dumps({"id": "a1", "date": "2024-05-01", "text": "A ceasefire contract was signed in Kiev."}) + "\n"
         + json.dumps({"id": 2, "date": 1714521600, "text": "Line one\r\nline two \u00e2\u20ac\u2122 the the"}) + "\n"
         + '{"text": "bad json\n' + json.dumps({"meta": {"date": "x"}, "text": None}) + "\n[1, 2]\n\n")
CSV = ('id,date,text\n1,2024-05-01,"A ceasefire contract, signed."\n2,,"multi\nline ""quoted"" text"\n'
       '3,2024-13-45,short\n4,"unclosed\n')

READERS = {
    "seed.txt": b"\x00" + SEED,
    "article.md": b"\x01" + MD.encode(),
    "article.html": b"\x02" + HTML.encode(),
    "archive.jsonl": b"\x03" + JSONL.encode(),
    "archive.csv": b"\x04" + CSV.encode(),
    "archive.jsonl.gz": b"\x05" + gzip.compress(JSONL.encode(), mtime=0),
    "archive.csv.gz": b"\x06" + gzip.compress(CSV.encode(), mtime=0),
    "latin1.txt": b"\x00" + "Caf\u00e9 in Z\u00fcrich".encode("latin-1"),
    "bom-crlf.md": b"\x01" + "\ufeff# Title\r\n\r\nText the the.\r".encode(),
    "bomb-front-matter.md": b"\x01---\na: &a [x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ntitle: *c\n"
                            b"date: 2024-13-45\n---\nBody.\n",
    "deep-nesting.jsonl": b"\x03" + b'{"text": ' + b"[" * 3000 + b"\n" + b'{"text": "A ceasefire contract."}\n',
}


def main() -> None:
    for folder, files in (("check", CHECK), ("readers", READERS)):
        target = HERE / "corpus" / folder
        target.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (target / name).write_bytes(data)
    print(f"wrote {len(CHECK)} check seeds and {len(READERS)} reader seeds")


if __name__ == "__main__":
    main()
