"""The person's story, its versions, and recording a conversation."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.common.concurrency import EditConflict
from whatmatters.casework.stories import services
from whatmatters.casework.stories.forms import ConversationForm
from whatmatters.casework.stories.models import Conversation
from whatmatters.casework.stories.story import latest_version, story

STORY_CHANGED = _(
    "Someone added to this story while you were writing. What they added is now shown "
    "above each box; your text is kept. Check it does not repeat them, then save again."
)


@person_page()
def current(request, person):
    return render(
        request,
        "stories/story.html",
        {
            "person": person,
            "story": story(person),
            "version": latest_version(person),
            "conversations": Conversation.objects.filter(person=person).select_related("worker"),
        },
    )


@person_page()
def version(request, person, number: int):
    latest = latest_version(person)
    if not 1 <= number <= latest:
        raise Http404
    return render(
        request,
        "stories/story.html",
        {
            "person": person,
            "story": story(person, number),
            "version": number,
            "latest": latest,
            "past": number < latest,
            "conversations": Conversation.objects.filter(person=person, number__lte=number),
        },
    )


@person_page(Permission.STORY_RECORD)
def record(request, person):
    known = latest_version(person)
    form = ConversationForm(
        request.POST or None,
        initial={"version": known, "held_on": datetime.date.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_conversation(
                request.user,
                person,
                held_on=form.cleaned_data["held_on"],
                supported_by=form.cleaned_data["supported_by"],
                texts=form.texts(),
                opened_at_version=form.cleaned_data["version"],
                language=form.cleaned_data["language"],
                active_offer_made=form.cleaned_data["active_offer_made"],
            )
        except services.NothingSaid:
            form.add_error(None, _("Write what the person said in at least one section"))
        except EditConflict:
            form.add_error(None, STORY_CHANGED)
            form.data = form.data.copy()
            form.data["version"] = latest_version(person)
        else:
            messages.success(request, _("The conversation was added to the story"))
            return redirect("stories:current", council_id=person.council_id)
    return render(
        request,
        "stories/record.html",
        {"person": person, "form": form, "story": story(person)},
    )
