"""Daily jobs the embedded server (`chiso serve`) runs by itself."""


def run_reminders():
    from chiso.core.audit import acting_as

    from .services import reminders

    with acting_as(None, "nhắc việc hằng ngày"):
        reminders.run()


def send_digest():
    from .services import notify

    notify.digest()


DAILY = [run_reminders, send_digest]
