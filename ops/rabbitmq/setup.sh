#!/bin/sh
# Loads definitions.json into the broker through its management API, then gives the client, ts
# and rs users their passwords. The definitions carry no passwords (password_hash ""), so the
# secrets live only in .env. Idempotent: run it again after changing a password.
#
# Environment: MANAGEMENT_URL, ADMIN_USER, ADMIN_PASSWORD, CLIENT_PASSWORD, TS_PASSWORD,
# RS_PASSWORD; BROKER_VHOST (URL-encoded, default %2F) and USER_PREFIX (default empty) put the
# deployment in another vhost under other user names, so CI can run it beside other work.
set -eu
here=$(dirname "$0")
vhost_path=${BROKER_VHOST:-%2F}
vhost_name=$(printf '%s' "$vhost_path" | sed 's/%2[Ff]/\//g')
prefix=${USER_PREFIX:-}

api() {
  curl -fsS -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'content-type: application/json' "$@"
}

for _ in $(seq 1 30); do
  api -o /dev/null "$MANAGEMENT_URL/api/overview" && break
  sleep 2
done

api -o /dev/null -X PUT "$MANAGEMENT_URL/api/vhosts/$vhost_path"
sed -e "s#\"vhost\": \"/\"#\"vhost\": \"$vhost_name\"#g" \
    -e "s#\"name\": \"/\"#\"name\": \"$vhost_name\"#" \
    -e "s#\"\(name\|user\)\": \"\(client\|ts\|rs\)\"#\"\1\": \"$prefix\2\"#g" \
    "$here/definitions.json" |
  api -o /dev/null -X POST --data-binary @- "$MANAGEMENT_URL/api/definitions"

for pair in "client:$CLIENT_PASSWORD" "ts:$TS_PASSWORD" "rs:$RS_PASSWORD"; do
  user=${pair%%:*}
  password=${pair#*:}
  api -o /dev/null -X PUT --data-binary "{\"password\":\"$password\",\"tags\":\"\"}" "$MANAGEMENT_URL/api/users/$prefix$user"
done
echo "setup: loaded definitions into vhost $vhost_name; users ${prefix}client, ${prefix}ts, ${prefix}rs have their passwords"
