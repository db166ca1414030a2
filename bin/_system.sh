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
unset need_postgres need_browser missing part
