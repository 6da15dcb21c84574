"""What the demo steps share while `manage.py seed_demo` runs them (portal/demo/steps.py).

A step is `seed(context)`: it reads what earlier steps left in `context.data`, adds its own rows
idempotently (get_or_create on natural keys), and records demo logins it wants printed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    scale: int
    password: str
    data: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)  # (role, email)
    notes: list = field(default_factory=list)  # lines printed after the logins (e.g. second-factor codes)
    progress: Callable = lambda step=1: None

    def add_login(self, role, email):
        if (role, email) not in self.logins:
            self.logins.append((role, email))
