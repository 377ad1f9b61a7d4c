"""Production entrypoint: report errors to the DSN, then handle the orders in a JSON file."""

import json
import sys

import sentry_sdk

from checkout.service import handle_checkout

dsn, release, orders_file = sys.argv[1:4]
sentry_sdk.init(dsn=dsn, release=release, environment="production", traces_sample_rate=0)

with open(orders_file) as f:
    for order in json.load(f):
        print(handle_checkout(order), flush=True)
