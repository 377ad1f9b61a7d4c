"""User records: validation and display."""


def validate_user(user):
    errors = []
    if "name" in user:
        if len(user["name"]) < 2:
            errors.append("name too short")
    else:
        errors.append("name missing")
    if "email" in user:
        if "@" not in user["email"]:
            errors.append("email invalid")
        elif user["email"].endswith("."):
            errors.append("email invalid")
    else:
        errors.append("email missing")
    if "age" in user:
        if user["age"] < 0:
            errors.append("age negative")
        elif user["age"] > 150:
            errors.append("age too high")
    return errors


def is_adult(user):
    if user.get("age") is not None and user["age"] >= 18:
        return True
    else:
        return False


def display_name(user):
    if user.get("nickname"):
        return user["nickname"]
    else:
        if user.get("first") and user.get("last"):
            return user["first"] + " " + user["last"]
        else:
            if user.get("first"):
                return user["first"]
            else:
                return "anonymous"
