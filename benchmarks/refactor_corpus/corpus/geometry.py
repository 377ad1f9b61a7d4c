"""Shapes on a grid."""


def classify_triangle(a, b, c):
    if a <= 0 or b <= 0 or c <= 0:
        return "invalid"
    else:
        if a + b <= c or a + c <= b or b + c <= a:
            return "invalid"
        else:
            if a == b:
                if b == c:
                    return "equilateral"
                else:
                    return "isosceles"
            else:
                if b == c or a == c:
                    return "isosceles"
                else:
                    return "scalene"


def bounding_box(points):
    xs = []
    for p in points:
        xs.append(p[0])
    ys = []
    for p in points:
        ys.append(p[1])
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def inside(box, point):
    if box is None:
        return False
    if point[0] >= box[0] and point[0] <= box[2]:
        if point[1] >= box[1] and point[1] <= box[3]:
            return True
    return False
