"""Forms of the participants' round pages. They work with the keyboard and without JavaScript:
a mentee gives each mentor a rank (or none); a mentor ticks the mentees they pick."""

from django import forms
from django.utils.translation import gettext_lazy as _


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class RankForm(forms.Form):
    """One optional rank select per mentor (`rank_<public id>`), 1..max_choices; each rank
    used once. `ordered_ids()` gives the chosen mentors' public ids, favourite first."""

    def __init__(self, *args, mentors, max_choices: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_choices = max_choices
        self.mentors = {m.public_id: m for m in mentors}
        options = [("", _("Not chosen"))] + [
            (str(n), _("%(ordinal)s choice") % {"ordinal": ordinal(n)})
            for n in range(1, max_choices + 1)
        ]
        for m in mentors:
            self.fields[self.key(m)] = forms.TypedChoiceField(
                label=_("Your choice for %(name)s") % {"name": m.user.name},
                choices=options,
                coerce=int,
                empty_value=None,
                required=False,
            )

    @staticmethod
    def key(mentor) -> str:
        return f"rank_{mentor.public_id}"

    def bound(self, mentor):
        return self[self.key(mentor)]

    def clean(self):
        data = super().clean()
        by_rank: dict[int, list[tuple[str, str]]] = {}
        for public_id, mentor in self.mentors.items():
            rank = data.get(f"rank_{public_id}")
            if rank is not None:
                by_rank.setdefault(rank, []).append((mentor.user.name, f"rank_{public_id}"))
        for rank, given in sorted(by_rank.items()):
            if len(given) > 1:
                given.sort()
                # On the first of the mentors' selects, so the error summary links to it.
                self.add_error(
                    given[0][1],
                    _(
                        "You gave your %(ordinal)s choice to %(names)s: give each rank to one "
                        "mentor only."
                    )
                    % {
                        "ordinal": ordinal(rank),
                        "names": _(" and ").join(name for name, _key in given),
                    },
                )
        return data

    def ordered_ids(self) -> list[str]:
        ranked = [
            (self.cleaned_data[f"rank_{public_id}"], public_id)
            for public_id in self.mentors
            if self.cleaned_data.get(f"rank_{public_id}") is not None
        ]
        return [public_id for _, public_id in sorted(ranked)]


class PickForm(forms.Form):
    """Tick the mentees to mentor among those who selected you."""

    mentees = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label=_("Mentees you pick")
    )

    def __init__(self, *args, mentees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentees"].choices = [(m.public_id, m.user.name) for m in mentees]
