#!/bin/sh
# Regenerates the TEST-ONLY key material in src/test/resources/dev/switchboard/tls/testing.
# Nothing here may ever protect anything real: the private keys are public, committed on purpose.
# Certificates are valid from 2000 to 2125, so that the tests neither expire nor depend on a correct clock.
# Needs OpenSSL 3.
set -eu
out="$(cd "$(dirname "$0")/../resources" && pwd)/dev/switchboard/tls/testing"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
validity="-startdate 20000101000000Z -enddate 21250101000000Z"
pass=test-password
cd "$work"
# "openssl ca" rather than "openssl x509 -req": only it sets a notBefore in the past.
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test
[ test ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
CNF
: > index.txt
echo 1000 > serial

ca() { # name, subject
    openssl req -new -newkey rsa:2048 -nodes -keyout "$1-key.pem" -subj "$2" -out ca.csr 2>/dev/null
    printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' > ca.ext
    openssl ca -batch -notext -config ca.cnf -selfsign -keyfile "$1-key.pem" -in ca.csr $validity \
        -extfile ca.ext -out "$1.pem" 2>/dev/null
}
leaf() { # key, ca, subject, extensions, out
    openssl req -new -key "$1" -subj "$3" -out leaf.csr
    printf '%s\n' "$4" > leaf.ext
    openssl ca -batch -notext -config ca.cnf -cert "$2.pem" -keyfile "$2-key.pem" -in leaf.csr $validity \
        -extfile leaf.ext -out "$5" 2>/dev/null
}

ca ca "/CN=Switchboard TEST ONLY server CA"
ca client-ca "/CN=Switchboard TEST ONLY client CA"
ca stranger-ca "/CN=Switchboard TEST ONLY untrusted CA"

server_ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"
client_ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"

# RSA server key: PKCS#8 ("BEGIN PRIVATE KEY") and the same key as PKCS#1 ("BEGIN RSA PRIVATE KEY").
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-key.pem 2>/dev/null
openssl rsa -in server-key.pem -traditional -out server-key-rsa.pem 2>/dev/null
leaf server-key.pem ca "/CN=localhost" "$server_ext" server-leaf.pem
cat server-leaf.pem ca.pem > server.pem # the chain: leaf first
openssl pkcs12 -export -inkey server-key.pem -in server-leaf.pem -certfile ca.pem -name server \
    -passout pass:$pass -out server.p12
openssl pkcs8 -topk8 -in server-key.pem -v2 aes-256-cbc -passout pass:$pass -out server-key-encrypted.pem

# EC server key: SEC1 ("BEGIN EC PRIVATE KEY", after an "EC PARAMETERS" block as openssl ecparam writes it)
# and the same key as PKCS#8.
openssl ecparam -name prime256v1 -genkey -out server-ec-key.pem
openssl pkcs8 -topk8 -nocrypt -in server-ec-key.pem -out server-ec-key-pkcs8.pem
leaf server-ec-key.pem ca "/CN=localhost" "$server_ext" server-ec.pem

# A key that matches no certificate.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other-key.pem 2>/dev/null

# Clients: one signed by the client CA the listener trusts, one by a CA it does not.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out client-key.pem
leaf client-key.pem client-ca "/CN=test-client" "$client_ext" client.pem
openssl pkcs12 -export -inkey client-key.pem -in client.pem -name client -passout pass:$pass -out client.p12
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out stranger-key.pem
leaf stranger-key.pem stranger-ca "/CN=stranger" "$client_ext" stranger.pem
openssl pkcs12 -export -inkey stranger-key.pem -in stranger.pem -name stranger -passout pass:$pass -out stranger.p12

mkdir -p "$out"
cp ca.pem client-ca.pem server.pem server-key.pem server-key-rsa.pem server-key-encrypted.pem server.p12 \
    server-ec.pem server-ec-key.pem server-ec-key-pkcs8.pem other-key.pem client.p12 stranger.p12 "$out"/
echo "written to $out"
