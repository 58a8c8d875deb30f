"""The ``upward`` command: thin commands over the library and the web project."""

from __future__ import annotations

import os
import signal
import sys

import typer
from rich.console import Console
from rich.table import Table

from upward.cli.insights import insights as insights_command
from upward.cli.measure import app as measure_app
from upward.cli.report import report as report_command
from upward.cli.schools import app as schools_app
from upward.cli.worker import worker as worker_command

app = typer.Typer(
    help="Upward: community, measurement and recognition for a social-mobility network.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(measure_app, name="measure")
app.add_typer(schools_app, name="schools")
app.command("insights")(insights_command)
app.command("worker")(worker_command)
app.command("report")(report_command)
err = Console(stderr=True)
out = Console()


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("upward")
        except PackageNotFoundError:  # run from a source tree that was never installed
            from upward import __version__ as number
        typer.echo(f"upward {number}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version of Upward and exit."),
) -> None:
    """Upward: community, measurement and recognition for a social-mobility network."""


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upward.web.settings")
    import django

    django.setup()


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(1)


@app.command()
def migrate() -> None:
    """Create or update the database tables.

    Example: upward migrate
    """
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@app.command()
def createadmin(
    email: str = typer.Option(..., "--email", help="The administrator's email address."),
    name: str = typer.Option("Administrator", "--name", help="Display name."),
    password: str = typer.Option(
        ..., "--password", prompt=True, hide_input=True, confirmation_prompt=True,
        envvar="UPWARD_ADMIN_PASSWORD", help="Password (asked for if not given).",
    ),
) -> None:
    """Create an account with the administrator role.

    Example: upward createadmin --email lead@example.org --name "Sam Patel"
    """
    _django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from upward.web.accounts.models import User
    from upward.web.accounts.services import profile_ensure, role_grant
    from upward.web.core.errors import ApplicationError

    try:
        validate_email(email)
        validate_password(password, User(email=email))
    except ValidationError as error:
        raise _fail(
            " ".join(error.messages) + " — choose another and run the command again."
        ) from None
    if User.objects.filter(email__iexact=email).exists():
        raise _fail(f"{email} already has an account — give it the role in Roles instead.")
    try:
        user = User.objects.create_user(email, password)
        profile_ensure(user=user, display_name=name)
        role_grant(actor=None, user=user, role="admin")
    except ApplicationError as error:
        raise _fail(error.message) from None
    err.print(f"Created administrator {email}.")


@app.command()
def demo(
    reset: bool = typer.Option(False, "--reset", help="Erase the database and seed it again."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the site afterwards."),
    host: str = typer.Option("127.0.0.1", help="Address to serve on."),
    port: int = typer.Option(8000, help="Port to serve on."),
    members: int = typer.Option(300, help="How many members to create."),
) -> None:
    """Seed a believable demo organisation and serve it.

    Example: upward demo --reset
    """
    from upward.web.demo import content

    os.environ.setdefault("UPWARD_ORGANISATION_NAME", content.ORGANISATION)
    os.environ.setdefault("UPWARD_ALLOWED_EMAIL_DOMAINS", content.DOMAIN)
    os.environ.setdefault("UPWARD_SITE_URL", f"http://{host}:{port}")  # links in its emails
    _django()
    from django.core.management import call_command

    from upward.web.demo.seed import DEMO_PASSWORD, seed_demo

    call_command("migrate", interactive=False, verbosity=0)
    from upward.web.accounts.models import User

    if reset or not User.objects.exists():
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        personas = seed_demo(members=members, progress=err)
    else:
        from upward.web.demo.seed import existing_personas

        personas = existing_personas()
        err.print("The demo is already seeded (use --reset to start again).")
    table = Table(title="Demo sign-in accounts", show_lines=False)
    table.add_column("Role")
    table.add_column("Email")
    table.add_column("Password")
    for role, email in personas:
        table.add_row(role, email, DEMO_PASSWORD)
    out.print(table)
    if serve:
        worker, log = _start_worker()
        out.print(f"Serving the demo at http://{host}:{port}/ — press Ctrl+C to stop.")
        out.print(f"A background worker sends the demo's email and runs the weekly digests and "
                  f"embargo releases; its log, with every email it sends, is {log}.")
        sys.stdout.flush()
        # Stopped like Ctrl+C when only this process is told to stop, so the worker stops too.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            _stop_worker(worker)


def _start_worker():
    """``upward worker`` as a child process, logging to var/worker.log."""
    import subprocess

    from django.conf import settings

    log = settings.VAR_DIR / "worker.log"
    with log.open("ab") as output:
        child = subprocess.Popen([sys.executable, "-m", "upward.cli", "worker"],
                                 stdout=output, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
    return child, log


def _stop_worker(child) -> None:
    """Stop the worker child (Ctrl+C has usually reached it already), waiting for the
    work under way."""
    import subprocess

    if child.poll() is None:
        child.terminate()
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


@app.command()
def serve(
    prod: bool = typer.Option(False, "--prod", help="Run gunicorn with production settings."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(0, help="gunicorn workers (default: 2 × cores + 1)."),
) -> None:
    """Serve Upward: Django's development server, or gunicorn with --prod.

    Example:

        UPWARD_ENV=production SECRET_KEY=... ALLOWED_HOSTS=upward.example.org upward serve --prod
    """
    if not prod:
        os.environ.setdefault("UPWARD_SITE_URL", f"http://{host}:{port}")
        _django()
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        return
    os.environ["UPWARD_ENV"] = "production"
    try:
        _django()
    except Exception as error:  # misconfiguration is the user's to fix
        raise _fail(f"{error}") from None
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    workers = workers or (2 * (os.cpu_count() or 1) + 1)
    args = [
        sys.executable, "-m", "gunicorn", "upward.web.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers),
        "--access-logfile", "-", "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS",
                                                                          "127.0.0.1"),
    ]
    os.execv(sys.executable, args)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Run any Django management command.

    Example: upward manage check --deploy
    """
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["upward manage", *ctx.args])

