"""Invoices and credit notes."""


def invoice_total(lines, tax_rate, discount):
    subtotal = 0
    for line in lines:
        if line["qty"] > 0:
            subtotal += line["qty"] * line["price"]
    if discount:
        subtotal = subtotal * (1 - discount)
    tax = round(subtotal * tax_rate, 2)
    total = round(subtotal + tax, 2)
    return {"subtotal": round(subtotal, 2), "tax": tax, "total": total}


def credit_note_total(items, rate, rebate):
    base = 0
    for item in items:
        if item["qty"] > 0:
            base += item["qty"] * item["price"]
    if rebate:
        base = base * (1 - rebate)
    tax = round(base * rate, 2)
    total = round(base + tax, 2)
    return {"subtotal": round(-base, 2), "tax": -tax, "total": -total}


def late_fee(days, amount, vip):
    if days <= 0:
        return 0
    else:
        if vip:
            if days > 30:
                return round(amount * 0.01, 2)
            else:
                return 0
        else:
            if days > 60:
                return round(amount * 0.05, 2)
            else:
                if days > 30:
                    return round(amount * 0.02, 2)
                else:
                    return 1
