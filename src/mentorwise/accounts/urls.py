from django.urls import path

from mentorwise.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.settings_page, name="settings"),
    path("language/", views.language, name="language"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
]
