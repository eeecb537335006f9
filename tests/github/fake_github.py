#!/usr/bin/env python3
"""A fake GitHub REST API for tests, on 127.0.0.1 and a free port, recording every request.

Usage: fake_github.py DIR
  DIR/port           written once listening
  DIR/requests.jsonl one JSON line per request: method, path, headers, body
  DIR/comments.json  the issue comments (read and written; the test may seed it)
  DIR/plan.json      optional: {"page_size": N, "responses": [{"status", "headers", "body"}],
                     "login": L, "hang": true};
                     canned responses are served first, one per request, and removed;
                     "login": the token is user L's (GET /user answers it, new comments are L's);
                     without it the token is an installation's, as the workflow's GITHUB_TOKEN
                     (GET /user is 403, new comments are github-actions[bot]'s);
                     "hang": every request is read and never answered
Stops by itself after 300 seconds.
"""
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

DIR = sys.argv[1]


def load(name, default):
    try:
        with open(os.path.join(DIR, name)) as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def save(name, value):
    with open(os.path.join(DIR, name), "w") as f:
        json.dump(value, f)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode() if not isinstance(body, str) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        with open(os.path.join(DIR, "requests.jsonl"), "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "headers": dict(self.headers.items()), "body": body}) + "\n")
        plan = load("plan.json", {})
        if plan.get("hang"):
            time.sleep(300)
            return
        if plan.get("responses"):
            canned = plan["responses"].pop(0)
            save("plan.json", plan)
            self.reply(canned["status"], canned.get("body", {"message": "canned"}), canned.get("headers"))
            return
        url = urlsplit(self.path)
        comments = load("comments.json", [])
        base = "http://%s:%d" % self.server.server_address
        listing = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/(\d+)/comments", url.path)
        single = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/comments/(\d+)", url.path)
        login = plan.get("login")
        if url.path == "/user" and self.command == "GET":
            if login:
                self.reply(200, {"login": login, "type": "User"})
            else:
                self.reply(403, {"message": "Resource not accessible by integration"})
        elif listing and self.command == "GET":
            size = plan.get("page_size", 30)
            page = int(parse_qs(url.query).get("page", ["1"])[0])
            chunk = comments[(page - 1) * size:page * size]
            headers = {}
            if page * size < len(comments):
                headers["Link"] = '<%s%s?per_page=100&page=%d>; rel="next", <%s%s?page=9>; rel="last"' % (
                    base, url.path, page + 1, base, url.path)
            self.reply(200, chunk, headers)
        elif listing and self.command == "POST":
            new_id = max([c["id"] for c in comments] + [1000]) + 1
            author = login or "github-actions[bot]"
            comment = {"id": new_id, "body": json.loads(body)["body"],
                       "user": {"login": author, "type": "User" if login else "Bot"},
                       "html_url": "https://github.com/%s/pull/%s#issuecomment-%d" % (listing[1], listing[2], new_id)}
            comments.append(comment)
            save("comments.json", comments)
            self.reply(201, comment)
        elif single and self.command == "PATCH":
            for comment in comments:
                if comment["id"] == int(single[2]):
                    comment["body"] = json.loads(body)["body"]
                    save("comments.json", comments)
                    self.reply(200, comment)
                    return
            self.reply(404, {"message": "Not Found"})
        else:
            self.reply(404, {"message": "Not Found"})

    do_GET = do_POST = do_PATCH = do_DELETE = handle_any


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Timer(300, lambda: os._exit(0)).start()
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
server.serve_forever()
