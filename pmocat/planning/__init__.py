"""Planning: the availability calendar, the capacity engine, can-take and plan. Pure functions."""
