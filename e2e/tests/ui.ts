import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { expect } from './fixtures';

/*
 * Checks of how the plugin's pages look and read, shared by the accessibility, layout,
 * keyboard and screenshot specs: the app's theme, axe, text that must not break mid-word, and
 * the screenshots under docs/images.
 */

export type ThemeId = 'light' | 'dark';

/**
 * Opens the app in `theme` from the first load on: Backstage's AppThemeSelector reads the
 * theme from localStorage (`theme`), where the settings page's switch writes it.
 */
export async function useTheme(page: Page, theme: ThemeId) {
  await page.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
}

/** The theme the app shows: Material UI's palette type, read from the page's background. */
export async function shownTheme(page: Page): Promise<ThemeId> {
  const background = await page.evaluate(
    () => getComputedStyle(document.body).backgroundColor,
  );
  const [r, g, b] = (background.match(/\d+/g) ?? ['255', '255', '255']).map(
    Number,
  );
  return r + g + b < 3 * 128 ? 'dark' : 'light';
}

/**
 * Violations known and not yet fixed, each with why: reported in the log on every run, left out
 * of the failure. Remove an entry once its fix lands.
 */
const KNOWN_VIOLATIONS: { rule: string; html: RegExp; why: string }[] = [];

/**
 * axe on what `include` names (CSS selectors, default the main landmark and any dialog), with
 * the WCAG 2.1 A/AA rules and best practices; fails the test (softly, so a walk goes on) on
 * any serious or critical violation, and says which nodes broke which rule.
 *
 * Backstage's sidebar is left out: it is the app shell's, not this plugin's, and its
 * Notifications item fails label-content-name-mismatch (its aria-label is not its visible text,
 * which includes the unread count). Pages without a main landmark (the ops page) are scanned
 * whole but for that sidebar.
 */
export async function expectAccessible(
  page: Page,
  what: string,
  include: string[] = ['main', '[role="dialog"]'],
) {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'best-practice',
  ]);
  const present: string[] = [];
  for (const selector of include) {
    if ((await page.locator(selector).count()) > 0) present.push(selector);
  }
  for (const selector of present) builder = builder.include(selector);
  builder = builder.exclude('nav[aria-label="sidebar nav"]');
  const results = await builder.analyze();
  const serious = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => {
      const known = KNOWN_VIOLATIONS.filter(k => k.rule === v.id);
      const nodes = v.nodes.filter(n => {
        const excuse = known.find(k => k.html.test(n.html));
        if (excuse) console.log(`${what}: known ${v.id}: ${excuse.why}`);
        return !excuse;
      });
      return { ...v, nodes };
    })
    .filter(v => v.nodes.length > 0);
  const described = serious.map(
    v =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map(
          n =>
            `    ${n.target.join(' ')}: ${
              n.failureSummary
            }\n      ${n.html.slice(0, 300)}`,
        )
        .join('\n')}`,
  );
  const minor = results.violations.filter(
    v => v.impact !== 'serious' && v.impact !== 'critical',
  );
  if (minor.length) {
    console.log(
      `${what}: minor axe findings: ${minor
        .map(v => `${v.id} (${v.impact}, ${v.nodes.length})`)
        .join(', ')}`,
    );
  }
  // soft: a walk over many pages reports every page's violations, not the first one's
  expect.soft(described, `axe on ${what}`).toEqual([]);
}

/** A piece of text that broke across lines where no word boundary is. */
export interface BrokenText {
  text: string;
  lines: number;
  where: string;
}

/**
 * The layout's faults in `scope` (a CSS selector) now: horizontal scroll of the page, buttons
 * and chips whose label takes more than one line, and any word (split at spaces and after
 * hyphens, where a browser may break) laid out on more than one line.
 */
export async function layoutFaults(page: Page, scope: string) {
  return page.evaluate(selector => {
    /** How many lines a range's boxes take: boxes starting below half a line are a new line. */
    function linesOf(rects: DOMRect[]): number {
      const boxes = rects
        .filter(r => r.width > 0 && r.height > 0)
        .sort((a, b) => a.top - b.top);
      let lines = 0;
      let lineTop = -Infinity;
      let lineHeight = 0;
      for (const box of boxes) {
        if (box.top - lineTop > lineHeight / 2) {
          lines++;
          lineTop = box.top;
          lineHeight = box.height;
        }
      }
      return lines;
    }
    function where(element: Element | null): string {
      const parts: string[] = [];
      for (let e = element; e && parts.length < 4; e = e.parentElement) {
        const label = e.getAttribute('aria-label');
        const cls = [...e.classList]
          .filter(c => c.startsWith('Mui'))
          .slice(0, 2)
          .join('.');
        parts.unshift(
          `${e.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${
            label ? `[aria-label="${label}"]` : ''
          }`,
        );
      }
      return parts.join(' > ');
    }
    function visible(element: Element): boolean {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    }

    const root = document.documentElement;
    const horizontalScroll =
      root.scrollWidth > root.clientWidth + 1
        ? `${root.scrollWidth} px of content in ${root.clientWidth} px`
        : undefined;

    const scopes = [...document.querySelectorAll(selector)];
    const wrapped: { text: string; lines: number; where: string }[] = [];
    const controls = scopes.flatMap(s => [
      ...s.querySelectorAll(
        'button, [role="button"], a.MuiButton-root, .MuiChip-root, [role="tab"]',
      ),
    ]);
    for (const control of controls) {
      const text = (control as HTMLElement).innerText?.trim();
      if (!text || !visible(control)) continue;
      // a select's button or a wave's accordion header holds a whole row: only its chips count
      if (control.matches('[aria-haspopup], .MuiAccordionSummary-root'))
        continue;
      const range = document.createRange();
      range.selectNodeContents(control);
      const lines = linesOf([...range.getClientRects()]);
      if (lines > 1) wrapped.push({ text, lines, where: where(control) });
    }

    const broken: { text: string; lines: number; where: string }[] = [];
    for (const s of scopes) {
      const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        const parent = node.parentElement;
        if (!value.trim() || !parent || !visible(parent)) continue;
        if (parent.closest('textarea, pre, code, [contenteditable]')) continue;
        // segments: between spaces, and after hyphens (a browser's own break opportunities)
        const pattern = /[^\s-]+-*/g;
        for (let m = pattern.exec(value); m; m = pattern.exec(value)) {
          if (m[0].length < 2) continue;
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = linesOf([...range.getClientRects()]);
          if (lines > 1)
            broken.push({ text: m[0], lines, where: where(parent) });
        }
      }
    }
    return { horizontalScroll, wrapped, broken };
  }, scope);
}

/** Fails (softly, so a walk goes on) with every layout fault of `scope` (see layoutFaults). */
export async function expectLayoutHolds(page: Page, what: string) {
  // an open dialog is what a person sees; otherwise the page's main landmark, or its content
  const scope = (await page.getByRole('dialog').count())
    ? '[role="dialog"]'
    : (await page.locator('main').count())
    ? 'main'
    : '[class*="BackstageContent"], header';
  const faults = await layoutFaults(page, scope);
  expect.soft(faults, `layout of ${what}`).toEqual({
    horizontalScroll: undefined,
    wrapped: [],
    broken: [],
  });
}

/** The fixed viewport of the screenshots under docs/images. */
export const SCREENSHOT_VIEWPORT = { width: 1280, height: 800 };

/** Whether this run refreshes docs/images (npm run screenshots sets it). */
export const takingScreenshots = process.env.DRS_SCREENSHOTS === '1';

const IMAGES = join(__dirname, '..', '..', 'docs', 'images');

/** Saves the viewport as docs/images/<name>.png when the run refreshes the screenshots. */
export async function screenshot(page: Page, name: string) {
  if (!takingScreenshots) return;
  const path = join(IMAGES, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  // no blinking caret, no half-finished ripple
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
}
