#!/bin/sh
# Regenerates the test-only TLS and signing material (never used outside tests):
#   ca.pem / ca-key.pem         a test certificate authority
#   server.pem / server-key.pem a certificate for localhost and 127.0.0.1, signed by the CA
#   app.pem / app-key.pem       the "app registration" certificate that signs client assertions
#   app-pkcs8-encrypted.pem     the same key, PKCS #8 encrypted with passphrase "fixture-pass"
#   app.pfx                     certificate and key as PKCS #12, password "fixture-pass"
#   app-legacy-rc2.pfx          the same with RC2-40 and 3DES, as older Windows exports write it
#   app-3des.pfx                the same with 3DES for both (Windows Server 2016-era exports)
#   other-key.pem               a key that belongs to no certificate here (mismatch tests)
set -eu
cd "$(dirname "$0")"
days=7300
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days $days -subj "/CN=authshift test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server.pem -days $days -extfile server.ext 2>/dev/null
rm -f server.csr server.ext ca.srl
openssl req -x509 -newkey rsa:2048 -nodes -keyout app-key.pem -out app.pem -days $days -subj "/CN=authshift test app" 2>/dev/null
openssl pkcs8 -topk8 -in app-key.pem -out app-pkcs8-encrypted.pem -passout pass:fixture-pass
openssl pkcs12 -export -in app.pem -inkey app-key.pem -out app.pfx -passout pass:fixture-pass
openssl pkcs12 -export -legacy -in app.pem -inkey app-key.pem -out app-legacy-rc2.pfx -passout pass:fixture-pass
openssl pkcs12 -export -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -in app.pem -inkey app-key.pem -out app-3des.pfx -passout pass:fixture-pass
openssl genrsa -out other-key.pem 2048 2>/dev/null
