"""Account e-mails (verification, password reset, sign-in codes) go through the outbox too, so
they are retried like every other message when the mail server is down."""

from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from mentorwise.accounts.adapter import AccountAdapter
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import queue_email


class OutboxAccountAdapter(AccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"),
            "",
        )
        queue_email(
            to_email=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            category=Category.SECURITY,
            kind=template_prefix.rsplit("/", 1)[-1],
        )
