#!/usr/bin/env python3
"""Writes data/kb/english-words.txt.gz: the common English words (lower case,
letters only, three or more) of SCOWL as Debian's wamerican package ships it
(/usr/share/dict/american-english). sitrep uses it to tell a capitalised
common word ("Society", "Center", "Take") from a place name that the
gazetteer's alternate names or transliteration keys happen to share.

  apt-get install wamerican && python3 scripts/build_english_words.py

gzip -9 with mtime 0, words sorted: the same list gives the same bytes.
"""
import gzip
import io
import os
import sys

SRC = "/usr/share/dict/american-english"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "kb", "english-words.txt.gz")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SRC
    words = sorted({w.strip() for w in open(src, encoding="utf-8")
                    if w.strip().isascii() and w.strip().isalpha() and w.strip().islower() and len(w.strip()) >= 3})
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0, filename="") as f:
        f.write(("\n".join(words) + "\n").encode("ascii"))
    with open(OUT, "wb") as f:
        f.write(buf.getvalue())
    print(f"{OUT}: {len(words)} words, {len(buf.getvalue())} bytes")


if __name__ == "__main__":
    main()
