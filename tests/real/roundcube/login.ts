/**
 * Logging in to the real Roundcube, as a user does, for the specs of this folder. Normally the inbox
 * shows within two seconds. Once, in CI, it did not show within the test's two minutes, with
 * nothing to tell why (stop 32): so the wait is bounded, a login form still showing is tried once
 * more (as a user would), and a login that still fails says what Roundcube showed and logged.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORIGIN } from '../kring';

const ROWS = 'tr[id^="rcmrow"]';

export async function logInToRoundcube(context: BrowserContext, user: string, password: string, serverDir?: string): Promise<Page> {
  const mail = await context.newPage();
  await mail.setViewportSize({ width: 1400, height: 900 });
  for (let attempt = 1; ; attempt++) {
    await mail.goto(`${ORIGIN}/`);
    await mail.fill('#rcmloginuser', user);
    await mail.fill('#rcmloginpwd', password);
    await mail.click('#rcmloginsubmit');
    try {
      await expect(mail.locator(ROWS).first()).toBeVisible({ timeout: 30_000 });
      return mail;
    } catch (e) {
      const said = await mail.locator('#messagestack, .boxerror, #login-form .error').allInnerTexts().catch(() => []);
      const log = serverDir && existsSync(join(serverDir, 'logs', 'errors.log')) ? readFileSync(join(serverDir, 'logs', 'errors.log'), 'utf8').slice(-2000) : '(no Roundcube error log)';
      const why = `Roundcube login, attempt ${attempt}: no message list at ${mail.url()}; it showed ${JSON.stringify(said)}; its error log ends:\n${log}`;
      if (attempt >= 2 || !(await mail.locator('#rcmloginuser').isVisible().catch(() => false))) throw new Error(why, { cause: e });
      console.log(`${why}\nTrying the login once more.`);
    }
  }
}
