import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { startEditorEmulator, type EditorEmulator } from '../harness/awsEmulator';
import { launchBrowser, type Browser } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';

const SCREENSHOTS = path.join(repoRoot, 'test-results', 'e2e');

/** A real workbench in headless chromium, with CloudWarden loaded from source on a workspace. */
export class Workbench {
  private shot = 0;

  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    private readonly prefix: string,
    /** The AWS emulator the workbench's AWS features reach (seeded with the invictus CloudTrail logs). */
    readonly aws: EditorEmulator,
  ) {}

  get page(): Page {
    return this.browser.page;
  }

  /** `env` reaches the extension host and so the language server (the browser's does not). */
  static async open(
    workspace: string,
    prefix: string,
    env?: Record<string, string>,
    settings?: Record<string, unknown>,
  ): Promise<Workbench> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const aws = await startEditorEmulator();
    const server = await startCodeServer({
      workspace,
      env: { ...aws.env, ...env },
      ...(settings && { settings }),
    }).catch(async (error: unknown) => {
      await aws.close();
      throw error;
    });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      await browser.page.goto(server.workbenchUrl());
      await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The explorer shows the workspace once the remote extension host is up.
      await browser.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      return new Workbench(server, browser, prefix, aws);
    } catch (error) {
      await browser?.close();
      await server.stop();
      await aws.close();
      throw error;
    }
  }

  /** Saves a screenshot a person can open: test-results/e2e/<prefix>-NN-<name>.png. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(SCREENSHOTS, `${this.prefix}-${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens a workspace file by clicking through the Explorer (Ctrl+P does not focus in headless chromium). */
  async openFile(...parts: string[]): Promise<void> {
    for (const [i, part] of parts.entries()) {
      const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${part}"]`).first();
      await row.waitFor();
      const expanded = await row.getAttribute('aria-expanded');
      if (i < parts.length - 1) {
        if (expanded !== 'true') await row.click();
      } else {
        await row.dblclick();
      }
    }
    await this.page.locator(`.tabs-container .tab[aria-label^="${parts[parts.length - 1]}"]`).waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** Runs a command from the palette by its title. */
  async runCommand(title: string): Promise<void> {
    // A palette opened before the remote extension host has registered the extension's commands lists
    // none of them and does not refresh: closed and opened again until the command is there.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      // The row itself, not Enter: under load the list may still show the previous filter's first row as
      // the active one when the row with the title appears, and Enter would run that command instead.
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: Math.min(10_000, Math.max(1_000, deadline - Date.now())) });
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.page.keyboard.press('Escape');
        continue;
      }
      await row.click();
      return;
    }
  }

  /**
   * Clicks the Problems panel row that mentions `problem`, then waits until the editor shows `revealed`
   * (the text on the problem's line): the click reveals the line and puts the cursor there, and what
   * follows (a hover, a click on that text) needs it on screen.
   */
  async goToProblem(problem: string, revealed: string | RegExp): Promise<void> {
    await this.page.locator('.markers-panel .monaco-list-row', { hasText: problem }).first().click();
    await this.page.locator('.monaco-editor .view-lines span', { hasText: revealed }).last().waitFor();
  }

  /**
   * Opens the quick-fix menu on the editor's `text` and returns its row titled `title`, once shown. Ctrl+.
   * is lost when it arrives before the editor has focus or while a hover opens under the pointer: it is
   * asked again (a retried user action, not a sleep) a few times, with a screenshot of each miss.
   */
  async quickFixItem(text: string, title: string): Promise<Locator> {
    const item = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await this.editorText(text).click();
      // Move the pointer off the text: a hover opening under it would close the quick-fix menu.
      await this.page.mouse.move(5, 5);
      await this.page.keyboard.press('Control+.');
      const shown = await item.waitFor({ timeout: 8_000 }).then(
        () => true,
        () => false,
      );
      if (shown) return item;
      await this.screenshot(`quick-fix-menu-missing-${attempt}`);
      if (attempt === 3) throw new Error('the quick-fix menu did not open after 3 attempts (see the screenshots)');
      await this.page.keyboard.press('Escape');
    }
  }

  /** The editor text span holding `text` (the first one). */
  editorText(text: string): Locator {
    return this.page.locator('.monaco-editor .view-lines span', { hasText: text }).last();
  }

  /**
   * Hovers `target` until the editor shows a hover holding `expected` (the provider's content, not just a
   * widget), and returns that hover. A hover is lost when the text moves under the pointer (a CodeLens
   * arriving above the line, the editor scrolling to a problem) or when it is asked before the language
   * server has read the file: each miss moves the pointer away and hovers the target again, as a person
   * would, until the deadline. Screenshots of the misses are kept.
   */
  async hoverUntil(target: () => Locator, expected: string | RegExp, timeoutMs = 60_000): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await target().hover({ timeout: Math.max(1_000, deadline - Date.now()) });
      const wait = Math.min(8_000, Math.max(1_000, deadline - Date.now()));
      if (
        await hover.waitFor({ timeout: wait }).then(
          () => true,
          () => false,
        )
      )
        return hover;
      await this.screenshot(`hover-missing-${attempt}`);
      if (Date.now() >= deadline)
        throw new Error(`no hover showing ${String(expected)} after ${attempt} attempts (see the screenshots)`);
      await this.page.mouse.move(5, 5);
    }
  }

  /**
   * The text of the language status hover (the `{}` item beside the language mode) once it holds
   * `expected`: it is opened by hovering the item, again after each miss, until the deadline.
   */
  async languageStatusWith(expected: RegExp, timeoutMs = 60_000): Promise<string> {
    const item = this.page.locator('.statusbar-item[id="status.languageStatus"]');
    const hover = this.page
      .locator('.monaco-hover:not(.hidden), .context-view .hover-contents, .workbench-hover', { hasText: expected })
      .first();
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await item.hover({ timeout: Math.max(1_000, deadline - Date.now()) });
      if (
        await hover.waitFor({ timeout: Math.min(8_000, Math.max(1_000, deadline - Date.now())) }).then(
          () => true,
          () => false,
        )
      )
        return hover.innerText();
      await this.screenshot(`language-status-missing-${attempt}`);
      if (Date.now() >= deadline)
        throw new Error(`the language status did not show ${String(expected)} (see the screenshots)`);
      await this.page.mouse.move(5, 5);
    }
  }

  /**
   * The frame of a webview (nested same-origin iframes) whose body contains `text`. Each frame there
   * is waited on for the text (Playwright watches the page, no sleep); frames that appear later (the
   * webview's inner frame loads after its host) are picked up on the next round.
   */
  async webviewFrameWith(text: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no webview showed "${text}" within ${timeoutMs} ms`);
      const round = Math.min(2_000, left);
      const frames = this.page.frames().filter((frame) => frame !== this.page.mainFrame());
      if (frames.length === 0) {
        // No webview yet: wait for a frame to attach, then look again.
        await this.page.waitForEvent('frameattached', { timeout: round }).catch(() => undefined);
        continue;
      }
      const found = await Promise.any(
        frames.map((frame) =>
          frame
            .locator('body', { hasText: text })
            .waitFor({ timeout: round })
            .then(() => frame),
        ),
      ).catch(() => undefined);
      if (found) return found;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    await this.aws.close();
  }
}
