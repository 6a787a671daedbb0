"""The request page lists its errors in the linked error summary every form uses (focused when
the page loads, "Error:" at the start of the title), also when the request can no longer be sent
and the form is not shown again."""

from django.urls import reverse

from mentorwise.mentorships.forms import MESSAGE_MAX


def _summary(html: str) -> str:
    assert html.count("data-error-summary") == 1
    return html.split("data-error-summary", 1)[1].split("</div>", 1)[0]


def test_a_too_long_message_is_linked_from_the_summary(world, as_user):
    url = reverse("mentorships:request-create", args=[world.mentor1.public_id])
    response = as_user(world.mentee1.user).post(url, {"message": "x" * (MESSAGE_MAX + 1)})
    assert response.status_code == 200
    html = response.content.decode()
    summary = _summary(html)
    assert '<a href="#id_message">Message: ' in summary
    assert 'tabindex="-1"' in html.split("data-error-summary", 1)[0].rsplit("<div", 1)[1]
    assert "<title>Error: " in html
    assert 'id="id_message_error"' in html


def test_a_request_that_can_no_longer_be_sent_says_why_in_the_summary(world, as_user):
    url = reverse("mentorships:request-create", args=[world.mentor1.public_id])
    client = as_user(world.mentee1.user)
    assert client.post(url, {"message": "Hello"}).status_code == 302
    response = client.post(url, {"message": "Hello again"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = _summary(html)
    assert "There is a problem" in summary
    assert "<li>" in summary and 'href="#' not in summary  # no link to a field not shown
    assert "<title>Error: " in html
    assert 'role="alert"' not in html.split("<main", 1)[1]
