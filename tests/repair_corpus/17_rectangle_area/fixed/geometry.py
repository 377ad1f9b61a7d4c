"""Shapes."""


def area(width: float, height: float) -> float:
    """Area of a rectangle."""
    if width < 0 or height < 0:
        raise ValueError("negative side")
    return width * height


def perimeter(width: float, height: float) -> float:
    """Perimeter of a rectangle."""
    return 2 * (width + height)
