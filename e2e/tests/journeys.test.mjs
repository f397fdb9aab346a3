// What a person does in Procura, in a real Chromium: first-run setup,
// the catalogue, languages, a project worked through its first phase gate,
// a conflicting edit, signing out — with axe on every page visited.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startProcura, startBrowser, assertAccessible, screenshots, PASSWORD } from './support.mjs';

let procura;
let chromium;
let admin;

before(async () => {
  procura = await startProcura();
  chromium = await startBrowser();
});

after(async () => {
  await chromium?.stop();
  await procura?.stop();
});

async function newPage(locale = 'fr-FR') {
  const context = await chromium.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function signIn(page, email) {
  await page.goto(`${procura.base}/sign-in`);
  await page.getByLabel(/Adresse électronique|E-mail address/).fill(email);
  await page.getByLabel(/^Mot de passe$|^Password$/).fill(PASSWORD);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

test('first-run setup creates the organisation and signs the administrator in', async () => {
  admin = await newPage();
  await admin.goto(procura.setupUrl);
  await assertAccessible(admin, 'setup');
  await admin.getByLabel('Organisation').fill('CHU Exemple');
  await admin.getByLabel('Nom').fill('Alice Admin');
  await admin.getByLabel('Adresse électronique').fill('admin@chu.example');
  await admin.getByLabel('Mot de passe').fill(PASSWORD);
  await admin.getByRole('button', { name: 'Créer et se connecter' }).click();
  await admin.waitForURL((url) => url.pathname === '/');
  assert.match(await admin.textContent('body'), /CHU Exemple/);
  procura.cli(['user', 'add', '--email', 'rssi@chu.example', '--org', 'CHU Exemple', '--role', 'ciso', '--password-stdin'], PASSWORD);
});

test('the catalogue filters, searches, opens a practice and exports the list', async () => {
  await admin.goto(`${procura.base}/catalogue`);
  await assertAccessible(admin, 'catalogue');
  await shot(admin, 'catalogue-fr');
  await admin.getByRole('checkbox', { name: /Services en nuage/ }).check();
  await admin.getByRole('checkbox', { name: /Sélection des fournisseurs/ }).check();
  await admin.getByRole('button', { name: 'Appliquer' }).click();
  await admin.waitForURL(/type=cloud-services/);
  const results = await admin.textContent('section.results');
  assert.match(results, /BP-17/);
  assert.doesNotMatch(results, /BP-27/);
  assert.match(results, /21 bonnes pratiques correspondent/);
  await assertAccessible(admin, 'catalogue filtered');
  await admin.goto(`${procura.base}/catalogue?q=securite`);
  assert.match(await admin.textContent('section.results'), /BP-/);
  await admin.goto(`${procura.base}/catalogue?type=cloud-services&phase=supplier-selection`);
  const download = admin.waitForEvent('download');
  await admin.getByRole('link', { name: 'Markdown' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /procura-practices-fr\.md/);
  await admin.getByRole('link', { name: /BP-17/ }).first().click();
  await admin.waitForURL(/\/practices\/BP-17/);
  await assertAccessible(admin, 'practice detail');
  assert.match(await admin.textContent('h1'), /BP-17/);
});

test('the interface switches between French and English', async () => {
  await admin.goto(`${procura.base}/catalogue`);
  await admin.getByRole('link', { name: 'EN', exact: true }).click();
  await admin.waitForURL(/\/catalogue/);
  assert.equal(await admin.getAttribute('html', 'lang'), 'en');
  assert.match(await admin.textContent('h1'), /Good practices/);
  await assertAccessible(admin, 'catalogue in English');
  await shot(admin, 'catalogue-en');
  await admin.getByRole('link', { name: 'FR', exact: true }).click();
  await admin.waitForURL(/\/catalogue/);
  assert.equal(await admin.getAttribute('html', 'lang'), 'fr');
});

let projectUrl;

test('a project is created and its checklist worked through the first gate', async () => {
  await admin.goto(`${procura.base}/projects`);
  await assertAccessible(admin, 'portfolio (empty)');
  await admin.getByRole('link', { name: 'Nouveau projet' }).click();
  await assertAccessible(admin, 'new project form');
  await admin.getByLabel('Référence').fill('MAR-2026-014');
  await admin.getByLabel('Intitulé').fill('Pompes à perfusion connectées');
  await admin.getByRole('checkbox', { name: 'Dispositifs médicaux' }).check();
  await admin.getByRole('checkbox', { name: 'Équipements de réseau' }).check();
  await admin.getByLabel('CPV').fill('33100000-1');
  await admin.getByLabel('RSSI', { exact: true }).fill('rssi@chu.example');
  await admin.getByRole('button', { name: 'Enregistrer' }).click();
  await admin.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  projectUrl = admin.url();
  await assertAccessible(admin, 'project page');
  await shot(admin, 'project-fr');

  // One item through the form: status, owner and an evidence file.
  await admin.locator('#phase-planning').getByRole('link', { name: /BP-01/ }).click();
  await assertAccessible(admin, 'checklist item');
  await admin.getByLabel('Statut').selectOption('done');
  await admin.getByLabel('Responsable').selectOption('admin@chu.example');
  await admin.getByRole('button', { name: 'Enregistrer' }).click();
  await admin.waitForURL(/#item-/);
  await admin.goBack();
  await admin.getByLabel('Fichier').setInputFiles({ name: 'pv-comite.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 procès-verbal') });
  await admin.getByRole('button', { name: 'Téléverser' }).click();
  await admin.waitForURL(/\/items\//);
  assert.match(await admin.textContent('main'), /pv-comite\.pdf/);

  // The gate refuses while items are open.
  await admin.goto(projectUrl);
  await admin.getByRole('button', { name: 'Passer à la phase suivante' }).click();
  const refusal = await admin.textContent('[role=alert]');
  assert.match(refusal, /actions restent ouvertes/);
  await assertAccessible(admin, 'gate refused');

  // The rest of the planning items are settled over the API, then the CISO signs off.
  const token = procura.cli(['user', 'token', '--email', 'admin@chu.example', '--name', 'e2e']).trim();
  const project = await (await fetch(`${procura.base}/api/v1/projects/${projectUrl.split('/').pop()}`, { headers: { authorization: `Bearer ${token}` } })).json();
  for (const item of project.items.filter((i) => i.phase === 'planning' && i.status !== 'done')) {
    const response = await fetch(`${procura.base}/api/v1/items/${item.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done', version: item.version }),
    });
    assert.equal(response.status, 200);
  }
  // The CISO signs off a finished phase only: the risk register must be
  // reviewed during it first.
  const ciso = await newPage();
  await signIn(ciso, 'rssi@chu.example');
  // The CISO lands on a home page naming the phase waiting for the sign-off.
  assert.equal(new URL(ciso.url()).pathname, '/');
  const home = await ciso.textContent('main');
  assert.match(home, /Phases à valider \(RSSI\)/);
  assert.match(home, /prête à valider/);
  await assertAccessible(ciso, 'CISO home page');
  await shotsBothLanguagesAndWidths(ciso, '/', 'home-ciso');
  await ciso.goto(projectUrl);
  await ciso.getByRole('button', { name: 'Valider cette phase' }).click();
  assert.match(await ciso.textContent('[role=alert]'), /ne peut pas encore être validée : le registre des risques n'a pas été revu/);
  await assertAccessible(ciso, 'sign-off refused');

  await admin.goto(projectUrl);
  await admin.getByRole('link', { name: 'Risques et AIPD' }).click();
  await admin.waitForURL(/\/risks(\?done=\w+)?$/);
  await assertAccessible(admin, 'risk register');
  await admin.getByRole('button', { name: /^Retenir/ }).first().click();
  await admin.waitForURL(/\/risks(\?done=\w+)?$/);
  await admin.getByLabel('Ce qui a changé, décisions prises').fill('Risques de départ revus avec le RSSI');
  await admin.getByRole('button', { name: 'Enregistrer la revue' }).click();
  await admin.waitForURL(/\/risks(\?done=\w+)?$/);
  assert.match(await admin.textContent('main'), /Registre revu pendant la phase en cours/);
  await assertAccessible(admin, 'risk register reviewed');
  await shot(admin, 'risks-fr');

  await ciso.goto(projectUrl);
  await ciso.getByRole('button', { name: 'Valider cette phase' }).click();
  await ciso.waitForURL(/done=signed/);
  assert.match(await ciso.textContent('main'), /Le RSSI a validé cette phase/);
  assert.match(await ciso.textContent('[role=status].notice'), /Phase validée/);

  // A later change to an item of the signed phase withdraws the sign-off,
  // visibly; the CISO signs again.
  const signedProject = await (await fetch(`${procura.base}/api/v1/projects/${projectUrl.split('/').pop()}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const reopened = signedProject.items.find((i) => i.phase === 'planning');
  for (const [status, version] of [['in-progress', reopened.version], ['done', reopened.version + 1]]) {
    const response = await fetch(`${procura.base}/api/v1/items/${reopened.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status, version }),
    });
    assert.equal(response.status, 200);
  }
  await ciso.goto(projectUrl);
  const withdrawn = await ciso.textContent('main');
  assert.match(withdrawn, /le RSSI du projet doit valider de nouveau/);
  assert.match(withdrawn, /Validation de la phase « Planification » retirée/);
  await assertAccessible(ciso, 'sign-off withdrawn');
  await shotsBothLanguagesAndWidths(ciso, new URL(projectUrl).pathname, 'sign-off-withdrawn');
  await ciso.getByRole('button', { name: 'Valider cette phase' }).click();
  await ciso.waitForURL(/done=signed/);
  await ciso.context().close();

  await admin.goto(projectUrl);
  await admin.getByRole('button', { name: 'Passer à la phase suivante' }).click();
  await admin.waitForURL(/done=advanced/);
  assert.match(await admin.textContent('main'), /Sélection des fournisseurs/);
  await assertAccessible(admin, 'project after the gate');

  // Several actions of the new phase change at once.
  const boxes = admin.locator('#phase-supplier-selection input[name="item"]');
  // Items further down the phase: BP-01 and BP-02 are used by later journeys.
  await boxes.nth(4).check();
  await boxes.nth(5).check();
  await admin.getByLabel('Statut', { exact: true }).first().selectOption('in-progress');
  await admin.getByRole('button', { name: 'Appliquer aux actions cochées' }).click();
  await admin.waitForURL(/done=updated/);
  assert.match(await admin.textContent('[role=status].notice'), /2 actions modifiées/);
  await assertAccessible(admin, 'bulk change applied');
  await shotsBothLanguagesAndWidths(admin, new URL(projectUrl).pathname, 'project-bulk');
});

test('a stale edit in a second tab shows the conflict and keeps what was typed', async () => {
  await admin.goto(projectUrl);
  const itemLink = admin.locator('#phase-supplier-selection').getByRole('link', { name: /BP-01/ });
  const itemUrl = new URL(await itemLink.getAttribute('href'), procura.base).href;
  const first = admin;
  const second = await admin.context().newPage();
  await first.goto(itemUrl);
  await second.goto(itemUrl);
  await first.getByLabel('Notes').fill('Saisie du premier onglet');
  await first.getByRole('button', { name: 'Enregistrer' }).click();
  await first.waitForURL(/#item-/);
  await second.getByLabel('Notes').fill('Texte du second onglet à garder');
  await second.getByRole('button', { name: 'Enregistrer' }).click();
  await second.waitForLoadState();
  assert.match(await second.textContent('[role=alert]'), /Quelqu'un d'autre a modifié/);
  assert.equal(await second.getByLabel('Notes').inputValue(), 'Texte du second onglet à garder');
  await assertAccessible(second, 'conflict');
  await second.close();
});

test('the tender requirements are weighed and the annex downloaded', async () => {
  await admin.goto(`${projectUrl}/tender`);
  await assertAccessible(admin, 'tender requirements');
  const weighted = admin.locator('input[name^="weight-"]:not([value=""])').first();
  const before = Number(await weighted.inputValue());
  await weighted.fill(String(before + 5));
  await admin.getByRole('button', { name: 'Enregistrer la sélection' }).click();
  await admin.waitForLoadState();
  assert.match(await admin.textContent('[role=alert]'), /totalisent 105 %/);
  assert.equal(await weighted.inputValue(), String(before + 5));
  await assertAccessible(admin, 'weights refused');
  await admin.getByRole('button', { name: 'Répartir à 100 % et enregistrer' }).click();
  await admin.waitForURL(/\/tender\?done=\w+$/);
  assert.match(await admin.textContent('main'), /100 %/);
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('link', { name: 'Annexe DOCX (FR)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /annexe-securite-fr\.docx$/);
  await shot(admin, 'tender-fr');
  await shotsBothLanguagesAndWidths(admin, new URL(admin.url()).pathname, 'tender');

  // Publishing freezes the list: a change is then a modification of the
  // DCE, with its reason, and becomes version 2.
  await admin.getByLabel('Je confirme que le DCE part avec cette liste d\'exigences.').check();
  await admin.getByRole('button', { name: 'Publier le DCE' }).click();
  await admin.waitForURL(/\/tender\?done=\w+$/);
  assert.match(await admin.textContent('main'), /Version n° 1 publiée/);
  assert.equal(await admin.getByRole('button', { name: 'Enregistrer la sélection' }).count(), 0);
  await assertAccessible(admin, 'tender published');
  const minimum = admin.locator('tr', { has: admin.locator('select[name^="kind-"] option[value="minimum"][selected]') })
    .locator('input[name="include"]:checked').first();
  await minimum.uncheck();
  await admin.getByLabel('Motif de la modification (communiqué aux candidats)').fill('Exigence retirée : redondante avec le CCTP général');
  await admin.getByRole('button', { name: 'Enregistrer la modification du DCE' }).click();
  await admin.waitForURL(/\/tender\?done=\w+$/);
  assert.match(await admin.textContent('main'), /Version n° 2 publiée/);
  await assertAccessible(admin, 'tender modified');
  await shotsBothLanguagesAndWidths(admin, new URL(admin.url()).pathname, 'tender-published');
});

test('a bid is answered through the supplier portal and compared', async () => {
  await admin.goto(`${projectUrl}/bids`);
  await assertAccessible(admin, 'bid evaluation (no bid)');
  await admin.getByLabel('Fournisseur').fill('Acme Santé');
  await admin.getByLabel('Offre (produit ou service)').fill('Perfusio');
  await admin.getByRole('button', { name: "Enregistrer l'offre" }).click();
  await admin.waitForURL(/\/bids\/[0-9a-f-]{36}(\?done=\w+)?$/);
  await assertAccessible(admin, 'bid page');
  await admin.getByRole('button', { name: 'Créer un lien' }).click();
  await admin.waitForLoadState();
  const link = (await admin.textContent('code.secret')).trim();
  assert.match(link, /\/portal\/[0-9a-f]{64}$/);

  // The supplier, without an account, answers and submits.
  const supplier = await newPage();
  await supplier.goto(link);
  await assertAccessible(supplier, 'supplier portal');
  for (const select of await supplier.locator('select[name^="answer-"]').all()) {
    await select.selectOption('yes');
  }
  await shotsBothLanguagesAndWidths(supplier, new URL(link).pathname, 'portal');
  for (const select of await supplier.locator('select[name^="answer-"]').all()) {
    await select.selectOption('yes');
  }
  // A file attached with the answers typed: the answers are kept.
  await supplier.locator('input[type=file]').setInputFiles({
    name: 'attestation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% attestation\n'),
  });
  await supplier.getByRole('button', { name: 'Joindre le fichier' }).click();
  await supplier.waitForURL(/saved=1/);
  assert.match(await supplier.textContent('main'), /attestation\.pdf/);
  for (const select of await supplier.locator('select[name^="answer-"]').all()) {
    assert.equal(await select.inputValue(), 'yes');
  }
  await supplier.getByRole('button', { name: 'Vérifier avant de déposer' }).click();
  await supplier.waitForURL(/\/review$/);
  assert.match(await supplier.textContent('main'), /Vérifiez vos réponses avant le dépôt/);
  await assertAccessible(supplier, 'supplier portal summary');
  await shotsBothLanguagesAndWidths(supplier, new URL(supplier.url()).pathname, 'portal-review');
  await supplier.getByRole('button', { name: 'Confirmer le dépôt définitif' }).click();
  await supplier.waitForURL(/submitted=1/);
  const receipt = await supplier.textContent('main');
  assert.match(receipt, /Vos réponses ont été déposées/);
  assert.match(receipt, /Accusé de réception du dépôt/);
  assert.match(receipt, /AR-001/);
  await assertAccessible(supplier, 'supplier portal after submission');
  const [receiptPdf] = await Promise.all([
    supplier.waitForEvent('download'),
    supplier.getByRole('link', { name: 'Télécharger l\'accusé de réception (PDF)' }).click(),
  ]);
  assert.match(receiptPdf.suggestedFilename(), /^accuse-de-reception-.*AR-001\.pdf$/);
  await shotsBothLanguagesAndWidths(supplier, new URL(link).pathname, 'portal-receipt');
  await supplier.context().close();

  // The answers alone grade nothing: the evaluator grades each award
  // criterion on the published scale, with a justification.
  await admin.goto(`${projectUrl}/bids`);
  assert.doesNotMatch(await admin.textContent('main'), /100,0/);
  await admin.getByRole('link', { name: /Acme Santé/ }).first().click();
  await admin.waitForURL(/\/bids\/[0-9a-f-]{36}(\?done=\w+)?$/);
  const bidUrl = admin.url();
  const criteria = await admin.locator('form.grade-form').count();
  assert.ok(criteria > 0, 'award criteria to grade');
  for (let index = 0; index < criteria; index += 1) {
    const form = admin.locator('form.grade-form').nth(index);
    await form.locator('select[name="grade"]').selectOption('4');
    await form.locator('textarea[name="justification"]').fill('Vérifié dans le dossier technique de l\'offre');
    await form.getByRole('button', { name: 'Enregistrer la note' }).click();
    const remaining = criteria - index - 1;
    const waiting = admin.getByRole('status').filter({ hasText: /restant à noter/ });
    if (remaining > 0) {
      await admin.getByRole('status').filter({ hasText: `restant à noter : ${remaining}` }).waitFor();
    } else {
      await waiting.waitFor({ state: 'detached' });
    }
  }
  assert.equal(new URL(admin.url()).pathname, new URL(bidUrl).pathname);
  await assertAccessible(admin, 'bid page with the grades');
  await shotsBothLanguagesAndWidths(admin, new URL(bidUrl).pathname, 'bid-grades');
  await admin.goto(`${projectUrl}/bids`);
  const main = await admin.textContent('main');
  assert.match(main, /Éligible/);
  assert.match(main, /100,0/);
  await assertAccessible(admin, 'bid evaluation with the grid');
  await shot(admin, 'bids-fr');
  await shotsBothLanguagesAndWidths(admin, new URL(`${projectUrl}/bids`).pathname, 'bids');

  // The cross-walk: which requirements cover NIS2 article 21(2)(d).
  await admin.goto(`${procura.base}/requirements?scheme=nis2&point=21.2.d`);
  assert.match(await admin.textContent('main'), /nis2:21\.2\.d/);
  await assertAccessible(admin, 'cross-walk');
  await shotsBothLanguagesAndWidths(admin, '/requirements?scheme=nis2&point=21.2', 'crosswalk');
  await admin.goto(`${procura.base}/suppliers`);
  assert.match(await admin.textContent('main'), /Acme Santé/);
  await assertAccessible(admin, 'supplier register');
});

test('the home page shows the buyer what needs them and their projects with their stage', async () => {
  await admin.goto(`${procura.base}/`);
  const main = await admin.textContent('main');
  assert.match(main, /Bonjour Alice Admin/);
  assert.match(main, /Vos projets/);
  assert.ok(await admin.locator('ol.steps li[aria-current=step]').count() >= 1, 'a stage shown as a step');
  await assertAccessible(admin, 'buyer home page');
  await shotsBothLanguagesAndWidths(admin, '/', 'home-buyer');
});

test('the project timeline names the tender, risk and bid changes in both languages', async () => {
  await shotsBothLanguagesAndWidths(admin, new URL(projectUrl).pathname, 'project-timeline');
  for (const [lang, names] of [
    ['fr', [/Exigences modifiées : \d+ retenues/, /DCE publié — version n° 1/, /DCE modifié — version n° 2 : Exigence retirée/, /Offre enregistrée : Acme Santé/, /Acme Santé a déposé ses réponses par le portail/]],
    ['en', [/Requirements changed: \d+ kept/, /Tender documents published — version 1/, /Tender documents modified — version 2/, /Bid from Acme Santé recorded/, /Acme Santé submitted its answers through the portal/]],
  ]) {
    await admin.goto(`${procura.base}/language/${lang}?next=${encodeURIComponent(new URL(projectUrl).pathname)}`);
    const body = await admin.textContent('body');
    assert.doesNotMatch(body, /Unknown localization key/);
    for (const name of names) assert.match(body, name);
  }
  await admin.goto(`${procura.base}/language/fr?next=/catalogue`);
});

test('screenshots of the portfolio and project in both languages', async () => {
  await admin.goto(`${procura.base}/projects`);
  await assertAccessible(admin, 'portfolio');
  await shot(admin, 'portfolio-fr');
  await admin.goto(`${procura.base}/language/en?next=/projects`);
  await shot(admin, 'portfolio-en');
  await admin.goto(projectUrl);
  await assertAccessible(admin, 'project page in English');
  await shot(admin, 'project-en');
  await admin.goto(`${procura.base}/my-items`);
  await assertAccessible(admin, 'my items');
  await admin.goto(`${procura.base}/account`);
  await assertAccessible(admin, 'account');
  await admin.goto(`${procura.base}/users`);
  await assertAccessible(admin, 'users');
  await admin.goto(`${procura.base}/audit`);
  await assertAccessible(admin, 'audit log');
  await admin.goto(`${procura.base}/language/fr?next=/catalogue`);
});

/** One page in both languages at a desktop and a phone width. */
async function shotsBothLanguagesAndWidths(page, url, name) {
  for (const lang of ['fr', 'en']) {
    await page.goto(`${procura.base}/language/${lang}?next=${encodeURIComponent(url)}`);
    for (const [label, width] of [['1366', 1366], ['390', 390]]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, `${name}-${lang}-${label}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${procura.base}/language/fr?next=${encodeURIComponent(url)}`);
}

test('an imported project shows its claims apart, not verified, and starts at planning', async () => {
  const work = mkdtempSync(join(tmpdir(), 'procura-import-'));
  const file = join(work, 'export.json');
  procura.cli(['project', 'export', 'MAR-2026-014', '--as', 'admin@chu.example', '--format', 'json', '--output', file]);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  exported.project.reference = 'MAR-2026-014-COPIE';
  writeFileSync(file, JSON.stringify(exported));
  procura.cli(['project', 'import', file, '--as', 'admin@chu.example']);
  rmSync(work, { recursive: true, force: true });
  await admin.goto(`${procura.base}/projects?q=COPIE`);
  await admin.getByRole('link', { name: /MAR-2026-014-COPIE/ }).click();
  await admin.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  const history = admin.locator('#imported-history');
  await history.waitFor();
  assert.match(await history.textContent(), /non vérifié/i);
  await assertAccessible(admin, 'imported project');
  await shotsBothLanguagesAndWidths(admin, new URL(admin.url()).pathname, 'imported-project');
});

test('an account of another organisation is invited, and accepts on its account page', async () => {
  procura.cli(['user', 'add', '--email', 'acheteur@ght.example', '--org', 'GHT Voisin', '--role', 'buyer', '--password-stdin'], PASSWORD);
  await admin.goto(`${procura.base}/users`);
  await admin.getByLabel('Adresse électronique').fill('acheteur@ght.example');
  await admin.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await admin.waitForURL(/\/users/);
  assert.match(await admin.textContent('main'), /acheteur@ght\.example/);
  await assertAccessible(admin, 'users with a pending invitation');
  await shotsBothLanguagesAndWidths(admin, '/users', 'users-invitation');

  const invited = await newPage();
  await signIn(invited, 'acheteur@ght.example');
  await invited.goto(`${procura.base}/account`);
  assert.match(await invited.textContent('main'), /CHU Exemple/);
  await assertAccessible(invited, 'account with an invitation');
  await shotsBothLanguagesAndWidths(invited, '/account', 'account-invitation');
  await invited.getByRole('button', { name: /Accepter/ }).first().click();
  await invited.waitForURL(/\/account/);
  await invited.context().close();
});

test('signing out returns to the sign-in page', async () => {
  await admin.getByRole('button', { name: 'Se déconnecter' }).click();
  await admin.waitForURL(/\/sign-in/);
  await assertAccessible(admin, 'sign-in');
  await admin.goto(`${procura.base}/projects`);
  await admin.waitForURL(/\/sign-in\?next=/);
});

test('sign-in and a checklist update work with the keyboard alone', async () => {
  const page = await newPage();
  await page.goto(`${procura.base}/sign-in`);
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'email')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'email', 'the e-mail field is reachable by Tab');
  await page.keyboard.type('rssi@chu.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');

  await page.goto(projectUrl);
  const href = await page.locator('#phase-supplier-selection').getByRole('link', { name: /BP-02/ }).getAttribute('href');
  await page.goto(new URL(href, procura.base).href);
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'status')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'status', 'the status is reachable by Tab');
  await page.keyboard.press('ArrowDown');
  for (let presses = 0; presses < 10; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Enregistrer')) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/#item-/);
  assert.match(await page.locator(`tr${new URL(page.url()).hash}`).textContent(), /En cours/);
  await page.context().close();
});
