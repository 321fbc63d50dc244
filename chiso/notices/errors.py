class NoticeReadError(Exception):
    """A notice file we cannot read; the message is Vietnamese and says what to do instead."""

    def __init__(self, message, code="unreadable"):
        super().__init__(message)
        self.message = message
        self.code = code
