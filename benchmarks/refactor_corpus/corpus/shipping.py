"""Shipping rates for an online shop."""

ZONES = {"FR": 1, "DE": 1, "BE": 1, "US": 3, "CA": 3, "JP": 4}


def shipping_cost(weight, country, express, member):
    if weight is not None:
        if weight > 0:
            if country in ZONES:
                zone = ZONES[country]
                if express:
                    if member:
                        return round(4.0 * zone + weight * 0.5, 2)
                    else:
                        return round(8.0 * zone + weight * 0.9, 2)
                else:
                    if weight > 20:
                        return round(2.0 * zone + weight * 0.3, 2)
                    else:
                        return round(3.5 * zone, 2)
            else:
                raise KeyError(country)
        else:
            raise ValueError("weight must be positive")
    else:
        return None


def delivery_days(country, express, weekend):
    if country in ZONES:
        if express:
            if weekend:
                return 2
            else:
                return 1
        else:
            if ZONES[country] > 2:
                return 10
            else:
                return 4
    else:
        return -1
