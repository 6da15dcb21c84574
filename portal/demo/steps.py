"""The demo data, step by step: each app seeds its own rows, in the order the layers need.

Later steps read what earlier ones left in the context (cohorts, skills, managers, talents, hosts).
The course stands apart from the programme and reads nothing.
A new app adds its step here.
"""

from blog.demo import seed_blog
from courses.demo import seed_course
from hosts.demo import seed_hosts
from portal.demo.programme import seed_programme
from rotations.demo import seed_rotations
from talents.demo import seed_talents

STEPS = [
    ("programme", seed_programme),
    ("talents", seed_talents),
    ("hosts", seed_hosts),
    ("rotations", seed_rotations),
    ("blog", seed_blog),
    ("course", seed_course),
]
