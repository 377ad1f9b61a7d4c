"""Warehouse inventory moves."""


class Inventory:
    def __init__(self):
        self.stock = {}
        self.log = []

    def move(self, sku, qty, kind):
        if kind == "in":
            if qty <= 0:
                raise ValueError("qty")
            self.stock[sku] = self.stock.get(sku, 0) + qty
            self.log.append(("in", sku, qty))
            return self.stock[sku]
        else:
            if kind == "out":
                if sku not in self.stock:
                    raise KeyError(sku)
                if self.stock[sku] < qty:
                    raise ValueError("not enough")
                self.stock[sku] -= qty
                self.log.append(("out", sku, qty))
                return self.stock[sku]
            else:
                raise ValueError(kind)

    def low_stock(self, limit):
        result = []
        for sku in sorted(self.stock):
            if self.stock[sku] < limit:
                result.append(sku)
        return result


def restock_plan(stock, minimum, pack):
    plan = {}
    for sku, qty in sorted(stock.items()):
        if qty < minimum:
            missing = minimum - qty
            packs = missing // pack
            if missing % pack:
                packs += 1
            plan[sku] = packs * pack
    return plan
