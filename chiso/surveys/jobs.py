from .services.guard import forget_old

# run once a day by the scheduler: one-time public-form marks and hourly network counts
DAILY = [forget_old]
