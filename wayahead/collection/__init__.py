"""The collection round: the steering group opens a round for a year with a deadline, each
authority's state is tracked, and reminders and queries go out by e-mail with the upload link."""
