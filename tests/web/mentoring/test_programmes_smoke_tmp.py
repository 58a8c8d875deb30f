from upward.web.mentoring.services.matching import run_create, run_publish
from upward.web.mentoring.selectors.suggestions import suggestions_for
from .programme_builders import make_programme, member, sign_up


def test_smoke(personas, client_for):
    lead = personas["lead"]
    p = make_programme(lead)
    mentees = [member() for _ in range(3)]
    mentors = [member() for _ in range(2)]
    for m in mentees:
        sign_up(m, p, "mentee")
    for m in mentors:
        sign_up(m, p, "mentor", capacity=2)
    cards = suggestions_for(viewer=mentees[0], programme=p)
    print(cards[0])
    run = run_create(actor=lead, programme=p)
    print(run.stats, list(run.matches.values_list("score", "explanation")))
    c = client_for(lead)
    for url in ["/mentoring/manage/", f"/mentoring/manage/{p.slug}/", f"/mentoring/manage/{p.slug}/runs/{run.pk}/", f"/mentoring/manage/{p.slug}/edit/", "/mentoring/manage/new/"]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    cm = client_for(mentees[0])
    for url in ["/mentoring/", f"/mentoring/programmes/{p.slug}/", f"/mentoring/programmes/{p.slug}/sign-up/", f"/mentoring/programmes/{p.slug}/mentors/", "/mentoring/requests/"]:
        r = cm.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    pairs = run_publish(actor=lead, run=run)
    assert len(pairs) == 3
