"""API permissions by role. Object-level checks are the access helpers' job: a service user
is only ever fetched through `access_service_user` / `service_users_visible_to`."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsActiveStaff(BasePermission):
    message = "Sign in with an active staff account."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active)


class IsDPO(IsActiveStaff):
    message = "Only the data protection officer may do this."

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_dpo


class DirectoryWriteOrRead(IsActiveStaff):
    """Everyone reads the directory of organisations; the DPO and administrators change it."""

    message = "Only the data protection officer or an administrator may change organisations."

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return True
        return request.user.is_dpo or request.user.is_administrator
