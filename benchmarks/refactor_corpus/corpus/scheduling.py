"""Meeting scheduling."""


def free_slots(busy, start, end, length):
    slots = []
    cursor = start
    for b_start, b_end in sorted(busy):
        if b_start > cursor:
            if b_start - cursor >= length:
                slots.append((cursor, b_start))
        if b_end > cursor:
            cursor = b_end
    if end - cursor >= length:
        slots.append((cursor, end))
    return slots


def can_book(room, people, projector, hour):
    if room["open"] <= hour and hour < room["close"]:
        if room["seats"] >= people:
            if projector:
                if room["projector"]:
                    return True
                else:
                    return False
            else:
                return True
        else:
            return False
    else:
        return False
