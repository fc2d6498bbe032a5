"""Compiling the Welsh (and any other) translations: ``python -m whatmatters.site.translations``.

Django reads compiled ``.mo`` catalogues. They are committed beside their
``.po`` sources so an installed copy needs no gettext tools; this module
compiles them with polib (a pure-Python library, a development dependency)
where GNU ``msgfmt`` is not installed, and a test checks the committed
``.mo`` files match their ``.po`` sources.

To collect new strings after changing templates or code (needs GNU gettext):
``cd src/whatmatters && DJANGO_SETTINGS_MODULE=whatmatters.site.settings.test
django-admin makemessages -l cy --ignore 'journal/*' --ignore 'check/*'
--ignore 'council/*' --ignore 'report/*' --no-obsolete``, translate, then run this.
"""

from __future__ import annotations

from pathlib import Path

from whatmatters.site.paths import SITE_DIR

LOCALE = SITE_DIR / "locale"


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def compile_all() -> list[Path]:
    """Write each ``django.mo`` from its ``django.po``; returns the files written."""
    import polib

    written = []
    for source in catalogues():
        po = polib.pofile(str(source))
        po.metadata_is_fuzzy = False
        target = source.with_suffix(".mo")
        po.save_as_mofile(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(path)
