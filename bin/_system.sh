# Sourced by bin/run, bin/test and bin/bench: install the Debian packages the project needs when
# they are missing and this is a Debian machine where we may (root, apt-get); otherwise say what
# to install. Arguments: "postgres" and/or "browser".
need_postgres=false need_browser=false
for part in "$@"; do
  case "$part" in
    postgres) need_postgres=true ;;
    browser) need_browser=true ;;
  esac
done
missing=()
# The project starts its own PostgreSQL from the server binaries (they need not be running).
if $need_postgres && ! command -v initdb >/dev/null \
    && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# Browser tests drive Debian's Chromium (never a downloaded one) and need a Chinese font.
if $need_browser && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium chromium-driver)
fi
if $need_browser && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  missing+=(fonts-wqy-microhei)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} ..." >&2
    export DEBIAN_FRONTEND=noninteractive  # no package may stop a run with a question
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "warning: missing system packages: ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
  fi
fi
# The C version of the search index's bigram function (reports/search/pg): built and installed
# into the newest Debian server's library folder, which needs its headers and root. Without it
# search_bigrams stays plpgsql, slower to build indexes with but the same results.
if $need_postgres; then
  server="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  server="${server%/bin}"
  stamp="var/build/pg/installed"
  wanted="${server}:$(cat reports/search/pg/* | sha256sum | cut -d' ' -f1)"
  if [ -n "$server" ] && { [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] \
      || [ ! -f "$server/lib/reportsite_search.so" ]; }; then
    # pg_config comes with the client package too; the headers only with the -dev one.
    headers="$("$server/bin/pg_config" --includedir-server 2>/dev/null || true)/postgres.h"
    if [ "$(id -u)" = 0 ] && [ ! -f "$headers" ] && command -v apt-get >/dev/null; then
      echo "Installing postgresql-server-dev-${server##*/} ..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq "postgresql-server-dev-${server##*/}" >/dev/null || true
    fi
    rm -rf var/build/pg && mkdir -p var/build/pg && cp reports/search/pg/* var/build/pg/
    headers="$("$server/bin/pg_config" --includedir-server 2>/dev/null || true)/postgres.h"
    # Built here, then renamed into place: writing over the library in place (as make install
    # does) would change the code under any running server that has it loaded.
    if [ -f "$headers" ] && [ -w "$server/lib" ] \
        && make -s -C var/build/pg PG_CONFIG="$server/bin/pg_config" with_llvm=no >&2 \
        && install -m 755 var/build/pg/reportsite_search.so "$server/lib/.reportsite_search.so.new" \
        && mv -f "$server/lib/.reportsite_search.so.new" "$server/lib/reportsite_search.so"; then
      echo "$wanted" > "$stamp"
    else
      echo "warning: the C search_bigrams was not built (needs root and postgresql-server-dev-${server##*/});" \
        "indexes are built with the slower plpgsql one" >&2
    fi
  fi
  unset server stamp wanted headers
fi
unset need_postgres need_browser missing part
