"""Sign in and sign out, with a notice when a session ended because it was left idle."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from safehaven.web.forms import LoginForm

# Set at sign-in, removed at sign-out: if it comes back with no session, the session timed out.
SIGNED_IN_COOKIE = "safehaven_signed_in"


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["timed_out"] = (
            self.request.method == "GET"
            and self.request.COOKIES.get(SIGNED_IN_COOKIE) == "1"
            and not self.request.user.is_authenticated
        )
        return context

    def get(self, request, *args, **kwargs) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if request.COOKIES.get(SIGNED_IN_COOKIE) and not request.user.is_authenticated:
            response.delete_cookie(SIGNED_IN_COOKIE, samesite="Lax")
        return response

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        response.set_cookie(
            SIGNED_IN_COOKIE,
            "1",
            max_age=12 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(SIGNED_IN_COOKIE, samesite="Lax")
        return response
