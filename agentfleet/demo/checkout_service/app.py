"""Production entrypoint: report errors to the DSN, then handle the orders in a JSON file."""

import json
import sys

import sentry_sdk

from checkout.service import handle_checkout

dsn, release, orders_file = sys.argv[1:4]
# auto_enabling_integrations=False: this service uses no frameworks, so don't scan for them.
sentry_sdk.init(dsn=dsn, release=release, environment="production", traces_sample_rate=0,
                auto_enabling_integrations=False)

with open(orders_file) as f:
    orders = json.load(f)
for order in orders:
    print(handle_checkout(order), flush=True)
# A batch that got through says so: the fleet counts it as traffic when it judges a deployed fix.
sentry_sdk.capture_message(f"checkout: {len(orders)} orders confirmed", level="info")
