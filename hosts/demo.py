"""Demo data for hosts: five believable (invented) host organisations, their members, projects at
every stage with seats, and "become a host" interests at every stage of the pipeline."""

import secrets
from datetime import timedelta

from django.utils import timezone

from eyeforai.accounts.choices import Role
from eyeforai.accounts.demo import demo_user
from hosts.choices import InterestStatus, MemberRole, OrganizationStatus, Place, ProjectStatus, Sector
from hosts.models import HostInterest, HostMembership, HostOrganization, Invitation, Project, ProjectSeat
from hosts.models.organizations import token_digest

HOSTS = [
    {
        "name": "Västerstrand University Hospital",
        "slug": "vasterstrand-university-hospital",
        "sector": Sector.HOSPITAL,
        "city": "Gothenburg",
        "domain": "vasterstrand-hospital.example",
        "status": OrganizationStatus.ACTIVE,
        "description": "One of the largest hospitals in western Sweden, with a research unit for AI in diagnostics.",
        "members": [("Maja", "Holm"), ("Anders", "Sjöberg")],
    },
    {
        "name": "Nordljus Pharma",
        "slug": "nordljus-pharma",
        "sector": Sector.PHARMA,
        "city": "Mölndal",
        "domain": "nordljus-pharma.example",
        "status": OrganizationStatus.ACTIVE,
        "description": "A research-based pharma company using machine learning from molecules to clinical trials.",
        "members": [("Sofia", "Dahl"), ("Erik", "Lund")],
    },
    {
        "name": "Kvarnby Automotive Software",
        "slug": "kvarnby-automotive-software",
        "sector": Sector.AUTOMOTIVE,
        "city": "Gothenburg",
        "domain": "kvarnby-auto.example",
        "status": OrganizationStatus.ACTIVE,
        "description": "Builds the software for driver assistance and in-car perception for several carmakers.",
        "members": [("Lina", "Ek"), ("Mattias", "Björk")],
    },
    {
        "name": "Region Älvmark Health Authority",
        "slug": "region-alvmark-health-authority",
        "sector": Sector.PUBLIC,
        "city": "Borås",
        "domain": "alvmark-region.example",
        "status": OrganizationStatus.ACTIVE,
        "description": "The regional health authority: hospitals, primary care and public health for 500,000 people.",
        "members": [("Hanna", "Strand"), ("Per", "Wikström")],
    },
    {
        "name": "Skärgård University",
        "slug": "skargard-university",
        "sector": Sector.UNIVERSITY,
        "city": "Gothenburg",
        "domain": "skargard-uni.example",
        "status": OrganizationStatus.PROSPECT,
        "description": "A technical university joining the programme this year with its data science department.",
        "members": [("Ida", "Forsberg"), ("Olof", "Nilsson")],
    },
]

# (host slug, title, status, seats per period, skills, place)
PROJECTS = [
    (
        "vasterstrand-university-hospital",
        "Triage notes: language models for the emergency department",
        ProjectStatus.APPROVED,
        (1, 1, 1),
        ["Natural language processing", "Responsible AI"],
        Place.HYBRID,
    ),
    (
        "vasterstrand-university-hospital",
        "Quality control for chest X-rays",
        ProjectStatus.SUBMITTED,
        (1, 1, 0),
        ["Medical imaging", "Computer vision"],
        Place.ON_SITE,
    ),
    (
        "nordljus-pharma",
        "Predicting compound solubility",
        ProjectStatus.APPROVED,
        (2, 1, 1),
        ["Deep learning", "Statistics"],
        Place.ON_SITE,
    ),
    (
        "nordljus-pharma",
        "Choosing clinical trial sites",
        ProjectStatus.CHANGES_REQUESTED,
        (0, 1, 1),
        ["Optimisation", "Time series"],
        Place.HYBRID,
    ),
    (
        "kvarnby-automotive-software",
        "Driver-monitoring camera models at the edge",
        ProjectStatus.APPROVED,
        (1, 2, 1),
        ["Computer vision", "Edge AI"],
        Place.ON_SITE,
    ),
    (
        "kvarnby-automotive-software",
        "Anomalies in test-drive logs",
        ProjectStatus.DRAFT,
        (1, 0, 1),
        ["Time series", "MLOps"],
        Place.HYBRID,
    ),
    (
        "kvarnby-automotive-software",
        "Converting legacy map tiles",
        ProjectStatus.WITHDRAWN,
        (0, 1, 0),
        ["Data engineering"],
        Place.REMOTE,
    ),
    (
        "region-alvmark-health-authority",
        "Forecasting hospital bed occupancy",
        ProjectStatus.SUBMITTED,
        (1, 1, 1),
        ["Time series", "Statistics"],
        Place.HYBRID,
    ),
    (
        "skargard-university",
        "Federated learning across regional biobanks",
        ProjectStatus.DRAFT,
        (0, 1, 1),
        ["Federated learning", "Machine learning"],
        Place.ON_SITE,
    ),
]

# Projects the running cohort's talents are on today (approved when that cohort was recruiting).
RUNNING_PROJECTS = [
    ("vasterstrand-university-hospital", "Segmenting tumours in MRI scans", (2, 2, 2), ["Medical imaging"]),
    ("nordljus-pharma", "Generative models for protein design", (2, 2, 2), ["Generative AI", "Deep learning"]),
    (
        "kvarnby-automotive-software",
        "Reinforcement learning for parking manoeuvres",
        (2, 2, 2),
        ["Reinforcement learning"],
    ),
    ("region-alvmark-health-authority", "Readmission risk in primary care", (2, 2, 2), ["Machine learning"]),
]

INTERESTS = [
    ("Bergslagen Robotics", "Greta Lindahl", Sector.INDUSTRY, "Örebro", InterestStatus.NEW, ""),
    (
        "Öresund Logistics",
        "Jonas Falk",
        Sector.OTHER,
        "Malmö",
        InterestStatus.CONTACTED,
        "Call booked; wants two talents.",
    ),
    (
        "Skärgård University",
        "Ida Forsberg",
        Sector.UNIVERSITY,
        "Gothenburg",
        InterestStatus.JOINED,
        "Joined for the coming cohort.",
    ),
    (
        "Nimbus Game Studio",
        "Viktor Ahl",
        Sector.OTHER,
        "Stockholm",
        InterestStatus.DECLINED,
        "No supervisor available this year.",
    ),
]

MESSAGE = "We would like to host talents from the programme and have data and a supervisor ready. Can we talk?"


def _ascii(text):
    return text.lower().translate(str.maketrans("åäöé", "aaoe"))


def seed_hosts(context):
    skills = {skill.name: skill for skill in context.data.get("skills", [])}
    cohorts = context.data["cohorts"]
    organizations = {}
    first_member = None
    hosts = list(HOSTS)
    extra_hosts = (context.scale - 1) * 7 // 2  # --scale 42: about 150 hosts
    for number in range(1, extra_hosts + 1):
        hosts.append(
            {
                "name": f"Demo Host {number}",
                "slug": f"demo-host-{number}",
                "sector": Sector.OTHER,
                "city": "Gothenburg",
                "domain": f"demo-host-{number}.example",
                "status": OrganizationStatus.ACTIVE,
                "description": "An extra host for benchmarks.",
                "members": [("Demo", f"Member {number}")],
            }
        )
    for host in hosts:
        organization, _created = HostOrganization.objects.get_or_create(
            slug=host["slug"],
            defaults={key: host[key] for key in ["name", "sector", "city", "status", "description"]}
            | {"website": f"https://www.{host['domain']}/"},
        )
        organizations[host["slug"]] = organization
        for index, (first, last) in enumerate(host["members"]):
            email = f"{_ascii(first)}.{_ascii(last).replace(' ', '-')}@{host['domain']}"
            user = demo_user(email, password=context.password, first_name=first, last_name=last, role=Role.HOST_MEMBER)
            HostMembership.objects.get_or_create(
                user=user,
                defaults={
                    "organization": organization,
                    "role": MemberRole.CONTACT if index == 0 else MemberRole.MEMBER,
                },
            )
            first_member = first_member or user
        context.progress()
    context.add_login("host member", first_member.email)
    context.data["host_organizations"] = organizations

    extra = [
        (
            f"demo-host-{n}",
            f"Benchmark project {n}",
            ProjectStatus.APPROVED,
            (1, 1, 1),
            ["Machine learning"],
            Place.ON_SITE,
        )
        for n in range(1, extra_hosts + 1)
    ]
    for slug, title, status, seats, skill_names, place in PROJECTS + extra:
        _project(organizations[slug], cohorts["recruiting"], (title, status, seats, skill_names, place), skills=skills)
    for slug, title, seats, skill_names in RUNNING_PROJECTS:
        spec = (title, ProjectStatus.APPROVED, seats, skill_names, Place.ON_SITE)
        _project(organizations[slug], cohorts["running"], spec, skills=skills)
    # Benchmark hosts also took talents in the running and completed cohorts: seats for the extra
    # placed talents talents/demo.py adds past scale 1 (14 and 10 per step, against 3.5 x 5 seats).
    for number in range(1, extra_hosts + 1):
        for key in ("running", "completed"):
            title = f"Benchmark rotation {number}"
            spec = (title, ProjectStatus.APPROVED, (5, 5, 5), ["Machine learning"], Place.ON_SITE)
            _project(organizations[f"demo-host-{number}"], cohorts[key], spec, skills=skills)
    context.progress()

    for name, contact, sector, city, status, notes in INTERESTS:
        HostInterest.objects.get_or_create(
            organization_name=name,
            defaults={
                "contact_name": contact,
                "email": f"{_ascii(contact).replace(' ', '.')}@{_ascii(name).replace(' ', '-')}.example",
                "sector": sector,
                "city": city,
                "message": MESSAGE,
                "cohort": cohorts["recruiting"],
                "status": status,
                "notes": notes,
                "organization": organizations.get("skargard-university") if status == InterestStatus.JOINED else None,
            },
        )
    # An open invitation: a colleague at the university has not signed up yet.
    university = organizations["skargard-university"]
    if not Invitation.objects.filter(organization=university, email="karl.wennberg@skargard-uni.example").exists():
        Invitation.objects.create(
            organization=university,
            email="karl.wennberg@skargard-uni.example",
            token_digest=token_digest(secrets.token_urlsafe(32)),
            expires_at=timezone.now() + timedelta(days=10),
            invited_by=context.data["managers"][0] if context.data.get("managers") else None,
        )
    context.progress()


def _project(organization, cohort, spec, *, skills):
    title, status, seats, skill_names, place = spec
    project, created = Project.objects.get_or_create(
        organization=organization,
        cohort=cohort,
        title=title,
        defaults={
            "summary": f"{title}: a six-month project with {organization.name}.",
            "description": (
                f"{organization.name} has the data and a supervisor ready. The talent works in the team, "
                "presents results every month and writes up what was learned."
            ),
            "supervisor_name": "Dr. Karin Ström" if organization.sector == Sector.HOSPITAL else "Tomas Berglund",
            "supervisor_email": f"supervisor@{organization.slug}.example",
            "city": organization.city,
            "place": place,
            "status": status,
            "manager_note": "Please say which data the talent can use from the first week."
            if status == ProjectStatus.CHANGES_REQUESTED
            else "",
            "submitted_at": timezone.now() if status != ProjectStatus.DRAFT else None,
            "decided_at": timezone.now()
            if status in (ProjectStatus.APPROVED, ProjectStatus.CHANGES_REQUESTED)
            else None,
        },
    )
    if created:
        project.skills.set([skills[name] for name in skill_names if name in skills])
        for period in cohort.periods.all():
            count = seats[period.number - 1] if period.number <= len(seats) else 0
            ProjectSeat.objects.get_or_create(project=project, period=period, defaults={"seats": count})
    return project
