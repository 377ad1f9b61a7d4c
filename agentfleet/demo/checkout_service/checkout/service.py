"""The request handler: an order in, a priced confirmation out."""

from __future__ import annotations

from checkout.cart import Cart


def handle_checkout(order: dict) -> dict:
    """Price ``order`` and confirm it."""
    cart = Cart.from_order(order)
    return {"order": order["id"], "total": str(cart.total()), "status": "confirmed"}
