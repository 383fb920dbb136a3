"""Reads user-data files with cloud-init's own MIME handling; prints their parts as JSON.

Runs under the system interpreter (/usr/bin/python3), where Debian's cloud-init package lives.
"""
import json
import sys

from cloudinit import helpers, user_data


def parts_of(path):
    with open(path, "rb") as f:
        message = user_data.UserDataProcessor(helpers.Paths({})).process(f.read())
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "multipart":
            continue
        payload = part.get_payload(decode=True)
        headers = {k.lower(): v for k, v in part.items() if k.lower() in ("merge-type", "content-disposition", "x-user-header")}
        parts.append({"type": part.get_content_type(), "payload": payload.decode("utf-8") if payload else "", "headers": headers})
    return parts


print(json.dumps({path: parts_of(path) for path in sys.argv[1:]}))
