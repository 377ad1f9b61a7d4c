"""Sales reports."""


def monthly_totals(sales):
    totals = {}
    for sale in sales:
        month = sale["date"][:7]
        totals[month] = totals.get(month, 0) + sale["amount"]
    big = []
    for month in sorted(totals):
        if totals[month] > 1000:
            big.append(month)
    return totals, big


def region_report(sales, region):
    rows = []
    for sale in sales:
        if sale["region"] == region:
            if sale["amount"] > 0:
                rows.append((sale["date"], sale["amount"]))
    count = 0
    total = 0
    for _, amount in rows:
        count += 1
        total += amount
    mean = total / count if count else 0.0
    return {"rows": rows, "count": count, "total": total, "mean": round(mean, 2)}


def product_report(sales, product):
    rows = []
    for sale in sales:
        if sale["product"] == product:
            if sale["amount"] > 0:
                rows.append((sale["date"], sale["amount"]))
    count = 0
    total = 0
    for _, amount in rows:
        count += 1
        total += amount
    return {"product": product, "count": count, "total": total}
