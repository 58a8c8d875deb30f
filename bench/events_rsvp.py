"""Benchmark: 200 people say yes to a 50-place event at the same moment — issue 13's
"capacity is never exceeded under concurrency". Each RSVP runs in its own thread with
its own database connection (as separate web requests would), through the real service
:func:`upward.web.events.services.rsvp_create`, which locks the event row.

What is printed:

The threads share a pool of ``--connections`` database connections (default 40):
PostgreSQL refuses more than ``max_connections`` (100 by default, shared with every
other client), as a deployment's connection pool would. Every one of the 200 still
waits on the same event row.

* **service**: confirmed / waitlisted / errors (must be exactly 50 / 150 / 0) and the
  wall time from the starting gun to the last RSVP stored;
* **peer**: the same 200 threads each inserting an RSVP row in its own transaction,
  without the lock or the count (what the service adds is the lock wait and one count);
* the ratio service / peer, measured in the same run (best of ``--repeat``).

PostgreSQL only (SQLite serialises writers, so there is no concurrency to measure).
It creates its people and events in the database and deletes them afterwards.

Run (never part of ``make test``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch .venv/bin/python bench/events_rsvp.py
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import uuid


def _run_all(people, work, pool: int) -> tuple[float, list[BaseException]]:
    """Start ``work(person)`` in one thread per person at the same moment; at most
    ``pool`` of them hold a database connection at once (a connection pool)."""
    from django.db import connections

    errors: list[BaseException] = []
    gun = threading.Barrier(len(people) + 1)
    slots = threading.BoundedSemaphore(pool)

    def one(person):
        try:
            gun.wait()
            with slots:
                try:
                    work(person)
                finally:
                    connections.close_all()
        except BaseException as error:  # noqa: BLE001 - every failure is counted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(p,)) for p in people]
    for t in threads:
        t.start()
    gun.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - started, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=40,
                        help="database connections open at once (PostgreSQL's default "
                             "max_connections is 100, shared with everything else)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Error: set DATABASE_URL to a PostgreSQL database — this measures concurrent "
              "writers, which SQLite serialises.", file=sys.stderr)
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upward.web.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from upward.web.accounts.models import User
    from upward.web.demo.factories import person
    from upward.web.events import services
    from upward.web.events.models import RSVP, Event

    call_command("migrate", verbosity=0)
    run = uuid.uuid4().hex[:8]
    lead = person(roles=["member", "lead"], email=f"bench-lead-{run}@bench.example")
    people = [person(roles=["member"], email=f"bench-{run}-{i}@bench.example")
              for i in range(args.people)]
    print(f"{args.people} concurrent RSVPs to a {args.capacity}-place event, "
          f"database: {connection.vendor}, {args.connections} connections at once, "
          f"best of {args.repeat}")
    ok = True
    best_service = best_peer = float("inf")
    try:
        for _ in range(args.repeat):
            start = timezone.now() + timedelta(days=7)
            event = services.event_create(actor=lead, title="Bench", starts_at=start,
                                          ends_at=start + timedelta(hours=1),
                                          capacity=args.capacity, place="Room 1")
            took, errors = _run_all(people, lambda p, e=event: services.rsvp_create(
                actor=p, event_id=e.pk), args.connections)
            confirmed = RSVP.objects.filter(event=event, status="confirmed").count()
            waiting = RSVP.objects.filter(event=event, status="waitlisted").count()
            exact = (confirmed, waiting, len(errors)) == (
                args.capacity, args.people - args.capacity, 0)
            ok = ok and exact
            for kind in sorted({f"{type(e).__name__}: {str(e)[:120]}" for e in errors}):
                print(f"    error: {kind}")
            print(f"  service: confirmed {confirmed}, waitlisted {waiting}, errors "
                  f"{len(errors)} — {'PASS' if exact else 'MISS'} — {took * 1000:.0f} ms")
            best_service = min(best_service, took)

            peer_event = services.event_create(actor=lead, title="Bench peer",
                                               starts_at=start,
                                               ends_at=start + timedelta(hours=1),
                                               capacity=args.capacity, place="Room 1")

            def insert(p, e=peer_event):
                from django.db import transaction
                with transaction.atomic():
                    RSVP.objects.create(event=e, person=p, status="confirmed")

            took, errors = _run_all(people, insert, args.connections)
            rows = RSVP.objects.filter(event=peer_event).count()
            print(f"  peer (plain inserts, no lock): {rows} rows, errors {len(errors)} — "
                  f"{took * 1000:.0f} ms")
            best_peer = min(best_peer, took)
        print(f"best: service {best_service * 1000:.0f} ms, peer {best_peer * 1000:.0f} ms, "
              f"ratio {best_service / best_peer:.2f}×")
    finally:
        Event.objects.filter(organiser=lead).delete()
        User.objects.filter(email__endswith="@bench.example",
                            email__contains=run).delete()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
