"""Staff, their roles and the units (schools, teams, services) whose children they may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class AddressFields(models.Model):
    """Postal address lines shared by units, organisations and people."""

    line_1 = models.CharField("address line 1", max_length=200, blank=True)
    line_2 = models.CharField("address line 2", max_length=200, blank=True)
    line_3 = models.CharField("address line 3", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    class Meta:
        abstract = True

    @property
    def address_lines(self) -> list[str]:
        """The non-empty lines of the postal address, postcode last."""
        return [v for v in (self.line_1, self.line_2, self.line_3, self.town, self.postcode) if v]


class Unit(AddressFields):
    """A school, a team or a service: the boundary of what an officer may see."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "School"
        TEAM = "team", "Team"
        SERVICE = "service", "Service"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SCHOOL)
    name = models.CharField(max_length=200, unique=True)
    dfe_number = models.CharField(
        "DfE number", max_length=8, blank=True, help_text="LAESTAB, e.g. 855/2001."
    )
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. What they may see follows from `role` and `units`."""

    class Role(models.TextChoices):
        OFFICER = "officer", "Officer"
        AUTHORISER = "authoriser", "Authoriser (Team, Line or Service Manager)"
        DPO = "dpo", "Data protection officer"
        ADMINISTRATOR = "administrator", "Administrator"

    class ManagerTitle(models.TextChoices):
        TEAM = "team", "Team Manager"
        LINE = "line", "Line Manager"
        SERVICE = "service", "Service Manager"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    manager_title = models.CharField(
        max_length=10,
        choices=ManagerTitle.choices,
        blank=True,
        help_text="Authorisers only: which kind of manager they are (TEL-6).",
    )
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="staff",
        help_text="The schools and teams whose service users this person may see.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(manager_title="") | models.Q(role="authoriser"),
                name="accounts_user_manager_title_only_for_authorisers",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_authoriser(self) -> bool:
        """May confirm that sharing is okay (TEL-6): a Team, Line or Service Manager."""
        return self.role == self.Role.AUTHORISER

    @property
    def is_dpo(self) -> bool:
        return self.role == self.Role.DPO

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR or self.is_superuser

    @property
    def sees_all(self) -> bool:
        """The DPO and administrators see every unit's service users."""
        return self.role in (self.Role.DPO, self.Role.ADMINISTRATOR) or self.is_superuser

    @property
    def display_role(self) -> str:
        if self.is_authoriser and self.manager_title:
            return self.get_manager_title_display()
        return self.get_role_display()
