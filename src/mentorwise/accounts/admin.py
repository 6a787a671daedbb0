from allauth.core import context as allauth_context
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction

from mentorwise.accounts.models import ApiToken, User
from mentorwise.accounts.services import RevokeReason, api_tokens_revoke_all


class PasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "change password" form: a password set here (or turned off) revokes the
    person's API tokens and tells them, like every other password change (the site's pages go
    through allauth's adapter, see accounts.adapter.AccountAdapter.set_password)."""

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        request = allauth_context.request
        actor = getattr(request, "user", None) if request is not None else None
        with transaction.atomic():
            user = super().save(commit=True)
            api_tokens_revoke_all(
                user=user,
                reason=RevokeReason.PASSWORD_CHANGED,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
            )
        return user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = PasswordChangeForm
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "last_active_at"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined", "last_active_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "label", "created_at", "last_used_at"]
    readonly_fields = ["key_hash", "prefix"]
