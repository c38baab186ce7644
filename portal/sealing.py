"""Opening contract §4 sealed submissions: RFC 9180 HPKE base mode, DHKEM(X25519, HKDF-SHA256),
HKDF-SHA256, AES-128-GCM. Written apart from the kiosk's Swift code, from the RFC's text, so that
each checks the other. Needs the `cryptography` package (X25519 and AES-GCM); HKDF is the standard
library's HMAC. Only imported when the portal is given a private key.
"""

import base64
import binascii
import hashlib
import hmac
import json

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

INFO = b"carekiosk submission v1"
KEM_SUITE = b"KEM" + (0x0020).to_bytes(2, "big")
HPKE_SUITE = b"HPKE" + (0x0020).to_bytes(2, "big") + (0x0001).to_bytes(2, "big") + (0x0001).to_bytes(2, "big")


class CannotOpen(Exception):
    """The sealed body does not open with this key (wrong key, wrong id, altered bytes)."""


def _extract(salt, ikm):
    return hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()


def _expand(prk, info, length):
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def _labeled_extract(suite, salt, label, ikm):
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite, prk, label, info, length):
    return _expand(prk, length.to_bytes(2, "big") + b"HPKE-v1" + suite + label + info, length)


def _shared_secret(dh, enc, pk_r):
    eae_prk = _labeled_extract(KEM_SUITE, b"", b"eae_prk", dh)
    return _labeled_expand(KEM_SUITE, eae_prk, b"shared_secret", enc + pk_r, 32)


def _key_and_nonce(shared, info, seq):
    """KeySchedule for mode_base, then the nonce of sequence number `seq`."""
    context = (b"\x00" + _labeled_extract(HPKE_SUITE, b"", b"psk_id_hash", b"")
               + _labeled_extract(HPKE_SUITE, b"", b"info_hash", info))
    secret = _labeled_extract(HPKE_SUITE, shared, b"secret", b"")
    key = _labeled_expand(HPKE_SUITE, secret, b"key", context, 16)
    base_nonce = _labeled_expand(HPKE_SUITE, secret, b"base_nonce", context, 12)
    return key, (int.from_bytes(base_nonce, "big") ^ seq).to_bytes(12, "big")


def _raw(public_key):
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def seal_base(public_key_raw, info, aad, pt, ephemeral_raw=None, seq=0):
    """RFC 9180 SetupBaseS + Seal: (enc, ct). For tests: the kiosk is the one that seals."""
    sk_e = X25519PrivateKey.from_private_bytes(ephemeral_raw) if ephemeral_raw else X25519PrivateKey.generate()
    enc = _raw(sk_e.public_key())
    shared = _shared_secret(sk_e.exchange(X25519PublicKey.from_public_bytes(public_key_raw)), enc, public_key_raw)
    key, nonce = _key_and_nonce(shared, info, seq)
    return enc, AESGCM(key).encrypt(nonce, pt, aad)


def open_base(private_key_raw, enc, info, aad, ct, seq=0):
    """RFC 9180 SetupBaseR + Open for the sequence number `seq`."""
    try:
        sk = X25519PrivateKey.from_private_bytes(private_key_raw)
        dh = sk.exchange(X25519PublicKey.from_public_bytes(enc))
    except ValueError as e:
        raise CannotOpen(str(e)) from e
    key, nonce = _key_and_nonce(_shared_secret(dh, enc, _raw(sk.public_key())), info, seq)
    try:
        return AESGCM(key).decrypt(nonce, ct, aad)
    except Exception as e:  # cryptography's InvalidTag
        raise CannotOpen("the ciphertext does not authenticate") from e


class Opener:
    """The portal's private key (and, if given, the key id it answers to)."""

    def __init__(self, private_key_raw, key_id=None):
        X25519PrivateKey.from_private_bytes(private_key_raw)  # refuses a wrong length at start
        self.private_key_raw, self.key_id = private_key_raw, key_id

    @classmethod
    def from_file(cls, path, key_id=None):
        with open(path, encoding="ascii") as f:
            text = f.read().strip()
        try:
            raw = binascii.unhexlify(text)
        except binascii.Error as e:
            raise ValueError("the private key file must hold 64 hex characters") from e
        if len(raw) != 32:
            raise ValueError("the private key file must hold 64 hex characters")
        return cls(raw, key_id)

    def open(self, doc):
        """The body of a sealed submission, as a JSON value. Raises CannotOpen."""
        sealed = doc["sealed"]
        if self.key_id is not None and sealed.get("key_id") != self.key_id:
            raise CannotOpen("sealed to key %r, this portal has %r" % (sealed.get("key_id"), self.key_id))
        plain = open_base(self.private_key_raw, base64.b64decode(sealed["enc"]), INFO,
                          doc["id"].encode("ascii"), base64.b64decode(sealed["ct"]))
        try:
            return json.loads(plain.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise CannotOpen("the opened body is not UTF-8 JSON") from e
