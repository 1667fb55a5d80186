"""The command line: parse options, call one function, exit with its code.

Heavy modules are imported inside the commands that need them, so that
``gazouille --help`` answers at once.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from gazouille import __version__
from gazouille.errors import EXIT_INTERNAL, EXIT_USAGE, GazouilleError

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("text", "json", "github", "markdown")


def _fail(message: str, code: int) -> None:
    click.echo(f"gazouille : {message}", err=True)
    sys.exit(code)


def handled(func: F) -> F:
    """The single error handler: French sentence and exit code, traceback only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GazouilleError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrompu.", 130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get(
                "GAZOUILLE_DEBUG"
            ) or click.get_current_context().find_root().params.get("debug"):
                traceback.print_exc()
            _fail(
                f"erreur interne ({type(exc).__name__}: {exc}). "
                "Relancez avec --debug et transmettez le message à l'équipe gazouille.",
                EXIT_INTERNAL,
            )
        return None

    return wrapper  # type: ignore[return-value]


def _param_name(param: click.Parameter) -> str:
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name


def _usage_message(error: click.UsageError) -> str:
    """A French sentence for click's usage errors (an officer may mistype an option)."""
    command = error.ctx.command_path if error.ctx else "gazouille"
    if isinstance(error, click.NoSuchOption):
        close = (
            f" (vouliez-vous dire « {error.possibilities[0]} » ?)" if error.possibilities else ""
        )
        text = f"option inconnue « {error.option_name} »{close}"
    elif isinstance(error, click.MissingParameter) and error.param is not None:
        text = f"il manque « {_param_name(error.param)} »"
    elif isinstance(error, click.BadParameter) and error.param is not None:
        text = f"valeur refusée pour « {_param_name(error.param)} »"
        if isinstance(error.param.type, click.Choice):
            choices = ", ".join(str(choice) for choice in error.param.type.choices)
            text += f" ; valeurs possibles : {choices}"
        else:
            text += f" ({error.message})"
    elif isinstance(error, click.BadOptionUsage) and "requires an argument" in error.message:
        text = f"l'option « {error.option_name} » attend une valeur"
    elif error.message.startswith("No such command"):
        text = f"commande inconnue ({error.message.split(' ', 3)[-1].rstrip('.')})"
    else:
        text = f"commande mal formée ({error.format_message()})"
    return f"{text}\n  → « {command} --help » liste les commandes et les options."


class _Group(click.Group):
    """Usage errors in French, with exit code 2, like every other error."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            super().main(*args, **kwargs)
        except click.UsageError as error:
            _fail(_usage_message(error), EXIT_USAGE)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.Abort:
            _fail("interrompu.", 130)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        sys.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gazouille")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
def main(debug: bool) -> None:
    """gazouille: posts for the police accounts on X, written as files and reviewed in git."""


def _default_format() -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--changed-since",
    "changed_since",
    metavar="REV",
    help="Only the posts added or changed since REV (and accounts.yml).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: github under GitHub Actions, else text).",
)
@handled
def check(paths: tuple[str, ...], changed_since: str | None, fmt: str | None) -> None:
    """Check posts: schema, category, length, media, personal data.

    Exit 0 when no post has an error, 1 when one has, 2 for a usage or
    configuration error, 3 for an internal error.
    """
    from gazouille.commands.check import run_check

    code = run_check(Path.cwd(), list(paths), changed_since, fmt or _default_format(), sys.stdout)
    sys.exit(code)


@main.command()
@click.argument("account")
@click.argument("category")
@click.option("--slug", help="Words for the file name (default: the category).")
@click.option(
    "--publish-at",
    "publish_at",
    metavar="DATETIME",
    help="Schedule the post (ISO 8601, in the account's time zone).",
)
@handled
def new(account: str, category: str, slug: str | None, publish_at: str | None) -> None:
    """Create a new post file for ACCOUNT in CATEGORY, with a dated name."""
    from gazouille.commands.new import create

    path = create(Path.cwd(), account, category, slug, publish_at)
    click.echo(f"Publication créée : {path}")
    click.echo("Écrivez le texte sous la deuxième ligne ---, puis : gazouille check " + path)


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8787,
    help="Port on 127.0.0.1 (default 8787; 0: any free port).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default: .git/gazouille-sandbox.sqlite3 in the repository, else a temp dir).",
)
@handled
def sandbox(port: int, db: Path | None) -> None:
    """Serve a local stand-in for the X API, with a timeline page, until Ctrl-C."""
    from gazouille.commands.sandbox import run_sandbox

    sys.exit(run_sandbox(Path.cwd(), port, db, sys.stdout))


@main.command()
@handled
def codeowners() -> None:
    """Write .github/CODEOWNERS from accounts.yml (each account's reviewers own its posts)."""
    from gazouille.commands.codeowners import run as write_codeowners

    path, changed = write_codeowners(Path.cwd())
    click.echo(f"{path} mis à jour." if changed else f"{path} est déjà à jour.")


@main.command()
@click.option("--serve", is_flag=True, help="Then run the editor on this repository until Ctrl-C.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    help="With --serve: port on 127.0.0.1 (default 8080; 0: any free port).",
)
@handled
def editor(serve: bool, port: int) -> None:
    """Write admin/config.yml (the web editor's configuration) from accounts.yml and the schema."""
    if serve:
        from gazouille.commands.editor import run_serve

        sys.exit(run_serve(Path.cwd(), port, sys.stdout))
    from gazouille.commands.editor import run as write_editor_config

    path, changed = write_editor_config(Path.cwd())
    click.echo(f"{path} mis à jour." if changed else f"{path} est déjà à jour.")


@main.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option("--png", "png", metavar="OUT", help="Also draw the post as a PNG card into OUT.")
@handled
def preview(file: str, png: str | None) -> None:
    """Show FILE as reviewers will see it: text, count, schedule, replies, media, cost."""
    from gazouille.commands.preview import run as run_preview

    code, written = run_preview(Path.cwd(), file, png, sys.stdout)
    if written:
        click.echo(f"Aperçu enregistré : {written}")
    sys.exit(code)


@main.command()
@click.option("--pull-request", "pull_request", type=click.IntRange(min=1), required=True)
@click.option(
    "--body-file",
    "body_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The Markdown written by `check --format markdown`.",
)
@handled
def comment(pull_request: int, body_file: Path) -> None:
    """Create or update THE gazouille comment on a pull request (GitHub API)."""
    from gazouille.commands.comment import upsert

    action, comment_id = upsert(pull_request, body_file)
    click.echo(f"Commentaire {comment_id} {'créé' if action == 'created' else 'mis à jour'}.")


@main.command("log")
@click.option("--account", metavar="ACCOUNT", help="Only this account (default: every account).")
@click.option(
    "--since", metavar="DATE", help="Only posts merged, published or retracted since DATE."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "csv", "json")),
    default="text",
    help="Output format.",
)
@handled
def log_command(account: str | None, since: str | None, fmt: str) -> None:
    """Audit trail: who wrote and approved each post, when merged, published, retracted."""
    from gazouille.commands.log import run as run_log

    sys.exit(run_log(Path.cwd(), account, since, fmt, sys.stdout))


@main.command()
@click.option("--account", metavar="ACCOUNT", help="Only this account (default: every account).")
@click.option("--dry-run", "dry_run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option("--commit", is_flag=True, help="Commit each ledger change as it happens ([skip ci]).")
@handled
def publish(account: str | None, dry_run: bool, commit: bool) -> None:
    """Publish the due posts of main to X and retract the retracted ones, exactly once.

    Exit 0 when everything due was done (or the accounts are paused), 1 when
    something could not be sent, 2 for a configuration error.
    """
    from gazouille.commands.publish import run_publish

    sys.exit(run_publish(Path.cwd(), account, dry_run, commit, sys.stdout))


@main.command()
@click.option("--account", metavar="ACCOUNT", help="Only this account (default: every account).")
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", help="Output format."
)
@handled
def status(account: str | None, fmt: str) -> None:
    """Show published (with URLs), scheduled, due, refused and retracted posts."""
    from gazouille.commands.status import run_status

    sys.exit(run_status(Path.cwd(), account, fmt, sys.stdout))


@main.command("strip-metadata")
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@handled
def strip_metadata(files: tuple[str, ...]) -> None:
    """Remove EXIF (GPS position, camera owner) and other metadata from images, in place.

    Exit 0 when every file was handled, 2 when one is missing or not an image.
    """
    from gazouille.commands.strip_metadata import run_strip

    sys.exit(run_strip(list(files), sys.stdout, sys.stderr))


if __name__ == "__main__":  # pragma: no cover
    main()
