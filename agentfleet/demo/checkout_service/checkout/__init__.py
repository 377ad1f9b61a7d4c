"""The checkout service: prices carts and takes orders."""
