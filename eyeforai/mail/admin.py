from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from eyeforai.admintools.actions import run_service
from eyeforai.admintools.permissions import has_permission
from eyeforai.mail import services
from eyeforai.mail.models import OutboundEmail

# The stored HTML body is shown as its own document, with scripts, forms and remote loads off.
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "language", "subject", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "template", "language", "carries_secret", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "key",
        "template",
        "to",
        "language",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sending_started_at",
        "sent_at",
        "carries_secret",
        "body",
        "html_preview",
        "attachment_name",
    ]
    # The attached file (a workshop's calendar file) carries what the body does, a meeting link: its name
    # is shown, its content only to the recipient.
    exclude = ["body_text", "body_html", "attachment", "attachment_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Rows are the record of what was sent: readable, never edited by hand.
        return False

    @admin.display(description=_("text body"))
    def body(self, email):
        # A reset, confirmation or invitation link would let whoever reads it act as the recipient.
        if email.carries_secret:
            return _("Body withheld: carries a secret.")
        return email.body_text

    @admin.display(description=_("HTML body"))
    def html_preview(self, email):
        if email.carries_secret:
            return _("Body withheld: carries a secret.")
        if not email.body_html:
            return "—"
        url = reverse("admin:mail_outboundemail_preview", args=[email.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the HTML version"))

    @admin.action(description=_("Send again"), permissions=["resend_email"])
    def send_again(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            services.requeue,
            lambda count: (
                ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count) % {"count": count}
            ),
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [path("<int:pk>/preview/", preview, name="mail_outboundemail_preview"), *super().get_urls()]

    def preview_view(self, request, pk):
        if not has_permission(request, "mail.view_outboundemail"):
            raise Http404
        email = get_object_or_404(OutboundEmail, pk=pk, carries_secret=False)
        response = HttpResponse(email.body_html or email.body_text, content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = PREVIEW_CSP
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response
