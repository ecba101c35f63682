#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite and print its SQLAlchemy URL.
#
#   url=$(scripts/start_postgres.sh DIR)   # start; DIR is created (default: a new temp dir)
#   scripts/start_postgres.sh --stop DIR   # stop it and delete DIR
#
# The server listens on 127.0.0.1 on a free port, trusts local connections (it is a
# disposable test server, never a real one) and its superuser is "postgres":
#   JUKWAA_TEST_PG_URL=$url python -m pytest
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" user.
# Binaries are taken from $PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH.
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

die() { echo "start_postgres: $*" >&2; exit 1; }

find_bindir() {
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
        echo "$PG_BIN"; return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
    die "no PostgreSQL binaries found (install the 'postgresql' package or set PG_BIN)"
}

# Run a command as the server's owner: "postgres" when we are root, else ourselves.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
        # From / : the caller's folder may be closed to the postgres user.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

free_port() {
    python3 - <<'PY'
import socket

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

BIN=$(find_bindir)

if [[ "${1:-}" == "--stop" ]]; then
    dir="${2:?usage: start_postgres.sh --stop DIR}"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf -- "$dir"
    exit 0
fi

dir="${1:-$(mktemp -d -t jukwaa-pg.XXXXXX)}"
mkdir -p "$dir"
[[ -e "$dir/data" ]] && die "$dir/data already exists; pass a new directory"
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
    chown postgres: "$dir"
fi

echo "start_postgres: initdb in $dir/data ($BIN)" >&2
as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

# Durability settings are off: this server holds test data only and speed matters more.
port=$(free_port)
as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$dir/server.log" >&2; die "the server did not start"; }

as_owner "$BIN/pg_isready" -h 127.0.0.1 -p "$port" -t 30 >&2 \
    || die "the server does not accept connections on 127.0.0.1:$port"
echo "start_postgres: running on 127.0.0.1:$port; stop with: $0 --stop $dir" >&2
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
