"""`make demo`: the whole gazouille flow on a throwaway copy of this repository.

Runs with no credentials and no network: X is the local sandbox, started on
a free port and stopped at the end. Each step prints what an officer would
type and what gazouille answers, in French: a faulty post (with a phone
number) refused, fixed, merged, published once, not twice, then retracted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GAZOUILLE = str(BIN / "gazouille")

FAULTY_POST = textwrap.dedent(
    """\
    ---
    catgory: prevention
    media:
      - file: media/pn44/cambriolages-bons-reflexes.png
    ---
    Conseil de prévention : ne laissez **jamais** vos clés sous le paillasson, ni dans la boîte
    aux lettres, ni sous un pot de fleurs. Les cambrioleurs connaissent toutes ces cachettes et
    les vérifient en premier. Confiez plutôt un double à un voisin de confiance. Un comportement
    suspect ? Appelez la brigadière du quartier au 06 12 34 56 78 !
    """
)

FIXED_POST = textwrap.dedent(
    """\
    ---
    category: prevention
    media:
      - file: media/pn44/cambriolages-bons-reflexes.png
        alt: Affiche « Cambriolages, ayez les bons réflexes » avec le numéro 17.
    ---
    🔑 Ne laissez jamais vos clés sous le paillasson ou dans la boîte aux lettres : les
    cambrioleurs connaissent ces cachettes. Confiez plutôt un double à un voisin de confiance.

    Un comportement suspect ? Appelez le 17.
    """
)


def step(title: str) -> None:
    print(f"\n\033[1;34m━━ {title}\033[0m", flush=True)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    shown = " ".join("gazouille" if a == GAZOUILLE else a for a in args)
    print(f"\033[2m$ {shown}\033[0m", flush=True)
    completed = subprocess.run(args, cwd=cwd, env=env, check=False)
    if check and completed.returncode != 0:
        raise SystemExit(f"demo: « {shown} » a échoué (code {completed.returncode})")
    return completed.returncode


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def clone(workdir: Path) -> Path:
    copy = workdir / "depot"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(copy)], check=True)
    git("checkout", "--quiet", "-B", "main", cwd=copy)  # ROOT may be on a feature branch
    git("config", "user.name", "Lieutenant Gautier", cwd=copy)
    git("config", "user.email", "lgautier@demo.invalid", cwd=copy)
    git("config", "commit.gpgsign", "false", cwd=copy)
    return copy


def demo_check(copy: Path, env: dict[str, str]) -> str:
    step("1. Les publications d'exemple passent la vérification")
    run([GAZOUILLE, "check"], copy, env)

    step("2. Une rédactrice ouvre une branche avec une publication fautive")
    git("checkout", "--quiet", "-b", "prevention-cles", cwd=copy)
    post = "posts/pn44/2026-12-01-cles-paillasson.md"
    (copy / post).write_text(FAULTY_POST, encoding="utf-8")
    print((copy / post).read_text(encoding="utf-8"))
    code = run([GAZOUILLE, "check", "--changed-since", "main"], copy, env, check=False)
    if code != 1:
        raise SystemExit(f"demo: la vérification aurait dû refuser la publication (code {code})")
    print("→ refusée (code 1) : la CI bloque la demande de fusion.")

    step("3. Elle corrige ; la vérification passe")
    (copy / post).write_text(FIXED_POST, encoding="utf-8")
    run([GAZOUILLE, "check", "--changed-since", "main"], copy, env)
    git("add", post, cwd=copy)
    git("commit", "--quiet", "-m", "Prévention : clés sous le paillasson", cwd=copy)
    return post


ACCOUNT = "pn44"
X_USERNAME = "PNationale44"
RETRACT_REASON = "doublon d'un conseil déjà publié cette semaine"


def sandbox_env(env: dict[str, str], sandbox: Any) -> dict[str, str]:
    """What the publication environment holds on GitHub, pointed at the sandbox."""
    return {
        **env,
        **sandbox.env(f"GAZOUILLE_{ACCOUNT.upper()}", X_USERNAME),
        "GIT_AUTHOR_NAME": "gazouille",
        "GIT_AUTHOR_EMAIL": "gazouille@demo.invalid",
        "GIT_COMMITTER_NAME": "gazouille",
        "GIT_COMMITTER_EMAIL": "gazouille@demo.invalid",
    }


def demo_publish(copy: Path, env: dict[str, str], post: str, sandbox: Any) -> None:
    step("4. La demande de fusion est approuvée et fusionnée dans main")
    git("checkout", "--quiet", "main", cwd=copy)
    git(
        "merge", "--quiet", "--no-ff", "-m", "Fusion : prévention clés", "prevention-cles", cwd=copy
    )
    print("→ main contient la nouvelle publication ; la CI lance gazouille publish.")

    step("5. Publication (ici sur le bac à sable X local, sans réseau ni identifiants)")
    before = len(sandbox.requests("POST", "/2/tweets"))
    run([GAZOUILLE, "publish", "--account", ACCOUNT, "--commit"], copy, env)
    sent = len(sandbox.requests("POST", "/2/tweets")) - before
    print(f"→ le bac à sable a reçu {sent} publication(s) ; chacune est inscrite au registre.")

    step("6. Deuxième passage (le cron repasse toutes les 10 minutes) : rien n'est renvoyé")
    before = len(sandbox.requests())
    run([GAZOUILLE, "publish", "--account", ACCOUNT, "--commit"], copy, env)
    asked = len(sandbox.requests()) - before
    print(f"→ requêtes reçues par X pendant ce passage : {asked}.")
    if asked:
        raise SystemExit("demo: le deuxième passage n'aurait rien dû demander à X")

    step("7. Retrait : « retract: <raison> » dans l'en-tête, validé sur main ; gazouille supprime")
    text = (copy / post).read_text(encoding="utf-8")
    (copy / post).write_text(
        text.replace("---\n", f"---\nretract: {RETRACT_REASON}\n", 1), encoding="utf-8"
    )
    print((copy / post).read_text(encoding="utf-8"))
    run([GAZOUILLE, "check", post], copy, env)
    git("commit", "--quiet", "-am", "Retrait : clés sous le paillasson", cwd=copy)
    run([GAZOUILLE, "publish", "--account", ACCOUNT, "--commit"], copy, env)

    step("8. Où en est le compte")
    run([GAZOUILLE, "status", "--account", ACCOUNT], copy, env)
    print(f"\nFil du compte, tel que le public le voit : {sandbox.timeline_url(X_USERNAME)}")

    step(
        f"9. Le registre (ledger/{ACCOUNT}.jsonl sur la branche gazouille/ledger), "
        "entrées de la nouvelle publication"
    )
    shown = subprocess.run(
        ["git", "show", f"gazouille/ledger:ledger/{ACCOUNT}.jsonl"],
        cwd=copy,
        check=True,
        capture_output=True,
        text=True,
    )
    for line in shown.stdout.splitlines():
        if post in line:
            print(line)
    print()
    subprocess.run(["git", "log", "--oneline", "-6", "gazouille/ledger"], cwd=copy, check=True)
    run([GAZOUILLE, "ledger", "verify", ACCOUNT], copy, env)


def main() -> int:
    from gazouille.sandbox import start

    workdir = Path(tempfile.mkdtemp(prefix="gazouille-demo-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAZOUILLE_", "GITHUB_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("COLUMNS", "100")
    sandbox = start(port=0)
    try:
        copy = clone(workdir)
        env = sandbox_env(env, sandbox)
        step("0. Le compte est à jour : les publications déjà fusionnées sont envoyées")
        run([GAZOUILLE, "publish", "--account", ACCOUNT, "--commit"], copy, env)
        post = demo_check(copy, env)
        demo_publish(copy, env, post, sandbox)
        step("Fin de la démonstration")
        if sys.stdin.isatty():
            input(
                "Ouvrez le fil ci-dessus dans un navigateur, puis appuyez sur Entrée pour finir… "
            )
        print(f"Tout s'est passé dans une copie jetable, supprimée maintenant : {copy}")
        print("Le bac à sable X est arrêté : rien ne reste en marche.")
    finally:
        sandbox.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
