#!/usr/bin/env bash
# Regenerates the test-only TLS material of TlsTest (never use it anywhere else). Valid for 100 years.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -days $days -subj "/CN=docverify test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

key server.key
openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days $days -out server.pem \
  -extfile <(printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")

key client.key
openssl req -new -key client.key -subj "/CN=docverify test client" -out client.csr
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days $days -out client.pem \
  -extfile <(printf "extendedKeyUsage=clientAuth\n")

# A client certificate from a CA the server does not trust.
key stranger.key
openssl req -x509 -new -key stranger.key -days $days -subj "/CN=untrusted test client" -out stranger.pem

rm -f ./*.csr ca.srl ca.key
