#!/bin/sh
# Makes the certificates the probe's TLS-failure tests present (test-only, never used elsewhere).
# All use server-key.pem; the CA-signed ones are signed by ca.pem (see make-fixtures.sh):
#   localhost-only.pem  names only DNS:localhost (a probe of 127.0.0.1 must say so)
#   expired.pem         localhost and 127.0.0.1, valid 2001-01-01 to 2002-01-01
#   not-yet-valid.pem   localhost and 127.0.0.1, valid from 2090-01-01
#   self-signed.pem     localhost and 127.0.0.1, issued by itself (an untrusted issuer)
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -new -key server-key.pem -out "$work/server.csr" -subj "/CN=localhost" 2>/dev/null
touch "$work/index.txt"
echo 1000 > "$work/serial"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
serial = $work/serial
new_certs_dir = $work
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[both]
subjectAltName = DNS:localhost,IP:127.0.0.1
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
[localhost]
subjectAltName = DNS:localhost
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
CNF
sign() { # output, extensions, start, end
    openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca-key.pem -in "$work/server.csr" -out "$work/out.pem" \
        -extensions "$2" -startdate "$3" -enddate "$4" 2>/dev/null
    openssl x509 -in "$work/out.pem" -out "$1"
}
sign localhost-only.pem localhost 20240101000000Z 20440101000000Z
sign expired.pem both 20010101000000Z 20020101000000Z
sign not-yet-valid.pem both 20900101000000Z 20910101000000Z
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$work/self.ext"
openssl x509 -req -in "$work/server.csr" -signkey server-key.pem -out self-signed.pem -days 7300 -extfile "$work/self.ext" 2>/dev/null
