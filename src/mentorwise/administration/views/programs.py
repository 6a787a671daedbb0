"""Creating and editing a program's policies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorwise.administration.access import get_organization, get_program
from mentorwise.administration.forms import ProgramForm, add_service_errors
from mentorwise.core.errors import DomainError
from mentorwise.programs.models import Program
from mentorwise.programs.services import program_create, program_update


@login_required
def program_create_view(request, org_id):
    organization = get_organization(request.user, org_id)
    form = ProgramForm(request.POST or None, instance=Program(organization=organization))
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        name = fields.pop("name")
        try:
            program = program_create(
                organization=organization, actor=request.user, name=name, **fields
            )
        except (DomainError, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(name)s” is created. Next, set up its application form.")
                % {"name": program.name},
            )
            return redirect("manage:questions", program_id=program.public_id)
    return render(
        request,
        "manage/program_form.html",
        {"form": form, "organization": organization, "program": None},
    )


@login_required
def program_edit(request, program_id):
    program = get_program(request.user, program_id)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if not changes:
            messages.info(request, _("Nothing has changed."))
            return redirect("manage:program-edit", program_id=program.public_id)
        try:
            program_update(program=program, actor=request.user, **changes)
        except (DomainError, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": program.name})
            return redirect("manage:program-edit", program_id=program.public_id)
    if form.errors:
        # The form has already copied the rejected values onto the instance: show the saved name.
        program.refresh_from_db()
    return render(
        request,
        "manage/program_form.html",
        {"form": form, "organization": program.organization, "program": program},
    )
