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
from gazouille.errors import EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_USAGE, GazouilleError

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("text", "json", "github", "markdown")


def _fail(message: str, code: int) -> None:
    click.echo(f"gazouille : {message}", err=True)
    sys.exit(code)


def _closed_pipe() -> None:
    """The reader went away (``gazouille status | head``): stop quietly, as other tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_PROBLEMS)


def handled(func: F) -> F:
    """The single error handler: French sentence and exit code, traceback only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GazouilleError as exc:
            _fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            _closed_pipe()
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


# What click writes in English around the help texts, in French (click's own
# gettext catalogue has no French; these few words are all an officer sees).
_HEADINGS = {"Options": "Options", "Commands": "Commandes", "Positional arguments": "Arguments"}
_HELP_OPTION = "Affiche cette aide et quitte."


class _Formatter(click.HelpFormatter):
    """``--help`` pages in French: usage line, section titles, the required mark."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Utilisation : " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(f"{_HEADINGS.get(heading, heading)} ")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        french = [
            (
                term,
                text.replace("required]", "obligatoire]").replace("[default: ", "[par défaut : "),
            )
            for term, text in rows
        ]
        super().write_dl(french, col_max, col_spacing)


class _Context(click.Context):
    formatter_class = _Formatter


class _Command(click.Command):
    """A command whose help page, help option included, is in French."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP_OPTION
        return option


class _Group(_Command, click.Group):
    """Usage errors in French, with exit code 2, like every other error."""

    command_class = _Command

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


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.version_option(__version__, prog_name="gazouille", help="Affiche la version et quitte.")
@click.option("--debug", is_flag=True, help="Montre le détail (traceback) des erreurs internes.")
def main(debug: bool) -> None:
    """gazouille : les publications des comptes X de la police, écrites en fichiers et
    relues dans git.

    Chaque commande a son aide : gazouille COMMANDE --help.
    """


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
    help="Seulement les publications ajoutées ou modifiées depuis REV (et accounts.yml).",
)
@click.option(
    "--base",
    metavar="REV",
    help="Lit qui peut écrire (authors) dans accounts.yml à la révision REV, pas dans la copie.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Format de sortie (par défaut : github sous GitHub Actions, sinon text).",
)
@handled
def check(
    paths: tuple[str, ...], changed_since: str | None, base: str | None, fmt: str | None
) -> None:
    """Vérifie les publications : en-tête, catégorie, longueur, images, données personnelles.

    Sans chemin, toutes les publications de posts/ ; un dossier vaut toutes celles
    qu'il contient. Code de sortie : 0 sans erreur, 1 si une publication a une
    erreur, 2 pour une commande ou une configuration incorrecte, 3 pour une
    erreur interne.
    """
    from gazouille.commands.check import run_check

    code = run_check(
        Path.cwd(), list(paths), changed_since, fmt or _default_format(), sys.stdout, base
    )
    sys.exit(code)


@main.command()
@click.argument("account")
@click.argument("category")
@click.option("--slug", metavar="MOTS", help="Mots du nom de fichier (par défaut : la catégorie).")
@click.option(
    "--publish-at",
    "publish_at",
    metavar="DATETIME",
    help="Programme la publication (ISO 8601, dans le fuseau horaire du compte), "
    "par exemple 2026-12-24T10:00.",
)
@handled
def new(account: str, category: str, slug: str | None, publish_at: str | None) -> None:
    """Crée une publication pour le compte ACCOUNT dans la catégorie CATEGORY.

    Le fichier, daté, contient un modèle dont les blancs [entre crochets] sont à
    remplacer avant la vérification.
    """
    from gazouille.commands.new import create

    path = create(Path.cwd(), account, category, slug, publish_at)
    click.echo(f"Publication créée : {path}")
    click.echo("Écrivez le texte sous la deuxième ligne ---, puis : gazouille check " + path)


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8787,
    metavar="PORT",
    help="Port sur 127.0.0.1 (par défaut 8787 ; 0 : un port libre).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FICHIER",
    help="Fichier SQLite du bac à sable (par défaut : .git/gazouille-sandbox.sqlite3 dans "
    "le dépôt, sinon un dossier temporaire).",
)
@handled
def sandbox(port: int, db: Path | None) -> None:
    """Lance un bac à sable local qui imite l'API de X, avec une page du fil, jusqu'à Ctrl-C."""
    from gazouille.commands.sandbox import run_sandbox

    sys.exit(run_sandbox(Path.cwd(), port, db, sys.stdout))


@main.command()
@handled
def codeowners() -> None:
    """Écrit .github/CODEOWNERS depuis accounts.yml (les relecteurs d'un compte relisent ses
    publications)."""
    from gazouille.commands.codeowners import run as write_codeowners

    path, changed = write_codeowners(Path.cwd())
    click.echo(f"{path} mis à jour." if changed else f"{path} est déjà à jour.")


@main.command()
@click.argument("directory", metavar="DIR", type=click.Path(path_type=str))
@click.option(
    "--account", required=True, metavar="ID", help="Identifiant du compte, par exemple pn44."
)
@click.option(
    "--x-username", "x_username", required=True, metavar="NAME", help="Son nom sur X, sans @."
)
@click.option("--name", metavar="TEXT", help="Display name, e.g. Police nationale du Finistère.")
@click.option("--timezone", default="Europe/Paris", show_default=True, help="Fuseau horaire IANA.")
@click.option(
    "--author", "authors", multiple=True, metavar="LOGIN", help="Un auteur (option à répéter)."
)
@click.option(
    "--reviewer",
    "reviewers",
    multiple=True,
    metavar="LOGIN",
    help="Un relecteur (option à répéter).",
)
@click.option(
    "--administrator",
    "administrators",
    multiple=True,
    metavar="LOGIN",
    help="Un administrateur : propriétaire de tout sauf les publications (au moins un).",
)
@click.option(
    "--gazouille",
    "gazouille_spec",
    metavar="SPEC",
    help="Ce que les workflows installent avec pip (par défaut : cette version).",
)
@handled
def init(
    directory: str,
    account: str,
    x_username: str,
    name: str | None,
    timezone: str,
    authors: tuple[str, ...],
    reviewers: tuple[str, ...],
    administrators: tuple[str, ...],
    gazouille_spec: str | None,
) -> None:
    """Crée dans DIR le dépôt d'une direction : un compte, les workflows, les règles, CODEOWNERS."""
    from gazouille.commands.init import Department
    from gazouille.commands.init import run as run_init

    dept = Department(
        account=account,
        x_username=x_username,
        name=name,
        timezone=timezone,
        authors=authors,
        reviewers=reviewers,
        administrators=administrators,
        gazouille=gazouille_spec,
    )
    target, written = run_init(Path.cwd(), directory, dept)
    click.echo(f"Dépôt créé : {target} ({len(written)} fichiers, premier commit sur main).")
    if not authors or not reviewers:
        click.echo(
            "Attention : ajoutez les « authors » et « reviewers » du compte dans accounts.yml, "
            "puis lancez « gazouille codeowners » : sans eux, personne ne peut publier."
        )
    click.echo("Suite : docs/administration.md (dépôt GitHub, règles, environnement, secrets X).")


@main.command()
@click.option("--serve", is_flag=True, help="Puis lance l'éditeur web sur ce dépôt jusqu'à Ctrl-C.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    help="Avec --serve : port sur 127.0.0.1 (8080 par défaut ; 0 : un port libre).",
)
@handled
def editor(serve: bool, port: int) -> None:
    """Écrit admin/config.yml (la configuration de l'éditeur web) depuis accounts.yml et le schéma."""
    if serve:
        from gazouille.commands.editor import run_serve

        sys.exit(run_serve(Path.cwd(), port, sys.stdout))
    from gazouille.commands.editor import run as write_editor_config

    path, changed = write_editor_config(Path.cwd())
    click.echo(f"{path} mis à jour." if changed else f"{path} est déjà à jour.")


@main.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--png", "png", metavar="OUT", help="Dessine aussi la publication en image PNG dans OUT."
)
@handled
def preview(file: str, png: str | None) -> None:
    """Montre FILE comme les relecteurs le verront : texte, longueur, date, réponses, images, coût.

    FILE peut être un dossier : toutes les publications qu'il contient, et --png
    OUT désigne alors un dossier où chaque aperçu porte le nom de sa publication.
    """
    from gazouille.commands.preview import run as run_preview

    code, written = run_preview(Path.cwd(), file, png, sys.stdout)
    for path in written:
        click.echo(f"Aperçu enregistré : {path}")
    sys.exit(code)


@main.command()
@click.option(
    "--pull-request",
    "pull_request",
    type=click.IntRange(min=1),
    required=True,
    metavar="NUMÉRO",
    help="Le numéro de la pull request.",
)
@click.option(
    "--body-file",
    "body_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    metavar="FICHIER",
    help="Le Markdown écrit par « gazouille check --format markdown ».",
)
@handled
def comment(pull_request: int, body_file: Path) -> None:
    """Crée ou met à jour LE commentaire de gazouille sur une pull request (API GitHub)."""
    from gazouille.commands.comment import upsert

    action, comment_id = upsert(pull_request, body_file)
    click.echo(f"Commentaire {comment_id} {'créé' if action == 'created' else 'mis à jour'}.")


@main.command("log")
@click.option(
    "--account", metavar="ACCOUNT", help="Seulement ce compte (par défaut : tous les comptes)."
)
@click.option(
    "--since",
    metavar="DATE",
    help="Seulement les publications fusionnées, publiées ou retirées depuis DATE.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "csv", "json")),
    default="text",
    help="Format de sortie.",
)
@handled
def log_command(account: str | None, since: str | None, fmt: str) -> None:
    """Journal d'audit : qui a écrit et approuvé chaque publication, quand elle a été
    fusionnée, publiée, retirée."""
    from gazouille.commands.log import run as run_log

    sys.exit(run_log(Path.cwd(), account, since, fmt, sys.stdout))


@main.command()
@click.option(
    "--account", metavar="ACCOUNT", help="Seulement ce compte (par défaut : tous les comptes)."
)
@click.option(
    "--dry-run", "dry_run", is_flag=True, help="Affiche ce qui serait envoyé ; n'envoie rien."
)
@click.option(
    "--commit",
    is_flag=True,
    help="Commite chaque changement du registre aussitôt, sur la branche gazouille/ledger.",
)
@click.option(
    "--push",
    is_flag=True,
    help="Récupère et pousse aussi la branche gazouille/ledger sur origin "
    "(la réservation d'une partie est poussée avant son envoi).",
)
@handled
def publish(account: str | None, dry_run: bool, commit: bool, push: bool) -> None:
    """Publie sur X les publications dues de main et retire celles à retirer, une seule fois.

    Code de sortie : 0 quand tout ce qui était dû est fait (ou les comptes sont
    en pause), 1 quand une publication n'a pas pu partir, 2 pour une
    configuration incorrecte.
    """
    from gazouille.commands.publish import run_publish

    sys.exit(run_publish(Path.cwd(), account, dry_run, commit, push, sys.stdout))


@main.command()
@click.option(
    "--account", metavar="ACCOUNT", help="Seulement ce compte (par défaut : tous les comptes)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    help="Format de sortie.",
)
@handled
def status(account: str | None, fmt: str) -> None:
    """Montre les publications publiées (avec leurs liens), programmées, dues, refusées et
    retirées."""
    from gazouille.commands.status import run_status

    sys.exit(run_status(Path.cwd(), account, fmt, sys.stdout))


@main.command()
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--remote-id",
    "remote_id",
    required=True,
    metavar="ID",
    help="Le numéro de la publication sur X (ou son adresse https://x.com/…/status/ID).",
)
@click.option(
    "--part",
    "part",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Partie du fil.",
)
@click.option(
    "--commit",
    is_flag=True,
    help="Commite le changement du registre sur la branche gazouille/ledger.",
)
@click.option("--push", is_flag=True, help="Pousse ensuite la branche gazouille/ledger sur origin.")
@handled
def settle(path: str, remote_id: str, part: int, commit: bool, push: bool) -> None:
    """Enregistre à la main qu'une partie en doute est sur X, une fois que X confirme son numéro.

    Code de sortie : 0 enregistrée, 1 si X ne la confirme pas, 2 pour une commande incorrecte.
    """
    from gazouille.commands.settle import run_settle

    sys.exit(run_settle(Path.cwd(), path, remote_id, part, commit, sys.stdout, push=push))


@main.group("ledger", cls=_Group, subcommand_metavar="COMMANDE [ARGUMENTS]...")
def ledger_group() -> None:
    """Le registre, sur la branche gazouille/ledger : le vérifier, y migrer le dossier ledger/ de main."""


@ledger_group.command("verify")
@click.argument("account", required=False)
@handled
def ledger_verify(account: str | None) -> None:
    """Vérifie la chaîne des empreintes (et les MAC avec GAZOUILLE_LEDGER_KEY) : 0 intact, 1 abîmé."""
    from gazouille.commands.ledger import run_verify

    sys.exit(run_verify(Path.cwd(), account, os.environ, sys.stdout))


@ledger_group.command("migrate")
@click.option("--push", is_flag=True, help="Pousse ensuite la branche gazouille/ledger sur origin.")
@handled
def ledger_migrate(push: bool) -> None:
    """Copie ledger/*.jsonl de la copie de travail sur gazouille/ledger, chaîné (et signé)."""
    from gazouille.commands.ledger import run_migrate

    sys.exit(run_migrate(Path.cwd(), push, os.environ, sys.stdout))


@main.command("strip-metadata")
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@handled
def strip_metadata(files: tuple[str, ...]) -> None:
    """Retire des images les métadonnées EXIF (position GPS, propriétaire de l'appareil) et
    les autres, sur place.

    Code de sortie : 0 quand chaque fichier est traité, 2 quand l'un manque ou
    n'est pas une image.
    """
    from gazouille.commands.strip_metadata import run_strip

    sys.exit(run_strip(list(files), sys.stdout, sys.stderr))


if __name__ == "__main__":  # pragma: no cover
    main()
