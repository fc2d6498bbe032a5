"""Template tags for GOV.UK markup: fields, navigation items, dates."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

_CSS = {
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
}
_INPUT = ("govuk-input", "govuk-input--error")


@register.simple_tag
def govuk_widget(bound):
    """Render a field's widget with GOV.UK classes and its hint/error described."""
    base, error = _CSS.get(bound.widget_type, _INPUT)
    css = [base, bound.field.widget.attrs.get("class", "")]
    if bound.errors:
        css.append(error)
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}-hint")
    if bound.errors:
        described.append(f"{bound.auto_id}-error")
    attrs = {"class": " ".join(c for c in css if c)}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def nav_item(context, url_name: str, label: str):
    """A service navigation item, marked current when the page is under it."""
    url = reverse(url_name)
    request = context.get("request")
    current = request is not None and request.path.startswith(url)
    if current:
        return format_html(
            '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
            '<a class="govuk-service-navigation__link" href="{}" aria-current="true">'
            '<strong class="govuk-service-navigation__active-fallback">{}</strong></a></li>',
            url,
            label,
        )
    return format_html(
        '<li class="govuk-service-navigation__item">'
        '<a class="govuk-service-navigation__link" href="{}">{}</a></li>',
        url,
        label,
    )


@register.filter
def journal_when(moment):
    """A journal time as a person reads it: the day alone for a record that
    has only a day (midnight UTC, as imported records do), else the local time."""
    import datetime as dt

    from django.utils import formats, timezone

    if moment is None:
        return ""
    if moment.astimezone(dt.UTC).time() == dt.time(0, 0):
        return formats.date_format(moment.astimezone(dt.UTC).date(), "j F Y")
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


@register.filter
def journal_label(code, column: str):
    """A journal code (``working_on_it``, ``unpaid_carer``, ``phone``) or a casework
    step's name ("Contact") in the words of the forms, in the reader's language.
    A value from elsewhere (an imported record's step) is shown as it is."""
    from whatmatters.casework.journal_rows.labels import label

    return label(column, code)


@register.filter
def journal_done_by(code):
    """Who does a plan action, as a whole phrase in the reader's language."""
    from whatmatters.casework.journal_rows.labels import done_by

    return done_by(code)


@register.filter
def journal_description(text):
    """A journal row's description, with casework's own wording translated."""
    from whatmatters.casework.journal_rows.labels import description

    return description(text)
