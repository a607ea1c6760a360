"""Open a report.html in headless Chromium: run the page's own self-check, collect console messages, screenshot it.

The page sets data-selfcheck="ok" on <html> when every section and chart is there, every chart
was laid out and nothing external is referenced (its Content-Security-Policy blocks any network
access anyway); console messages (errors, CSP violations) are read from Chromium's log on stderr.

Usage: python bench/report_screenshot.py OUT_DIR [--png FILE] [--width 1280] [--height 2400]
       python bench/report_screenshot.py --demo [--png FILE]   (reports a small generated archive first)
Needs Debian's chromium (apt-get install -y chromium).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def chromium() -> str:
    """Path of a Chromium binary, or exit with a clear message."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("headless Chromium not found: apt-get install -y chromium")


def open_report(report: Path, png: Path, width: int, height: int) -> tuple[str, list[str]]:
    """(self-check result, console lines) after loading the page; writes the screenshot."""
    with tempfile.TemporaryDirectory(prefix="newslint-chromium-") as profile:
        base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--enable-logging=stderr", "--v=0", f"--window-size={width},{height}", "--hide-scrollbars"]
        url = report.resolve().as_uri()
        dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, timeout=120)
        found = re.search(r'data-selfcheck="([^"]*)"', dom.stdout.decode(errors="replace"))
        console = [line for line in dom.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line]
        shot = subprocess.run([*base, f"--screenshot={png.resolve()}", url], capture_output=True, timeout=120)
        if not png.is_file():
            raise SystemExit(f"no screenshot written: {shot.stderr.decode(errors='replace')[-1500:]}")
    return (found.group(1) if found else "missing (the page's script did not run)"), console


def demo(into: Path) -> Path:
    """Report a small generated archive (no third-party text) into `into`; returns the output folder."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from report_million import generate  # noqa: PLC0415

    archive = into / "demo.jsonl"
    generate(archive, 3000)
    out = into / "out"
    subprocess.run([sys.executable, "-m", "newslint.cli", "report", str(archive), "--out", str(out), "--text-field", "text",
                    "--id-field", "id", "--date-field", "date", "--source-field", "source", "--no-progress"], check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="a `newslint report --out` folder")
    parser.add_argument("--demo", action="store_true", help="report a small generated archive first")
    parser.add_argument("--png", type=Path, default=Path("report.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args()
    if args.demo:
        out = demo(Path(tempfile.mkdtemp(prefix="newslint-report-demo-")))
    elif args.out:
        out = args.out
    else:
        parser.error("give an OUT_DIR or --demo")
    status, console = open_report(out / "report.html", args.png, args.width, args.height)
    print(f"report: {out / 'report.html'}")
    print(f"self-check: {status}")
    print(f"console messages: {len(console)}")
    for line in console:
        print("  " + line)
    print(f"screenshot: {args.png} ({args.png.stat().st_size / 1e3:.0f} kB)")
    sys.exit(0 if status == "ok" and not console else 1)


if __name__ == "__main__":
    main()
