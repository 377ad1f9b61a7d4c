#!/bin/sh
# postgres:16's contract, from the offline service image (deploy/docker-compose.offline.yml): the cluster in
# /var/lib/postgresql/data is created on first start with POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB,
# and listens on 5432 with password authentication. Runs the server as nobody (PostgreSQL refuses root).
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
data=/var/lib/postgresql/data
as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
mkdir -p "$data" && chown 65534:65534 "$data" && chmod 700 "$data"
if [ ! -s "$data/PG_VERSION" ]; then
  pwfile=$(mktemp) && printf '%s' "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}" > "$pwfile" && chown 65534 "$pwfile"
  $as_nobody "$bin/initdb" -D "$data" -U "${POSTGRES_USER:-postgres}" --pwfile="$pwfile" -A scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$data/pg_hba.conf"
  echo "CREATE DATABASE \"${POSTGRES_DB:-${POSTGRES_USER:-postgres}}\";" \
    | $as_nobody "$bin/postgres" --single -D "$data" -j postgres >/dev/null
fi
exec $as_nobody "$bin/postgres" -D "$data" -c listen_addresses='*' -k /tmp
