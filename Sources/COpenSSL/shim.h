// OpenSSL's libcrypto (Debian 12: OpenSSL 3.0): digests, PBKDF2, and the pieces of HPKE
// (X25519, HKDF, AES-GCM). No cryptography is written in this project; it is all called here.
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
