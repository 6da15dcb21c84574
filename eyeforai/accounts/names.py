def display_name(first_name, last_name, email):
    """A person's name as the portal shows it: their first and last name, or their email address when they
    gave neither. TalentProfile.name, and the list pages that read the three as plain values, use this."""
    return f"{first_name} {last_name}".strip() or email
