#!/usr/bin/env node
// Runs axe-core in Debian's headless Chromium on one local HTML file and prints the result as JSON.
//
// Usage: node axe-check.js PAGE.html
// Environment: CHROMIUM (default /usr/bin/chromium).
//
// Rules: every rule axe-core ships is enabled, including the ones off by default
// (experimental and AAA rules too), so nothing is filtered away by tags. The result lists, for
// each violation, the rule id, its tags (wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice, ...),
// its impact, and the HTML of every offending node. Exit code: 0 when the page was checked (with
// or without violations: the caller decides), 1 when it could not be checked.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const axe = require("axe-core");
const puppeteer = require("puppeteer-core");

// Chromium's flags come from the tests (CHROMIUM_FLAGS in tests/realclient.py, one per line in
// $CHROMIUM_FLAGS), so every headless run uses the same list; a fresh profile is added here
// (and removed afterwards), so that a run depends on nothing left behind.
const FLAGS = (process.env.CHROMIUM_FLAGS || "--headless").split("\n").filter(Boolean);

async function check(page) {
  const browserProfile = fs.mkdtempSync(path.join(os.tmpdir(), "digivisio-axe-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [...FLAGS, `--user-data-dir=${browserProfile}`],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: "load" });
    await tab.addScriptTag({ content: axe.source });
    const rules = axe.getRules().map((r) => r.ruleId);
    const result = await tab.evaluate(async (ids) => {
      const enabled = {};
      for (const id of ids) enabled[id] = { enabled: true };
      const r = await window.axe.run(document, { rules: enabled, resultTypes: ["violations"] });
      return {
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          tags: v.tags,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
        })),
      };
    }, rules);
    return { axe: axe.version, rules: rules.length, page, ...result };
  } finally {
    await browser.close();
    fs.rmSync(browserProfile, { recursive: true, force: true });
  }
}

const page = process.argv[2];
if (!page) {
  process.stderr.write("usage: node axe-check.js PAGE.html\n");
  process.exit(1);
}
check(page).then(
  (result) => process.stdout.write(JSON.stringify(result, null, 2) + "\n"),
  (error) => {
    process.stderr.write(`axe-check: ${error && error.message ? error.message : error}\n`);
    process.exit(1);
  },
);
