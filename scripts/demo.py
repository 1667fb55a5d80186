"""`make demo`: the whole gazouille flow on a throwaway copy of this repository.

Runs with no credentials and no network. Each step prints what an officer
would type and what gazouille answers, in French.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

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
    les vérifient en premier. Confiez plutôt un double à un voisin de confiance. Et en cas de
    comportement suspect dans votre quartier, appelez le 17 sans attendre !
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


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="gazouille-demo-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAZOUILLE_", "GITHUB_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("COLUMNS", "100")
    try:
        copy = clone(workdir)
        demo_check(copy, env)
        step("Fin de la démonstration")
        print(f"Tout s'est passé dans une copie jetable, supprimée maintenant : {copy}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
