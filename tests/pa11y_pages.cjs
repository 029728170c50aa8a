// Runs pa11y (HTML_CodeSniffer, WCAG 2 AA) over many pages in one Node process and one browser.
//
// Usage: node tests/pa11y_pages.cjs BASE_URL PATH [PATH...]   (CHROME_PATH: the Chromium headless shell to use)
// Prints one JSON object on stdout: {"PATH": [issue, ...], ...} with only the errors pa11y
// reports (no warnings, no notices). Exit code 0 when it could run every page, 2 otherwise.
// Used by tests/test_pa11y.py; never downloads a browser (puppeteer uses CHROME_PATH).
"use strict";

const path = require("path");
const root = path.resolve(__dirname, "..");
const pa11y = require(path.join(root, "node_modules", "pa11y"));
const puppeteer = require(path.join(root, "node_modules", "puppeteer"));

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--js-flags=--max-opt=1",  // as tests/conftest.py: no optimising compiler for pages that live a second
];
const PARALLEL = 3;

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium-headless-shell",
    headless: "shell",
    args: FLAGS,
  });
  const results = {};
  let failed = false;
  const queue = paths.slice();
  async function worker() {
    const page = await browser.newPage();
    while (queue.length) {
      const where = queue.shift();
      try {
        const result = await pa11y(base + where, {
          browser, page, standard: "WCAG2AA", runners: ["htmlcs"],
          includeWarnings: false, includeNotices: false, timeout: 30000,
        });
        results[where] = result.issues.filter((issue) => issue.type === "error");
      } catch (error) {
        failed = true;
        results[where] = [{ code: "pa11y-falhou", message: String(error), selector: "" }];
      }
    }
    await page.close();
  }
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
  process.exitCode = failed ? 2 : 0;
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exitCode = 2;
});
