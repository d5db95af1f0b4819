"""The built site as a reader sees it, in a real headless Chromium (Debian's package).

    scripts/docs-browser-check            # after scripts/docs

Serves ``docs/_build/html`` on a loopback port, then:

- crawls every page reachable from the home page and checks that every internal link
  resolves: the page exists, and its ``#anchor`` names an element on it;
- opens every page in Chromium: it has a title and a non-empty main text, and the browser
  logged no error (a missing script, stylesheet or image shows there);
- types a query into the search box and waits for results;
- saves screenshots of the home page and an API page under /tmp.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "docs" / "_build" / "html"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
]


class Links(HTMLParser):
    """The hrefs and the ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser dropping a connection it no longer needs is not an error


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(Quiet, directory=str(directory))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def crawl(base: str) -> tuple[list[str], list[str]]:
    """Every page reachable from the home page, and the broken internal links."""
    pages: dict[str, Links] = {}
    queue = [urljoin(base, "index.html")]
    wanted: list[tuple[str, str]] = []  # (page linking, target with fragment)
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read().decode("utf-8", "replace")
        except OSError as error:
            broken.append(f"{url}: {error}")
            pages[url] = Links()
            continue
        parsed = Links()
        parsed.feed(body)
        pages[url] = parsed
        for href in parsed.hrefs:
            target = urljoin(url, href)
            if not target.startswith(base):
                continue  # an outside link: not this site's to check
            page, _ = urldefrag(target)
            wanted.append((url, target))
            if page.endswith(".html") and "/_modules/" not in page and "/_sources/" not in page:
                queue.append(page)
    fetched: dict[str, str | None] = {}  # pages not crawled (sources, images): error or None
    for source, target in wanted:
        page, fragment = urldefrag(target)
        if page.endswith("/"):
            page += "index.html"
        if page not in pages:
            if page not in fetched:
                try:
                    urllib.request.urlopen(page, timeout=10).close()
                    fetched[page] = None
                except OSError as error:
                    fetched[page] = str(error)
            if fetched[page]:
                broken.append(f"{source} -> {target}: {fetched[page]}")
            continue
        if fragment and fragment not in pages[page].ids and page.endswith(".html"):
            broken.append(f"{source} -> {target}: no element with id {fragment!r}")
    return sorted(p for p in pages if p.endswith(".html")), sorted(set(broken))


def browser() -> object:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def check_pages(driver: object, pages: list[str]) -> list[str]:
    problems = []
    for url in pages:
        driver.get(url)  # type: ignore[attr-defined]
        title = driver.title  # type: ignore[attr-defined]
        text = driver.execute_script(  # type: ignore[attr-defined]
            "const a = document.querySelector('article'); return a ? a.textContent.trim() : ''"
        )
        errors = [
            entry["message"]
            for entry in driver.get_log("browser")  # type: ignore[attr-defined]
            if entry["level"] == "SEVERE"
        ]
        if not title or len(text) < 20:
            problems.append(f"{url}: empty page (title {title!r}, {len(text)} characters)")
        problems += [f"{url}: browser error: {message}" for message in errors]
    return problems


def check_search(driver: object, base: str, query: str) -> tuple[int, list[str]]:
    """Type ``query`` in the home page's search box, submit, count the results."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(urljoin(base, "index.html"))  # type: ignore[attr-defined]
    box = driver.find_element(By.CSS_SELECTOR, "input[name=q]")  # type: ignore[attr-defined]
    driver.execute_script("arguments[0].focus()", box)  # type: ignore[attr-defined]
    box.send_keys(query, Keys.ENTER)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # Sphinx writes the summary once the search ended
        summary = driver.find_elements(By.CSS_SELECTOR, "#search-results .search-summary")  # type: ignore[attr-defined]
        if summary and summary[0].text.strip():
            break
        time.sleep(0.2)
    items = driver.find_elements(By.CSS_SELECTOR, "#search-results ul.search li")  # type: ignore[attr-defined]
    found = [item.text.splitlines()[0] for item in items if item.text]
    return len(found), found[:3]


def screenshot(driver: object, url: str, path: Path) -> None:
    driver.get(url)  # type: ignore[attr-defined]
    time.sleep(0.3)  # web fonts and the theme's script settle
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--query", default="execute", help="what to search for")
    parser.add_argument("--shots", default="/tmp", help="where the screenshots go")
    args = parser.parse_args(argv)
    if not (SITE / "index.html").exists():
        print("docs-browser-check: no site: run scripts/docs first", file=sys.stderr)
        return 1
    started = time.monotonic()
    server, base = serve(SITE)
    driver = browser()
    try:
        pages, problems = crawl(base)
        problems += check_pages(driver, pages)
        shots = Path(args.shots)  # before the search, which leaves its highlight behind
        home, api = shots / "pylxd-docs-home.png", shots / "pylxd-docs-api.png"
        screenshot(driver, urljoin(base, "index.html"), home)
        screenshot(driver, urljoin(base, "api/client.html"), api)
        count, first = check_search(driver, base, args.query)
        if not count:
            problems.append(f"search for {args.query!r} found nothing")
    finally:
        driver.quit()  # type: ignore[attr-defined]
        server.shutdown()
    for problem in problems:
        print(f"docs-browser-check: {problem}", file=sys.stderr)
    print(
        f"{len(pages)} pages rendered, every internal link resolved: "
        f"{'no' if problems else 'yes'}; search {args.query!r}: {count} results "
        f"({', '.join(first)}); screenshots: {home}, {api}; "
        f"{time.monotonic() - started:.1f} s"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
