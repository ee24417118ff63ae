import { dashboardReady, launchBrowser, startFixtureServer } from "../tests/e2e/harness.mjs";
import { demoExport } from "./demo-ledger.mjs";
const server = await startFixtureServer();
const browser = await launchBrowser(server, { language: "fr-FR" });
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(browser.dashboardUrl);
  await page.evaluate((file) => chrome.runtime.sendMessage({ type: "import", export: file }), demoExport());
  await page.reload();
  await dashboardReady(page);
  await page.waitForTimeout(800);
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  for (const id of ["tables", "labour", "privacy", "settings", "data"]) {
    await page.evaluate((section) => document.getElementById(section).scrollIntoView(), id);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/d/sec-${id}.png` });
  }
} finally {
  await browser.close();
  await server.close();
}
