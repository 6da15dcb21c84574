"""The abbreviated month names (Django's "N" date format) as Swedish writes them: jan., feb., mars, apr.,
maj, juni, juli, aug., sep., okt., nov., dec. Django's own Swedish catalogue drops the full stop; ours,
which comes first (LOCALE_PATHS), restores it. Marked here only so that `make messages` extracts them;
nothing imports this module.
"""

from django.utils.translation import pgettext_lazy

ABBREVIATED_MONTHS = [
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
]
