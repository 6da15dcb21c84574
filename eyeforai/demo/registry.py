"""Demo-data steps contributed by each app, run in order by `manage.py seed_demo`.

The core cannot import the apps above it, so each app registers its step in AppConfig.ready().
A step is `seed(context)`: it reads what earlier steps left in `context` (a DemoContext), adds its
own rows idempotently (get_or_create on natural keys), and records demo logins it wants printed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Seeder:
    order: int
    name: str
    seed: Callable


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


_seeders: dict[str, Seeder] = {}


def register_seeder(*, order, name, seed):
    _seeders[name] = Seeder(order=order, name=name, seed=seed)


def seeders():
    return sorted(_seeders.values(), key=lambda seeder: seeder.order)
