from django.conf import settings
from django.db import models

from mentorwise.core.ids import new_public_id


class PublicIdField(models.CharField):
    """A unique, opaque identifier used in URLs and the API."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("default", new_public_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)


class AuditEntry(models.Model):
    """Who changed what, when. Written by services in the same transaction as the change."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


class SweepRun(models.Model):
    """When each periodic sweep last started; claimed with a conditional UPDATE."""

    name = models.CharField(max_length=60, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


def audit(*, actor, action: str, target=None, organization_id=None, **data) -> AuditEntry:
    target_type = target._meta.model_name if target is not None else ""
    target_id = (
        str(getattr(target, "public_id", None) or getattr(target, "pk", "")) if target else ""
    )
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        organization_id=organization_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        data=data,
    )
