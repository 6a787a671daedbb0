"""`PlainSelect` writes the markup Django's template-rendered <select> writes."""

import re

import pytest
from django import forms

from mentorwise.core.widgets import PlainSelect

CHOICES = [
    ("", "Any"),
    ("a&b", "A & <b>"),
    ("story", "Story"),
    ("Group", [("1", "one"), ("2", 'two "2"')]),
    ("story", "Story again"),
]


def squeeze(html: str) -> str:
    """The markup without the spaces between tags, the <select>'s attributes in one order."""
    html = re.sub(r">\s+<", "><", html.strip())
    head, rest = html.split(">", 1)
    attributes = re.findall(r'[\w-]+(?:="[^"]*")?', head.removeprefix("<select "))
    return f"<select {' '.join(sorted(attributes))}>{rest}"


@pytest.mark.parametrize("value", ["", "story", "a&b", "2", "unknown", None])
@pytest.mark.parametrize("required", [False, True])
def test_plain_select_renders_what_django_renders(value, required):
    def form(widget):
        class Form(forms.Form):
            choice = forms.ChoiceField(choices=CHOICES, required=required, widget=widget)

        return Form({"choice": value} if value is not None else None)

    assert squeeze(str(form(PlainSelect)["choice"])) == squeeze(str(form(forms.Select)["choice"]))


def test_plain_select_multiple():
    class Form(forms.Form):
        many = forms.MultipleChoiceField(
            choices=CHOICES[1:3],
            widget=type("M", (PlainSelect,), {"allow_multiple_selected": True}),
        )

    class Django(forms.Form):
        many = forms.MultipleChoiceField(choices=CHOICES[1:3], widget=forms.SelectMultiple)

    data = {"many": ["a&b", "story"]}
    assert squeeze(str(Form(data)["many"])) == squeeze(str(Django(data)["many"]))
