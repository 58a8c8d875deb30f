"""Benchmark: the community under load, against a minimal Django view on the same server.

1. Seeds a PostgreSQL database (by default ``upward_bench``, dropped and created
   afresh) with 100k members, 200k stories and discussions and 1M comments and
   replies, written with COPY (minutes, not hours), plus the search index.
2. Serves it with gunicorn as ``upward serve --prod`` does (production settings,
   2 × cores + 1 sync workers) on loopback.
3. Drives, one after another, each for ``--seconds`` with ``--clients``
   concurrent clients (keep-alive HTTP, several processes so the load generator
   is not the bottleneck): the minimal view (``/healthz``: one ``SELECT 1``
   through the whole middleware stack — the ceiling), the story feed, story
   pages and search, each as a signed-in network member. "story" reads the
   stories the feed's first pages show (the newest ``--hot-stories``, where
   readers arrive from); "story-cold" reads ``--stories`` random stories, most
   of them for the first time (each first view is built from the database), and
   has no target — it shows what an uncached story page costs.
4. Prints p50/p95 latency, throughput and errors for each, their ratios to the
   ceiling, and whether each target is met: p95 ≤ 100 ms for feed and story,
   ≤ 200 ms for search, no errors, feed throughput ≥ 30 % of the ceiling.

Not a test (``make test`` never runs it). Example::

    python bench/community_load.py                       # full size, 60 s each
    python bench/community_load.py --scale 0.01 --seconds 10   # a quick look
    python bench/community_load.py --reuse               # skip seeding if already seeded
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "bench"))
import _community_words as words  # noqa: E402

TARGETS = {"feed": 100.0, "story": 100.0, "search": 200.0}  # p95, milliseconds
FEED_SHARE_OF_CEILING = 0.30
SEARCH_TERMS = ["apprenticeship", "graduate scheme", "promotion", "mentor", "accent",
                "night school", "secondment", "young carer", "free school meals", "Grimsby",
                "Merthyr", "study leave", "imposter", "CIPD", "panel interview", "Wigan"]


# --- seeding ----------------------------------------------------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    """(URL of the server's 'postgres' database, name of the bench database)."""
    base, name = url.rsplit("/", 1)
    return f"{base}/postgres", name


def database_prepare(url: str, *, reuse: bool) -> bool:
    """Create the bench database; True when it is already seeded and may be reused."""
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [name]).fetchone()
        if exists and reuse:
            with psycopg.connect(url) as bench:
                seeded = bench.execute("SELECT to_regclass('community_story')").fetchone()[0]
                if seeded and bench.execute("SELECT count(*) > 0 FROM community_story"
                                            ).fetchone()[0]:
                    return True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return False


def _django_env(url: str, static_root: str, redis_url: str = "") -> dict:
    return {**os.environ, "DATABASE_URL": url, "UPWARD_ENV": "production",
            "REDIS_URL": redis_url,
            "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "UPWARD_SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "0", "STATIC_ROOT": static_root,
            "UPWARD_VAR_DIR": static_root, "PYTHONPATH": str(ROOT / "src")}


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "django", *args], env={
        **env, "DJANGO_SETTINGS_MODULE": "upward.web.settings"}, check=True,
        stdout=subprocess.DEVNULL)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>\n"


def _story_row(rng, pk, author, now):
    place = rng.choice(words.PLACES)
    fill = {"place": place, "n": rng.randint(3, 14), "title": "team leader",
            "team": "operations"}
    started = rng.choice(words.STARTED).format(**fill)
    hard = rng.choice(words.HARD)
    turning = rng.choice(words.TURNING)
    now_text = rng.choice(words.NOW).format(**fill)
    advice = rng.choice(words.ADVICE)
    title = f"{rng.choice(words.TITLES)} — a {place} story"
    rendered = json.dumps({"prompt_started": _p(started), "prompt_hard": _p(hard),
                           "prompt_turning": _p(turning), "prompt_now": _p(now_text),
                           "prompt_advice": _p(advice), "body": ""})
    anonymous = rng.random() < 0.15
    roll = rng.random()
    status = "published" if roll < 0.96 else ("pending" if anonymous else "draft")
    audience = rng.choices(["network", "organisation", "public"], weights=[70, 22, 8])[0]
    created = now - timedelta(days=rng.uniform(0, 1100))
    published = created + timedelta(minutes=30) if status == "published" else None
    approved = published if audience == "public" and rng.random() < 0.7 else None
    return (pk, author, anonymous, status, None, "", "", created, None, title[:120],
            advice[:280], started, hard, turning, now_text, advice, "", rendered, False,
            audience, approved, None, published, published, published, None, None,
            int(rng.paretovariate(1.5)) - 1, 0)


STORY_COLUMNS = (
    "id, author_id, is_anonymous, status, hidden_at, hidden_reason, moderation_note, "
    "created_at, edited_at, title, cover_quote, prompt_started, prompt_hard, prompt_turning, "
    "prompt_now, prompt_advice, body, rendered, include_timeline, audience, "
    "public_approved_at, embargo_until, published_at, visible_from, announced_at, featured_at, "
    "comments_locked_at, reaction_count, comment_count")


def seed(url: str, *, members: int, stories: int, threads: int, comments: int,
         seed_value: int = 2026) -> dict:
    """Fill the database with COPY; return the counts."""
    rng = random.Random(seed_value)
    now = datetime.now(UTC)
    password = "argon2$argon2id$v=19$m=102400,t=2,p=8$YmVuY2g$" + "A" * 43
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        cur = conn.cursor()
        cur.execute("SET synchronous_commit = off")
        with cur.copy("COPY accounts_user (id, password, email, is_active, is_superuser, "
                      "date_joined) FROM STDIN") as copy:
            for pk in range(1, members + 1):
                copy.write_row((pk, password, f"member{pk}@bench.example", True, False,
                                now - timedelta(days=400)))
        first_names = ["Amara", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hamza",
                       "Isla", "Jack", "Kiran", "Lucy", "Mo", "Niamh", "Owen", "Priya"]
        last_names = ["Okafor", "Hughes", "Shah", "Nowak", "Reid", "Doyle", "Patel", "Evans",
                      "Khan", "Murphy", "Jones", "Walsh", "Ali", "Kowalski", "Brown"]
        with cur.copy("COPY accounts_profile (id, user_id, display_name, pronouns, job_title, "
                      "team, location, bio, ask_me_about, visibility, updated_at) FROM STDIN"
                      ) as copy:
            for pk in range(1, members + 1):
                copy.write_row((pk, pk, f"{rng.choice(first_names)} {rng.choice(last_names)}",
                                "", "Analyst", "Finance", "Leeds", "", "[]", "{}", now))
        with cur.copy("COPY accounts_roleassignment (user_id, role, granted_at) FROM STDIN"
                      ) as copy:
            for pk in range(1, members + 1):
                copy.write_row((pk, "member", now))
        tag_ids = [row[0] for row in cur.execute("SELECT id FROM community_tag")]
        category_ids = [row[0] for row in cur.execute("SELECT id FROM community_category")]

        with cur.copy(f"COPY community_story ({STORY_COLUMNS}) FROM STDIN") as copy:
            for pk in range(1, stories + 1):
                copy.write_row(_story_row(rng, pk, rng.randint(1, members), now))
        with cur.copy("COPY community_story_tags (story_id, tag_id) FROM STDIN") as copy:
            for pk in range(1, stories + 1):
                for tag in rng.sample(tag_ids, rng.randint(1, 2)):
                    copy.write_row((pk, tag))
        with cur.copy("COPY community_thread (id, author_id, is_anonymous, status, "
                      "hidden_reason, moderation_note, created_at, category_id, title, body, "
                      "body_html, kind, reply_count, last_activity_at) FROM STDIN") as copy:
            for pk in range(1, threads + 1):
                slug, title, body, kind = rng.choice(words.THREADS)
                created = now - timedelta(days=rng.uniform(0, 900))
                copy.write_row((pk, rng.randint(1, members), False, "published", "", "",
                                created, rng.choice(category_ids),
                                f"{title} ({rng.choice(words.PLACES)})"[:120], body, _p(body),
                                kind, 0, created))
        story_share = comments * 6 // 10
        with cur.copy("COPY community_storycomment (author_id, is_anonymous, status, "
                      "hidden_reason, moderation_note, created_at, story_id, body, body_html) "
                      "FROM STDIN") as copy:
            for _ in range(story_share):
                text = rng.choice(words.COMMENTS)
                copy.write_row((rng.randint(1, members), False, "published", "", "",
                                now - timedelta(days=rng.uniform(0, 900)),
                                rng.randint(1, stories), text, _p(text)))
        with cur.copy("COPY community_reply (author_id, is_anonymous, status, hidden_reason, "
                      "moderation_note, created_at, thread_id, body, body_html) FROM STDIN"
                      ) as copy:
            for _ in range(comments - story_share):
                text = rng.choice(words.REPLIES)
                copy.write_row((rng.randint(1, members), False, "published", "", "",
                                now - timedelta(days=rng.uniform(0, 900)),
                                rng.randint(1, threads), text, _p(text)))
        seeded = time.perf_counter() - started
        # Denormalised counts and the search index, in SQL.
        cur.execute("UPDATE community_story s SET comment_count = c.n FROM (SELECT story_id, "
                    "count(*) n FROM community_storycomment GROUP BY story_id) c "
                    "WHERE c.story_id = s.id")
        cur.execute("UPDATE community_thread t SET reply_count = r.n, last_activity_at = r.last "
                    "FROM (SELECT thread_id, count(*) n, max(created_at) last FROM "
                    "community_reply GROUP BY thread_id) r WHERE r.thread_id = t.id")
        document = ("setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                    "setweight(to_tsvector('english', coalesce(text, '')), 'B') || "
                    "setweight(to_tsvector('english', coalesce(author_name, '')), 'C')")
        # The index is the shared platform's: (content type, object id) per entry.
        cur.execute("SELECT model, id FROM django_content_type WHERE app_label = 'community' "
                    "AND model IN ('story', 'thread', 'reply')")
        types = dict(cur.fetchall())
        cur.execute("INSERT INTO core_searchentry (kind, content_type_id, object_id, title, "
                    "text, author_name) SELECT 'story', %s, s.id, s.title, concat_ws(E'\\n', "
                    "s.cover_quote, s.prompt_started, s.prompt_hard, s.prompt_turning, "
                    "s.prompt_now, s.prompt_advice), CASE WHEN s.is_anonymous THEN '' ELSE "
                    "p.display_name END FROM community_story s JOIN accounts_profile p "
                    "ON p.user_id = s.author_id", [types["story"]])
        cur.execute("INSERT INTO core_searchentry (kind, content_type_id, object_id, title, "
                    "text, author_name) SELECT 'thread', %s, t.id, t.title, t.body, "
                    "p.display_name FROM community_thread t JOIN accounts_profile p "
                    "ON p.user_id = t.author_id", [types["thread"]])
        cur.execute("INSERT INTO core_searchentry (kind, content_type_id, object_id, title, "
                    "text, author_name) SELECT 'reply', %s, r.id, t.title, r.body, "
                    "p.display_name FROM community_reply r JOIN community_thread t "
                    "ON t.id = r.thread_id JOIN accounts_profile p ON p.user_id = r.author_id",
                    [types["reply"]])
        cur.execute(f"UPDATE core_searchentry SET document = {document}")
        for table in ("accounts_user", "accounts_profile", "community_story",
                      "community_thread", "community_storycomment", "community_reply",
                      "core_searchentry"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    return {"members": members, "stories": stories, "threads": threads,
            "comments": story_share, "replies": comments - story_share,
            "copy_seconds": round(seeded, 1),
            "total_seconds": round(time.perf_counter() - started, 1)}


# --- serving -----------------------------------------------------------------------------------

SECRET = "bench-" + "k" * 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "upward.web.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        env=env, start_new_session=True)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("Error: gunicorn did not start — run it by hand to see why.")


def sessions_for(url: str, env: dict, count: int) -> list[str]:
    """Session cookies for ``count`` members, made the way a sign-in makes them."""
    code = (
        "import django, json, sys; django.setup()\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from importlib import import_module\n"
        "from django.conf import settings\n"
        "SessionStore = import_module(settings.SESSION_ENGINE).SessionStore\n"
        "from upward.web.accounts.models import User\n"
        "keys = []\n"
        f"for user in User.objects.filter(pk__lte={count}).order_by('pk'):\n"
        "    s = SessionStore()\n"
        "    s[SESSION_KEY] = str(user.pk)\n"
        "    s[BACKEND_SESSION_KEY] = 'upward.web.accounts.backends.ModelBackend'\n"
        "    s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "    s.create(); keys.append(s.session_key)\n"
        "print(json.dumps(keys))\n")
    out = subprocess.run([sys.executable, "-c", code], env={
        **env, "DJANGO_SETTINGS_MODULE": "upward.web.settings"}, check=True,
        capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- load ----------------------------------------------------------------------------------------


def _paths(kind: str, rng: random.Random, story_ids: dict) -> str:
    if kind == "ceiling":
        return "/healthz"
    if kind == "feed":
        return rng.choice(["/community/", "/community/", "/community/?page=2",
                           "/community/?sort=helpful", "/community/?tag=apprenticeship"])
    if kind in ("story", "story-cold"):
        return f"/community/stories/{rng.choice(story_ids[kind])}/"
    term = rng.choice(SEARCH_TERMS).replace(" ", "+")
    return f"/community/search/?q={term}"


def _client(args) -> tuple[list[float], int, int]:
    kind, port, cookies, seconds, story_ids, seed_value = args
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run(cookie: str, offset: int) -> None:
        rng = random.Random(seed_value + offset)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < deadline:
            path = _paths(kind, rng, story_ids)
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}",
                                                   "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            elapsed = time.perf_counter() - start
            if ok:
                mine.append(elapsed)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=run, args=(cookie, i)) for i, cookie in
               enumerate(cookies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], len(latencies) + errors[0]


def drive(kind: str, port: int, cookies: list[str], *, clients: int, seconds: float,
          processes: int, story_ids: dict) -> dict:
    per = [cookies[i::processes] for i in range(processes)]
    started = time.perf_counter()
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(_client, [(kind, port, group, seconds, story_ids, 7 * i)
                                     for i, group in enumerate(per) if group])
    wall = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    requests = sum(r[2] for r in results)
    if not latencies:
        return {"kind": kind, "p50": float("nan"), "p95": float("nan"), "rps": 0.0,
                "errors": errors, "requests": requests}
    return {
        "kind": kind, "requests": requests, "errors": errors,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "rps": len(latencies) / min(wall, seconds + 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL",
                                               "postgres://postgres@127.0.0.1:5432/upward_bench"))
    parser.add_argument("--scale", type=float, default=1.0,
                        help="Multiply the data sizes (0.01 for a quick look).")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--processes", type=int, default=4,
                        help="Load-generator processes the clients are spread over.")
    parser.add_argument("--redis-url",
                        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
                        help="The shared cache the server uses ('' for none: no page cache).")
    parser.add_argument("--hot-stories", type=int, default=50,
                        help="How many of the newest stories the 'story' clients read.")
    parser.add_argument("--stories", type=int, default=5000,
                        help="How many random stories the 'story-cold' clients read.")
    parser.add_argument("--kinds", default="feed,story,story-cold,search",
                        help="Which of feed, story, story-cold, search to drive (the ceiling "
                             "always).")
    parser.add_argument("--reuse", action="store_true",
                        help="Keep an already-seeded bench database.")
    args = parser.parse_args()
    sizes = {"members": int(100_000 * args.scale), "stories": int(150_000 * args.scale),
             "threads": int(50_000 * args.scale), "comments": int(1_000_000 * args.scale)}

    static_root = tempfile.mkdtemp(prefix="upward-bench-")
    env = _django_env(args.database_url, static_root, args.redis_url)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"PostgreSQL at {args.database_url.rsplit('@', 1)[-1]}, "
          f"cache {args.redis_url or 'none'}", file=sys.stderr)
    reused = database_prepare(args.database_url, reuse=args.reuse)
    _manage(env, "migrate", "--noinput")  # a reused database gets any newer migrations
    if reused:
        print("reusing the seeded bench database", file=sys.stderr)
        counts = None
    else:
        print(f"seeding {sizes} …", file=sys.stderr)
        counts = seed(args.database_url, **sizes)
        print(f"seeded in {counts['total_seconds']} s (COPY {counts['copy_seconds']} s)",
              file=sys.stderr)
    _manage(env, "collectstatic", "--noinput")
    with psycopg.connect(args.database_url) as conn:
        live = ("status = 'published' AND hidden_at IS NULL AND visible_from <= now() "
                "AND (embargo_until IS NULL OR embargo_until <= now())")
        story_ids = {
            "story": [row[0] for row in conn.execute(
                f"SELECT id FROM community_story WHERE {live} "  # noqa: S608 — constants
                "ORDER BY visible_from DESC, id DESC LIMIT %s", [args.hot_stories])],
            "story-cold": [row[0] for row in conn.execute(
                f"SELECT id FROM community_story WHERE {live} "  # noqa: S608
                "ORDER BY random() LIMIT %s", [args.stories])]}
    cookies = sessions_for(args.database_url, env, args.clients)
    kinds = ["ceiling", *[k for k in ("feed", "story", "story-cold", "search")
                          if k in args.kinds.split(",")]]
    server, port = serve(env, args.workers)
    try:
        for kind in kinds:  # warm every worker up
            drive(kind, port, cookies, clients=args.clients, seconds=3,
                  processes=args.processes, story_ids=story_ids)
        results = {kind: drive(kind, port, cookies, clients=args.clients,
                               seconds=args.seconds, processes=args.processes,
                               story_ids=story_ids)
                   for kind in kinds}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    args.stories_seen = story_ids["story-cold"]
    report(results, args, counts)


def report(results: dict, args, counts) -> None:
    ceiling = results["ceiling"]["rps"] or float("nan")
    print(f"\n{args.clients} clients × {args.seconds:g} s each, gunicorn {args.workers} sync "
          f"workers on {os.cpu_count()} cores (load generator on the same machine)")
    if counts:
        print("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()
                                   if not k.endswith("seconds")))
    print(f"{'endpoint':<11}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}{'errors':>8}"
          f"{'× ceiling':>11}  target")
    failures = 0
    for kind, r in results.items():
        ratio = r["rps"] / ceiling
        if kind == "ceiling":
            verdict = "(minimal view: /healthz)"
        elif kind == "story-cold":
            verdict = (f"(no target: {len(args.stories_seen)} random stories, "
                       f"{r['errors']} errors)")
        else:
            checks = [r["p95"] <= TARGETS[kind], r["errors"] == 0]
            text = f"p95 ≤ {TARGETS[kind]:.0f} ms, 0 errors"
            if kind == "feed":
                checks.append(ratio >= FEED_SHARE_OF_CEILING)
                text += f", ≥ {FEED_SHARE_OF_CEILING:.0%} of ceiling"
            verdict = ("met: " if all(checks) else "MISSED: ") + text
            failures += not all(checks)
        print(f"{kind:<11}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['rps']:>9.1f}{r['errors']:>8}"
              f"{ratio:>11.2f}  {verdict}")
    print(f"\n{'all targets met' if not failures else f'{failures} target(s) missed'}")


if __name__ == "__main__":
    main()
