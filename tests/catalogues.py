"""A translation catalogue written for one test, before the app's own French and Khmer ones
exist or whatever they say: `translated(settings, tmp_path, "fr", {msgid: msgstr})`.

Contexts (pgettext) are given as `("context", "msgid")` keys. The .mo file is written with
the standard library only (the GNU format: a header, two tables of lengths and offsets, then
the strings); Django reloads its catalogues when LOCALE_PATHS changes."""

import struct


def _mo_bytes(messages):
    entries = sorted(
        ("\x04".join(key) if isinstance(key, tuple) else key, value)
        for key, value in {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items()
    )
    originals = [key.encode("utf-8") for key, _value in entries]
    translations = [value.encode("utf-8") for _key, value in entries]
    header_size = 7 * 4
    tables_size = 2 * 8 * len(entries)
    offset = header_size + tables_size
    original_table, translation_table, data = [], [], b""
    for strings, table in ((originals, original_table), (translations, translation_table)):
        for string in strings:
            table.append((len(string), offset + len(data)))
            data += string + b"\0"
    header = struct.pack(
        "<7I", 0x950412DE, 0, len(entries), header_size, header_size + len(entries) * 8, 0, 0
    )
    tables = b"".join(struct.pack("<2I", *pair) for pair in original_table + translation_table)
    return header + tables + data


def translated(settings, tmp_path, language, messages):
    """Put `messages` in a catalogue of `language` read before the app's own ones."""
    folder = tmp_path / "locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "django.mo").write_bytes(_mo_bytes(messages))
    settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]
