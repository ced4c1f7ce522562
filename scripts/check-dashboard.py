#!/usr/bin/env python3
"""The dashboard in a real browser (run by .ci/run, not by swift test): headless Chromium driven
by Selenium (Debian's chromium and chromium-driver, PyPI's selenium) against `authshift serve`
on a workspace made from the synthetic contoso examples (November and December runs).

Checks, in order: the one-time sign-in link signs in and a second use is refused; the overview
shows the countdown and the burn-down chart; the register filters by search (the server's
filter) and by the filter-as-you-type box (the page's script); a sender page opens; changing
its owner saves and the change is on the audit page under the signed-in name; the CSV download
of the filtered register holds exactly the filtered rows; no console error and no
Content-Security-Policy violation on any page; no request to any host but the dashboard's;
SIGTERM stops the server with status 0. Screenshots go to ci-artifacts/dashboard/.

usage: scripts/check-dashboard.py PATH_TO_AUTHSHIFT_BINARY
Prints one line per check and a closing "N passed, N failed"; exits 1 on any failure.
"""
import csv
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "ci-artifacts", "dashboard")
# Markup in a value people type: shown as text, it runs nothing (a rendered <img onerror> or
# <script> would also show as a Content-Security-Policy violation below).
OWNER = 'Dashboard Check <Owner> & Co <script>document.title="owned"</script><img src=x onerror="document.title=1">'
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)


def run(binary, *args):
    subprocess.run([binary, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_server(binary, workspace):
    """Starts serve on a free loopback port and returns the process and its sign-in link."""
    process = subprocess.Popen(
        [binary, "serve", "--workspace", workspace, "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stdout.readline()
        if "/signin?token=" in line:
            return process, line.strip()
        if not line and process.poll() is not None:
            break
    raise SystemExit("authshift serve printed no sign-in link: " + process.stderr.read())


def browser(downloads):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def shot(driver, name):
    driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))


def requested_hosts(driver):
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith(("http://", "https://", "ws://", "wss://")):
                hosts.add(urllib.parse.urlsplit(url).netloc)
    return hosts


def main():
    binary = os.path.abspath(sys.argv[1])
    os.makedirs(ARTIFACTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="authshift-dashboard-")
    workspace = os.path.join(work, "ws")
    run(binary, "workspace", "init", workspace)
    run(binary, "assess", "Examples/contoso", "--out", os.path.join(work, "nov"), "--as-of", "2026-11-28", "--workspace", workspace)
    run(binary, "assess", "Examples/contoso-2026-12", "--out", os.path.join(work, "dec"), "--as-of", "2026-12-28", "--workspace", workspace)
    server, link = start_server(binary, workspace)
    base = link.split("/signin")[0]
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    driver = browser(downloads)
    console = []
    try:
        driver.get(link)
        console += driver.get_log("browser")
        check("the sign-in link opens the overview", driver.current_url == base + "/" and "Overview" in driver.title, driver.current_url)
        check("the overview shows the countdown", "default change" in driver.find_element(By.TAG_NAME, "main").text)
        check("the overview shows the burn-down chart", len(driver.find_elements(By.CSS_SELECTOR, "svg.burndown polyline")) == 2)
        shot(driver, "1-overview")

        driver.get(base + "/senders")
        console += driver.get_log("browser")
        all_rows = len(driver.find_elements(By.CSS_SELECTOR, "#senders tbody tr"))
        first = driver.find_element(By.CSS_SELECTOR, "#senders tbody tr td a").text
        term = first.split("@")[0]
        box = driver.find_element(By.NAME, "q")
        box.send_keys(term)
        box.submit()
        WebDriverWait(driver, 10).until(ec.url_contains("q="))
        console += driver.get_log("browser")
        rows = driver.find_elements(By.CSS_SELECTOR, "#senders tbody tr")
        check("the register filters on the server", 0 < len(rows) < all_rows and all(term in r.text.lower() for r in rows),
              f"{len(rows)} of {all_rows} for {term}")
        shot(driver, "2-register-filtered")

        driver.get(base + "/senders")
        typed = driver.find_element(By.CSS_SELECTOR, "input[data-filter-table='senders']")
        check("the filter-as-you-type box is shown by the script", typed.is_displayed())
        typed.send_keys(term)
        visible = [r for r in driver.find_elements(By.CSS_SELECTOR, "#senders tbody tr") if r.is_displayed()]
        check("typing filters the rows shown", 0 < len(visible) < all_rows, f"{len(visible)} of {all_rows}")

        driver.get(base + "/senders?q=" + urllib.parse.quote(term))
        driver.find_element(By.CSS_SELECTOR, "#senders tbody tr td a").click()
        WebDriverWait(driver, 10).until(ec.url_contains("/sender?"))
        console += driver.get_log("browser")
        check("a sender page opens", term in driver.title and "Recommendation" in driver.page_source, driver.title)
        shot(driver, "3-sender")

        owner = driver.find_element(By.CSS_SELECTOR, "form.edit input[name=owner]")
        owner.clear()
        owner.send_keys(OWNER)
        driver.find_element(By.CSS_SELECTOR, "form.edit button[type=submit]").click()
        WebDriverWait(driver, 10).until(ec.url_contains("saved=1"))
        console += driver.get_log("browser")
        check("changing the owner saves", "Saved." in driver.page_source and OWNER in driver.find_element(By.TAG_NAME, "main").text)
        shot(driver, "4-owner-saved")

        driver.get(base + "/audit")
        console += driver.get_log("browser")
        entries = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr") if OWNER in r.text]
        user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
        check("the audit page has the change under the signed-in name", entries and (not user or user in entries[0]), entries)
        shot(driver, "5-audit")

        driver.get(base + "/senders?q=" + urllib.parse.quote(term))
        expected = [r.find_element(By.CSS_SELECTOR, "td a").text for r in driver.find_elements(By.CSS_SELECTOR, "#senders tbody tr")]
        driver.find_element(By.LINK_TEXT, "CSV").click()
        deadline = time.time() + 20
        files = []
        while time.time() < deadline:
            files = [f for f in glob.glob(os.path.join(downloads, "*.csv"))]
            if files:
                break
            time.sleep(0.2)
        if files:
            with open(files[0], encoding="utf-8-sig", newline="") as f:
                table = list(csv.reader(f))
            check("the CSV download holds the filtered rows", [r[0] for r in table[1:]] == expected, (table[:3], expected))
        else:
            check("the CSV download holds the filtered rows", False, "no file downloaded")
        console += driver.get_log("browser")

        driver.get(link)
        console += driver.get_log("browser")
        check("the sign-in link works once", "works once" in driver.page_source)

        errors = [e for e in console if e["level"] == "SEVERE" and "/signin?token=" not in e["message"]]
        check("no console error", not errors, errors)
        violations = [e for e in console if "Content Security Policy" in e["message"]]
        check("no Content-Security-Policy violation", not violations, violations)
        hosts = requested_hosts(driver)
        check("no request to another host", hosts <= {urllib.parse.urlsplit(base).netloc}, hosts)
    finally:
        driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            status = None
        check("SIGTERM stops the server with status 0", status == 0, status)
        shutil.rmtree(work, ignore_errors=True)
    failed = results.count(False)
    print(f"{results.count(True)} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
