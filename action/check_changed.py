#!/usr/bin/env python3
"""Run `newslint check` on the articles a pull request (or push) changed and write SARIF.

Used by the composite GitHub Action (action.yml in the repository root); runs locally as well:

    python action/check_changed.py --base origin/main --sarif newslint.sarif -- --select NL1,NL2

What is checked:
- with a base commit (--base, else $NEWSLINT_BASE; the action passes the pull request's base or
  the push's previous commit): the files changed between the merge base of BASE and HEAD and
  HEAD (added, copied, modified, renamed; not deleted), that newslint reads (.txt, .md, .html,
  ...) and that lie under --paths;
- without one (or an all-zero commit, as on the first push of a branch): the --paths themselves.
newslint runs from the work tree's top folder with --force-exclude --allow-empty (the config's
exclude and .gitignore apply to the changed files; no changed article is not an error) and
--format sarif, so the SARIF paths are relative to the repository, as code scanning wants.

Outputs (also to $GITHUB_OUTPUT or --github-output): exit-code (newslint's: 0 clean, 1 findings,
2 errors), sarif-file (empty when newslint wrote no valid SARIF), files (how many were named).
Exit status: 0 when the outputs were written (the action decides later whether findings fail the
job), or newslint's own with --exit-code; 3 when git or newslint could not run at all.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

ZERO_COMMIT = "0" * 40


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git; raises RuntimeError with git's message when `check` and it fails."""
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc


def has_commit(ref: str, cwd: Path) -> bool:
    return git("cat-file", "-e", f"{ref}^{{commit}}", cwd=cwd, check=False).returncode == 0


def diff_base(base: str, cwd: Path) -> str:
    """The commit to diff HEAD against: the merge base of `base` and HEAD, or `base` itself when
    the history is too shallow to have one (a pull request's merge commit against its base tip
    still gives exactly the pull request's changes). A base missing from a shallow clone is
    fetched from origin first."""
    if not has_commit(base, cwd):
        git("fetch", "--no-tags", "--depth=1", "origin", base, cwd=cwd, check=False)
        if not has_commit(base, cwd):
            raise RuntimeError(f"base commit {base} is not in the clone and could not be fetched from origin "
                               "(use actions/checkout with fetch-depth: 0, or pass paths without a base)")
    found = git("merge-base", base, "HEAD", cwd=cwd, check=False)
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else base


def changed_files(base: str, cwd: Path) -> list[str]:
    """Paths (relative to the work tree, '/' separators) added, copied, modified or renamed
    between `base` and HEAD."""
    proc = git("diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMR", diff_base(base, cwd), "HEAD", "--", cwd=cwd)
    return sorted(p for p in proc.stdout.split("\0") if p)


def under(path: str, roots: list[str]) -> bool:
    """`path` (relative, '/') lies in one of `roots` (relative paths; '.' is everything)."""
    parts = PurePosixPath(path).parts
    for root in roots:
        root_parts = PurePosixPath(root.strip("/") or ".").parts
        if root_parts in ((), (".",)) or parts[: len(root_parts)] == root_parts:
            return True
    return False


def write_outputs(values: dict[str, str], github_output: str | None) -> None:
    for key, value in values.items():
        print(f"{key}={value}")
    if github_output:
        with open(github_output, "a", encoding="utf-8") as fh:
            for key, value in values.items():
                fh.write(f"{key}={value}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=os.environ.get("NEWSLINT_BASE", ""), help="commit to diff against (default $NEWSLINT_BASE)")
    parser.add_argument("--paths", nargs="*", default=None,
                        help="folders/files to limit the changed files to, or to check whole without a base (default $NEWSLINT_PATHS, else .)")
    parser.add_argument("--sarif", default=os.environ.get("NEWSLINT_SARIF") or "newslint.sarif", help="SARIF file to write")
    parser.add_argument("--github-output", default=os.environ.get("GITHUB_OUTPUT"), help="file to append the outputs to")
    parser.add_argument("--exit-code", action="store_true", help="exit with newslint's exit code")
    parser.add_argument("newslint_args", nargs="*", help="extra arguments for newslint check (after --; default $NEWSLINT_ARGS)")
    args = parser.parse_args(argv)
    paths = args.paths if args.paths else shlex.split(os.environ.get("NEWSLINT_PATHS", "")) or ["."]
    extra = args.newslint_args or shlex.split(os.environ.get("NEWSLINT_ARGS", ""))
    cwd = Path.cwd()
    sarif = Path(args.sarif).resolve()
    try:
        top = Path(git("rev-parse", "--show-toplevel", cwd=cwd).stdout.strip())
        # --paths are relative to where the script was started; newslint runs from the top folder
        roots = [Path(os.path.relpath((cwd / p).resolve(), top)).as_posix() for p in paths]
        base = args.base.strip()
        if base and base != ZERO_COMMIT:
            from newslint.sources import CHECKED_SUFFIXES

            targets = [p for p in changed_files(base, top)
                       if PurePosixPath(p).suffix.lower() in CHECKED_SUFFIXES and under(p, roots)]
            print(f"newslint: {len(targets)} changed article file(s) since {base[:12]}", file=sys.stderr)
        else:
            targets = roots
            print(f"newslint: no base commit; checking {' '.join(roots)}", file=sys.stderr)
    except (RuntimeError, OSError) as exc:
        print(f"newslint action: error: {exc}", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory() as empty:
        # no changed article: an empty folder gives a valid SARIF log with no results
        named = targets or [empty]
        cmd = [sys.executable, "-m", "newslint", "check", "--force-exclude", "--allow-empty",
               "--format", "sarif", *extra, "--", *named]
        with open(sarif, "w", encoding="utf-8") as out:
            try:
                code = subprocess.run(cmd, cwd=top, stdout=out).returncode
            except OSError as exc:
                print(f"newslint action: error: cannot run newslint: {exc}", file=sys.stderr)
                return 3
    try:
        json.loads(sarif.read_text(encoding="utf-8"))
        valid = True
    except (OSError, ValueError):
        valid = False
        print(f"newslint action: newslint wrote no valid SARIF (exit {code}); nothing to upload", file=sys.stderr)
    write_outputs({"exit-code": str(code), "sarif-file": str(sarif) if valid else "", "files": str(len(targets))},
                  args.github_output)
    if code not in (0, 1, 2):
        return 3
    return code if args.exit_code else 0


if __name__ == "__main__":
    sys.exit(main())
