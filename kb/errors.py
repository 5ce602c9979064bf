"""What can go wrong in kb, each error naming the input and the reason."""


class KbError(Exception):
    """Base of every error kb reports to a user."""


class InputError(KbError):
    """A document could not be read or parsed."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ParseError(InputError):
    """Bytes that do not parse as the type they claim to be."""


class FetchError(InputError):
    """A URL that could not be fetched."""


class IndexLockedError(KbError):
    """Another process holds the write lock."""


class QueryError(KbError):
    """A request parameter that cannot be honoured (a bad page number, an unknown field value)."""

    def __init__(self, parameter: str, reason: str):
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason
