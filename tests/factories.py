"""factory_boy factories for the platform models. Register entries go through the service."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from safehaven.accounts.models import Unit, User
from safehaven.core.identifiers import upn_check_letter
from safehaven.records.models import (
    Address,
    Consent,
    ContactRestriction,
    EmailDomain,
    FaxNumber,
    Organisation,
    ProfessionalContact,
    RelatedPerson,
    ServiceUser,
    Switchboard,
)


def make_upn(n: int) -> str:
    """A valid UPN for Leicestershire (LA 855), establishment 2001, serial n."""
    body = f"8552001{n % 100000:05d}"
    return upn_check_letter(body) + body


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    kind = Unit.Kind.SCHOOL
    name = factory.Sequence(lambda n: f"Test School {n}")
    line_1 = factory.Sequence(lambda n: f"{n} School Lane")
    town = "Loughborough"
    postcode = "LE11 3TU"
    phone = "+441509000000"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = User.Role.OFFICER
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)


class ServiceUserFactory(DjangoModelFactory):
    class Meta:
        model = ServiceUser

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker(
        "date_between", start_date=dt.date(2008, 9, 1), end_date=dt.date(2021, 8, 31)
    )
    upn = factory.Sequence(make_upn)
    reference = factory.Sequence(lambda n: f"SU{n:07d}")
    unit = factory.SubFactory(UnitFactory)


class AddressFactory(DjangoModelFactory):
    class Meta:
        model = Address

    service_user = factory.SubFactory(ServiceUserFactory)
    line_1 = factory.Sequence(lambda n: f"{n} Station Road")
    town = "Loughborough"
    postcode = "LE11 1AA"
    valid_from = dt.date(2020, 1, 1)
    source = Address.Source.PRIMARY_IMPORT


class RelatedPersonFactory(DjangoModelFactory):
    class Meta:
        model = RelatedPerson

    service_user = factory.SubFactory(ServiceUserFactory)
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.LazyAttribute(lambda o: o.service_user.family_name)
    relationship = RelatedPerson.Relationship.MOTHER
    parental_responsibility = True
    phone = "+447700900123"


class ContactRestrictionFactory(DjangoModelFactory):
    class Meta:
        model = ContactRestriction

    service_user = factory.SubFactory(ServiceUserFactory)
    person_name = factory.Faker("name", locale="en_GB")
    reason = ContactRestriction.Reason.COURT_ORDER
    valid_from = dt.date(2022, 1, 1)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    kind = Organisation.Kind.HEALTH
    line_1 = "County Hall"
    town = "Glenfield"
    postcode = "LE3 8RA"


class EmailDomainFactory(DjangoModelFactory):
    class Meta:
        model = EmailDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.Sequence(lambda n: f"partner{n}.nhs.uk")
    security = EmailDomain.Security.SECURE
    source = "DPO assessment"


class SwitchboardFactory(DjangoModelFactory):
    class Meta:
        model = Switchboard

    organisation = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: f"+44116{2000000 + n:07d}")
    label = "Main switchboard"
    verified_at = factory.LazyFunction(timezone.now)
    verification_source = "Organisation website"


class FaxNumberFactory(DjangoModelFactory):
    class Meta:
        model = FaxNumber

    organisation = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: f"+44116{3000000 + n:07d}")
    department = "Safeguarding"


class ProfessionalContactFactory(DjangoModelFactory):
    class Meta:
        model = ProfessionalContact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="en_GB")
    job_title = "School Nurse"
    email = factory.Sequence(lambda n: f"contact{n}@partner.nhs.uk")
    direct_phone = "+447700900456"


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    service_user = factory.SubFactory(ServiceUserFactory)
    given_by_name = "Jane Parent"
    given_by_relationship = "mother"
    recipient_organisation = factory.SubFactory(OrganisationFactory)
    purpose = Consent.Purpose.ANY
    method = Consent.Method.WRITTEN
    given_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))


def disclosure(**overrides):
    """A register entry written through `disclosure_record`, with sensible defaults."""
    from safehaven.register.services import disclosure_record

    if "service_user" not in overrides and "service_users" not in overrides:
        overrides["service_user"] = ServiceUserFactory()
    if "disclosed_by" not in overrides:
        overrides["disclosed_by"] = UserFactory()
    params = {
        "channel": "telephone",
        "outcome": "disclosed",
        "recipient_name": "Dr A Example",
        "recipient_role": "GP",
        "recipient_number": "+441162000000",
        "summary": "Attendance for the autumn term.",
        "reason": "Health assessment",
        "lawful_basis": "safeguarding",
        "lawful_basis_justification": "Section 47 enquiry",
        **overrides,
    }
    return disclosure_record(**params)
