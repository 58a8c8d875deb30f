"""The `upward` command: help texts, createadmin, manage pass-through, demo seed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from upward.cli.main import app

runner = CliRunner()
COMMANDS = ["demo", "serve", "migrate", "createadmin", "manage"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_top_level_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.django_db
def test_createadmin_creates_an_administrator():
    from upward.web.accounts.models import User

    result = runner.invoke(app, ["createadmin", "--email", "boss@northbridge.example",
                                 "--name", "Sam Boss", "--password", "a long passphrase ok"])
    assert result.exit_code == 0, result.output
    user = User.objects.get(email="boss@northbridge.example")
    assert user.role_assignments.filter(role="admin").exists()
    assert user.profile.display_name == "Sam Boss"
    again = runner.invoke(app, ["createadmin", "--email", "boss@northbridge.example",
                                "--password", "a long passphrase ok"])
    assert again.exit_code == 1
    assert "Error: boss@northbridge.example already has an account" in again.output


@pytest.mark.django_db
@pytest.mark.parametrize(("email", "password", "message"), [
    ("not-an-email", "a long passphrase ok", "Enter a valid email address"),
    ("x@northbridge.example", "short", "too short"),
])
def test_createadmin_bad_input(email, password, message):
    from upward.web.accounts.models import User

    result = runner.invoke(app, ["createadmin", "--email", email, "--password", password])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and message in result.output
    assert "Traceback" not in result.output
    assert not User.objects.exists()


def test_manage_passes_through_to_django():
    result = runner.invoke(app, ["manage", "check"])
    assert result.exit_code == 0
    assert "System check identified no issues" in result.output


@pytest.mark.django_db(transaction=True)
def test_demo_seeds_an_organisation_with_a_persona_per_role():
    from upward.web.accounts.models import CareerEntry, Profile, User

    result = runner.invoke(app, ["demo", "--no-serve", "--members", "40"])
    assert result.exit_code == 0, result.output
    for local in ("member", "moderator", "lead", "analyst", "judge", "admin"):
        assert f"{local}@northbridge.example" in result.output
        assert User.objects.filter(email=f"{local}@northbridge.example").exists()
    assert User.objects.count() == 46
    assert CareerEntry.objects.count() >= 46
    bios = list(Profile.objects.exclude(bio="").values_list("bio", flat=True))
    assert len(set(bios)) > 20  # varied, not one template repeated
    assert not any("lorem" in bio.lower() for bio in bios)
    from django.test import Client

    from upward.web.demo.seed import DEMO_PASSWORD

    for local in ("member", "admin"):
        signed_in = Client().post("/accounts/sign-in/", {
            "email": f"{local}@northbridge.example", "password": DEMO_PASSWORD})
        assert signed_in.status_code == 302 and signed_in["Location"] == "/"
    again = runner.invoke(app, ["demo", "--no-serve"])
    assert "already seeded" in again.output and User.objects.count() == 46


def test_version_prints_the_package_version():
    from importlib.metadata import version

    import upward

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"upward {version('upward')}\n"
    assert version("upward") == upward.__version__  # one version, in pyproject and the package
