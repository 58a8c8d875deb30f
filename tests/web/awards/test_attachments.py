"""Attachments: type by content, size, random storage names, served only to the entry's
people and administrators."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from upward.web.awards.services.attachments import attachment_add
from upward.web.awards.services.entries import entry_start
from upward.web.core.errors import ApplicationError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


def test_a_pdf_is_stored_under_a_random_name_and_served_to_its_people(member, champion,
                                                                      client_for, personas):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    client = client_for(member)
    response = client.post(reverse("awards:attachment_add", args=[entry.pk]),
                           {"file": SimpleUploadedFile("../../etc/passwd.pdf", PDF)})
    assert response.status_code == 302
    attachment = entry.attachments.get()
    stored = Path(settings.MEDIA_ROOT) / "awards" / attachment.stored_name
    assert stored.read_bytes() == PDF and "passwd" not in attachment.stored_name
    assert attachment.original_name == "passwd.pdf"
    url = reverse("awards:attachment", args=[entry.pk, attachment.pk])
    got = client.get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Type"] == "application/pdf"
    assert client_for(personas["admin"]).get(url).status_code == 200
    for outsider in ("lead", "judge", "moderator"):
        assert client_for(personas[outsider]).get(url).status_code == 404, outsider


def test_the_type_is_checked_by_content_not_name(member, champion):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    for name, content in (("cv.pdf", b"MZ\x90\x00 not a pdf"), ("cv.pdf", png)):
        with pytest.raises(ApplicationError, match="must be one of: PDF"):
            attachment_add(actor=member, entry=entry,
                           upload=SimpleUploadedFile(name, content))
    assert not entry.attachments.exists()
    assert not (Path(settings.MEDIA_ROOT) / "awards").exists() or not any(
        (Path(settings.MEDIA_ROOT) / "awards").iterdir())


def test_too_big_or_too_many_is_refused(member, champion, client_for):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    big = PDF + b"0" * (1024 * 1024)
    response = client_for(member).post(reverse("awards:attachment_add", args=[entry.pk]),
                                       {"file": SimpleUploadedFile("big.pdf", big)})
    assert response.status_code == 400
    assert "The file must be 1 MB or smaller." in response.content.decode()
    for n in range(2):
        attachment_add(actor=member, entry=entry, upload=SimpleUploadedFile(f"{n}.pdf", PDF))
    with pytest.raises(ApplicationError, match="2 attachments at most"):
        attachment_add(actor=member, entry=entry, upload=SimpleUploadedFile("3.pdf", PDF))


def test_removing_an_attachment_asks_and_deletes_the_file(member, champion, client_for):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    attachment = attachment_add(actor=member, entry=entry,
                                upload=SimpleUploadedFile("a.pdf", PDF))
    stored = Path(settings.MEDIA_ROOT) / "awards" / attachment.stored_name
    url = reverse("awards:attachment_remove", args=[entry.pk, attachment.pk])
    client = client_for(member)
    assert "<h1>Remove “a.pdf”?" in client.get(url).content.decode()
    assert stored.exists()
    assert client.post(url).status_code == 302
    assert not entry.attachments.exists()
