from .services.distribution import forget_old_device_marks

# Device marks only matter for "one answer per device and day": keep two days, then forget them.
DAILY = [forget_old_device_marks]
