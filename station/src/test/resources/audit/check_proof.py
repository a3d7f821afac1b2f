#!/usr/bin/python3
"""Checks a Backchannel receipt proof, following only the README's steps ("Proving a receipt to
someone who does not trust the station"): Python's standard library and PyNaCl (Debian's
python3-nacl). Prints what the proof proves and exits 0, or says what does not hold and exits 1."""
import base64
import hashlib
import json
import sys

import nacl.exceptions
import nacl.signing


def fail(why):
    print("proof fails: " + why)
    sys.exit(1)


def sha256(data):
    return hashlib.sha256(data).digest()


proof = json.load(open(sys.argv[1], encoding="utf-8"))

# 1. the key: name + key id + base64(0x01 || 32-byte Ed25519 key)
name, key_id, typed = proof["publicKey"].split("+", 2)
typed = base64.b64decode(typed)
if len(typed) != 33 or typed[0] != 0x01:
    fail("the public key is no Ed25519 key")
key = typed[1:]
if sha256(name.encode() + b"\n" + typed)[:4].hex() != key_id:
    fail("the key id does not match the key")

# 2. the checkpoint's signature
note = proof["checkpoint"]
text, signatures = note.rsplit("\n\n", 1)
text += "\n"
signature = None
for line in signatures.rstrip("\n").split("\n"):
    if line.startswith("\u2014 " + name + " "):
        signed = base64.b64decode(line.split(" ")[2])
        if signed[:4].hex() == key_id:
            signature = signed[4:]
if signature is None:
    fail("the checkpoint carries no signature by " + name)
try:
    nacl.signing.VerifyKey(key).verify(text.encode("utf-8"), signature)
except nacl.exceptions.BadSignatureError:
    fail("the checkpoint's signature does not verify")

# 3. origin, size, root
origin, size, root = text.split("\n")[:3]
if origin != name:
    fail("the checkpoint is of another log: " + origin)
size = int(size)
root = base64.b64decode(root)

# 4. each entry's inclusion (RFC 9162, 2.1.3.2)
entries = []
for e in proof["entries"]:
    h = sha256(b"\x00" + e["entry"].encode("utf-8"))
    i, n = e["index"], size - 1
    for p in e["inclusion"]:
        p = base64.b64decode(p)
        if n == 0:
            fail("entry %d: its proof is too long" % e["index"])
        if i % 2 == 1 or i == n:
            h = sha256(b"\x01" + p + h)
            while i % 2 == 0 and i != 0:
                i >>= 1
                n >>= 1
        else:
            h = sha256(b"\x01" + h + p)
        i >>= 1
        n >>= 1
    if n != 0 or h != root:
        fail("entry %d is not in the checkpoint" % e["index"])
    entries.append(json.loads(e["entry"]))

# 5. one cable: the release names it, the receipt names the same hash
if len({e.get("cable") for e in entries}) != 1:
    fail("the entries name different cables")
release, receipt = entries[0], entries[-1]
print(
    "holds: %s %s %s of %s at %s, in checkpoint %d of %s"
    % (
        receipt["event"].get("reader", receipt["actor"]),
        receipt["kind"],
        receipt["event"].get("kind", ""),
        release["event"]["designator"],
        receipt["at"],
        size,
        origin,
    )
)
