"""`dipreader serve` in a real headless browser: the page loads, the sidebar lists the samples, a key opens one.

The browser is Chromium driven by selenium through chromedriver (Debian's chromium and
chromium-driver; .ci/run installs them). The terminal draws on a canvas, so the test reads what
the app sends over the page's websocket (recorded by a script added to the page) as text.
Every host but 127.0.0.1 is made unresolvable in the browser: the page's web font is not fetched.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dipreader.paths import sample_articles_dir

STARTUP_SECONDS = 90.0
"""How long the server and the app may take to answer on a loaded machine (a limit, not a measure)."""
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_NAMES = ("chromedriver",)
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)

RECORD_WEBSOCKET = """
window.__dipreaderText = "";
const NativeWebSocket = window.WebSocket;
const decoder = new TextDecoder();
class RecordingWebSocket extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__dipreaderText += decoder.decode(new Uint8Array(event.data), {stream: true});
      }
    });
  }
}
window.WebSocket = RecordingWebSocket;
"""


def _found(names: tuple[str, ...], extra: tuple[str, ...] = ()) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return next((path for path in extra if Path(path).exists()), None)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(condition: Callable[[], bool], what: str, alive: Callable[[], str | None]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        problem = alive()
        if problem:
            raise AssertionError(f"{what}: {problem}")
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {STARTUP_SECONDS:.0f} s")


@pytest.fixture
def browser() -> tuple[str, str]:
    """Chromium and chromedriver, or a skip saying how to install them."""
    binary = _found(BROWSER_NAMES)
    driver_path = _found(DRIVER_NAMES, ("/usr/lib/chromium/chromedriver",))
    if binary is None or driver_path is None:
        pytest.skip(
            "no headless browser: install Chromium and chromedriver (Debian: apt-get install chromium "
            "chromium-driver; .ci/run does) to run the browser test"
        )
    return binary, driver_path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`dipreader serve` on 127.0.0.1 and a free port, stopped (with the app it started) after."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "dipreader", "--articles", str(sample_articles_dir()), "--data-dir",
         str(tmp_path / "data"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def alive() -> str | None:
        if process.poll() is None:
            return None
        return f"the server stopped: {(tmp_path / 'serve.log').read_text(errors='replace')[-2000:]}"

    try:
        _wait_for(answers, "the server never answered", alive)
        yield url, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def test_the_served_app_lists_the_samples_and_a_key_opens_one(
    browser: tuple[str, str], server: tuple[str, subprocess.Popen[bytes]]
) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, process = server
    options = webdriver.ChromeOptions()
    binary, driver_path = browser
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)  # fmt: skip
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_WEBSOCKET})
        driver.get(url)
        assert driver.find_element(By.ID, "terminal") is not None

        def screen_text() -> str:
            raw = driver.execute_script("return window.__dipreaderText || ''")
            return _ANSI.sub("", str(raw))

        def alive() -> str | None:
            return None if process.poll() is None else "the server stopped"

        _wait_for(
            lambda: "Bayramov and Tajani" in screen_text(), "the sidebar never showed the samples", alive
        )
        text = screen_text()
        for title_start in ("Bayramov and Tajani", "Azerbaijani foreign", "Azerbaijan and Ital"):
            assert title_start in text
        assert "BAKU, Azerbaijan, November 27" not in text  # no article is open yet
        _wait_for(lambda: "articles" in screen_text(), "the library never loaded", alive)
        terminal_input = driver.find_element(By.CSS_SELECTOR, "#terminal textarea")
        terminal_input.send_keys(Keys.ENTER)
        _wait_for(
            lambda: "BAKU, Azerbaijan, November 27" in screen_text(),
            "Enter did not open the first article",
            alive,
        )
    finally:
        driver.quit()
