"""Grading for a course."""


def letter(score, curve):
    if score is None:
        return "absent"
    if curve:
        score = score + 5
    if score >= 90:
        return "A"
    else:
        if score >= 80:
            return "B"
        else:
            if score >= 70:
                return "C"
            else:
                if score >= 60:
                    return "D"
                else:
                    return "F"


def passed_all(scores, minimum):
    for s in scores:
        if s is None:
            return False
        if s < minimum:
            return False
    return True


def class_summary(students):
    names = []
    for student in students:
        if student["score"] is not None:
            names.append(student["name"])
    best = None
    for student in students:
        if student["score"] is not None:
            if best is None or student["score"] > best["score"]:
                best = student
    return names, best["name"] if best else None
