#!/usr/bin/env bash
# The whole test suite: unit tests, OSGi integration tests inside Felix, and end-to-end tests against the started
# node with third-party WAMP clients. Installs what the tests need from the registries when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# autobahn-python and its serializers and crypto for the e2e tests, in Debian's own python3 (not a pyenv one)
/usr/bin/python3 -c 'import autobahn, msgpack, cbor2, nacl' >/dev/null 2>&1 \
    || need_apt+=(python3-autobahn python3-msgpack python3-cbor2 python3-nacl)
# The browser test (itest/browser) drives Debian's Chromium with playwright-core (never a downloaded browser)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "test.sh: installing ${need_apt[*]} (Debian packages)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "test.sh: missing ${need_apt[*]}; install them (apt-get install ${need_apt[*]}) and run again" >&2
        exit 1
    fi
fi

exec mvn -B verify "$@"
