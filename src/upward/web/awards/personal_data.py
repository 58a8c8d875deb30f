"""Awards' part of "download my data", and what deleting an account does to it.

The download holds the entries about the person (their answers, attachments' names,
the consent they gave or declined and when), the nominations they made (what they wrote;
the answers of a nomination the nominee took over are the nominee's too, so they are
included only for nominations they made), and the endorsements they wrote.

Deleting the account deletes the entries about the person (with their answers,
attachments and files) and their endorsements; a nomination they made of someone else
stays with its nominee if the nominee agreed to it, without the nominator (and without
the reason they wrote); if the nominee had not agreed, it goes too."""

from __future__ import annotations

from upward.web.accounts.services import ACCOUNT_ERASERS, personal_data_section
from upward.web.awards.models import Consent, Endorsement, Entry
from upward.web.awards.selectors import entry_answers, person_name
from upward.web.awards.services.attachments import attachments_erase


def _when(value):
    return value.isoformat() if value else None


def _entry(entry: Entry) -> dict:
    return {
        "cycle": entry.category.cycle.name, "category": entry.category.name,
        "title": entry.title, "route": entry.route, "team_name": entry.team_name,
        "status": entry.status, "consent": entry.consent, "consent_at": _when(entry.consent_at),
        "submitted_at": _when(entry.submitted_at), "withdrawn_at": _when(entry.withdrawn_at),
        "answers": [{"question": q.label, "answer": text} for q, text, _ in entry_answers(entry)],
        "attachments": [a.original_name for a in entry.attachments.all()],
    }


@personal_data_section("awards")
def awards_section(user) -> dict:
    about = Entry.objects.filter(nominee=user).select_related("category__cycle")
    made = Entry.objects.filter(nominator=user).select_related("category__cycle",
                                                                "nominee__profile")
    return {
        "entries_about_you": [_entry(e) for e in about],
        "nominations_you_made": [{**_entry(e), "nominee": person_name(e.nominee),
                                  "reason": e.reason} for e in made],
        "endorsements_you_wrote": [
            {"entry": e.entry.title, "text": e.text, "written_at": _when(e.created_at)}
            for e in Endorsement.objects.filter(author=user).select_related("entry")],
    }


def erase_awards_data(user) -> None:
    """Runs inside ``account_delete``'s transaction, before the account goes."""
    about = Entry.objects.filter(nominee=user)
    unconsented = Entry.objects.filter(nominator=user).exclude(consent=Consent.GIVEN)
    gone = list(about.values_list("pk", flat=True)) + list(
        unconsented.values_list("pk", flat=True))
    attachments_erase(Entry.objects.filter(pk__in=gone))
    Entry.objects.filter(pk__in=gone).delete()
    Entry.objects.filter(nominator=user).update(nominator=None, reason="")
    Entry.objects.filter(seconder=user).update(seconder=None)
    Endorsement.objects.filter(author=user).delete()


if erase_awards_data not in ACCOUNT_ERASERS:
    ACCOUNT_ERASERS.append(erase_awards_data)
