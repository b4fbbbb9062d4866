// Renders every participant email and page with sample data into var/previews/ so a person can look
// at them in a browser, and with --screenshots also photographs them in Chromium at phone width (and
// desktop width for emails). Usage, from the repository root after a build:
//   node dist/scripts/render-previews.js [--screenshots] [--chromium=/usr/bin/chromium] [--out=var/previews]
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  renderAddressConfirmEmail,
  renderConfirmEmail,
  renderReminderEmail,
  renderWelcomeEmail,
  type WelcomeEmailModel,
} from '@retrowalk/mail';
// The pages are not re-exported from @retrowalk/http yet; switch to the alias once they are.
import { renderActionPage, renderLinkProblemPage, renderResultPage } from '../libs/http/src/pages';
import { afterABadWeekPreviews } from './support/after-a-bad-week-previews';
import { emailPreview, pagePreview, type Preview } from './support/preview-item';
import { outcomePreviews } from './support/outcome-previews';

const ORG = 'Riverside Physio';
const LINK = 'https://walk.example.org/p';

// Sample content only, written for the previews; the real wording comes from the domain library.
const LEVEL_ONE = {
  number: 1,
  name: 'Supported start',
  instructions: [
    'Stand in a hallway or beside a handrail, with one hand on the rail or wall.',
    'Step backwards slowly for 5 to 10 metres, then walk forwards back to the start.',
    'Repeat for about 5 minutes in total. Rest whenever you like.',
  ],
  safetyPoint: 'Keep your chest up and glance over your shoulder now and then.',
};

const SAFETY_BASICS: WelcomeEmailModel['safetyBasics'] = [
  {
    title: 'Clear the space',
    text: 'Pick a flat area with nothing behind you: no rugs, toys, pets or steps.',
  },
  {
    title: 'Use support at first',
    text: 'Keep a hand on a handrail or sturdy furniture, or have someone beside you.',
  },
  {
    title: 'Stand tall',
    text: 'Chest up, shoulders back, and look over your shoulder from time to time. Do not lean back.',
  },
  {
    title: 'Step with control',
    text: 'Put your toes down first, then roll slowly onto your heel.',
  },
  {
    title: 'Know when to stop',
    text: 'Stop at once if you feel sharp pain, or pain that does not settle. Feeling your thigh muscles work hard is normal.',
  },
];

const WELCOME: WelcomeEmailModel = {
  firstName: 'Maria',
  organizationName: ORG,
  reminderSummary: 'Mondays, Wednesdays and Fridays at 07:30, Europe/Berlin time',
  level: LEVEL_ONE,
  safetyBasics: SAFETY_BASICS,
  needsClearance: false,
  clearanceReasons: [],
  pauseUrl: `${LINK}/pause?token=eyJhbGciOiJIUzI1NiJ9.pause`,
  unsubscribeUrl: `${LINK}/unsubscribe?token=eyJhbGciOiJIUzI1NiJ9.unsub`,
  dataUrl: `${LINK}/data?token=eyJhbGciOiJIUzI1NiJ9.data`,
};

const email = emailPreview;
const page = pagePreview;

export function buildPreviews(): Preview[] {
  return [
    email(
      'email-confirm',
      renderConfirmEmail({
        firstName: 'Maria',
        organizationName: ORG,
        confirmUrl: `${LINK}/confirm?token=eyJhbGciOiJIUzI1NiJ9.confirm`,
        unsubscribeUrl: WELCOME.unsubscribeUrl,
        dataUrl: WELCOME.dataUrl,
      }),
    ),
    email(
      'email-address-confirm',
      renderAddressConfirmEmail({
        firstName: 'Maria',
        organizationName: ORG,
        confirmUrl: `${LINK}/confirm-address?token=eyJhbGciOiJIUzI1NiJ9.address`,
        unsubscribeUrl: WELCOME.unsubscribeUrl,
        dataUrl: WELCOME.dataUrl,
      }),
    ),
    email('email-welcome', renderWelcomeEmail(WELCOME)),
    email(
      'email-welcome-needs-clearance',
      renderWelcomeEmail({
        ...WELCOME,
        needsClearance: true,
        clearanceReasons: [
          'You had knee surgery in the last 6 months.',
          'You sometimes feel dizzy or have vertigo.',
        ],
      }),
    ),
    email(
      'email-reminder',
      renderReminderEmail({
        firstName: 'Maria',
        organizationName: ORG,
        dayLabel: 'Wednesday 10 March',
        level: LEVEL_ONE,
        safetyPoint: LEVEL_ONE.safetyPoint,
        checkInUrl: `${LINK}/check-in?token=eyJhbGciOiJIUzI1NiJ9.checkin`,
        pauseUrl: WELCOME.pauseUrl,
        unsubscribeUrl: WELCOME.unsubscribeUrl,
        dataUrl: WELCOME.dataUrl,
      }),
    ),
    page(
      'page-action-pause',
      renderActionPage({
        organizationName: ORG,
        title: 'Pause reminders',
        heading: 'Pause your reminders?',
        message:
          'We will stop sending you session reminders until you start them again.\n\nYour progress is kept, so you can pick up where you left off.',
        buttonLabel: 'Pause my reminders',
        formAction: '/p/pause?token=eyJhbGciOiJIUzI1NiJ9.pause',
        secondaryNote: 'Changed your mind? Just close this page. Nothing changes until you press the button.',
      }),
    ),
    page(
      'page-action-confirm',
      renderActionPage({
        organizationName: ORG,
        title: 'Confirm your email',
        heading: 'One tap to confirm',
        message: ['Press the button to confirm that you want retro walking reminders from us.'],
        buttonLabel: 'Yes, send me reminders',
        formAction: '/p/confirm?token=eyJhbGciOiJIUzI1NiJ9.confirm',
      }),
    ),
    page(
      'page-action-confirm-address',
      renderActionPage({
        organizationName: ORG,
        title: 'Confirm your new address',
        heading: 'Hi Maria, is this your address now?',
        message: ['Confirm that your retro walking reminders should come to this email address from now on.'],
        buttonLabel: 'Yes, this is my address',
        secondaryNote: 'Not you? Close this page: no reminders will be sent here.',
        formAction: '/p/confirm-address?token=eyJhbGciOiJIUzI1NiJ9.address',
      }),
    ),
    page(
      'page-result-success',
      renderResultPage({
        organizationName: ORG,
        title: 'Reminders paused',
        heading: 'Your reminders are paused',
        message:
          'We will not send you session reminders for now.\n\nTo start again, use the link in any of our emails.',
        tone: 'success',
      }),
    ),
    page(
      'page-result-info',
      renderResultPage({
        organizationName: ORG,
        title: 'Already confirmed',
        heading: 'You have already confirmed',
        message: 'There is nothing more to do. Your reminders will arrive as planned.',
        tone: 'info',
      }),
    ),
    page(
      'page-result-warning',
      renderResultPage({
        organizationName: ORG,
        title: 'Programme on hold',
        heading: 'Your programme is on hold',
        message:
          'Because of what you told us, we have paused your reminders until a health professional says it is OK to carry on.',
        tone: 'warning',
      }),
    ),
    page(
      'page-result-error',
      renderResultPage({
        organizationName: ORG,
        title: 'Something went wrong',
        heading: 'That did not work',
        message: 'Please try again in a few minutes. If it keeps happening, contact us.',
        tone: 'error',
      }),
    ),
    page('page-link-invalid', renderLinkProblemPage({ kind: 'invalid', organizationName: ORG })),
    page('page-link-expired', renderLinkProblemPage({ kind: 'expired' })),
    ...afterABadWeekPreviews(),
    ...outcomePreviews(),
  ];
}

interface BrowserGlobals {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}

interface Options {
  outDir: string;
  screenshots: boolean;
  chromiumPath: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${flag}=`))?.slice(flag.length + 3);
  return {
    outDir: resolve(value('out') ?? 'var/previews'),
    screenshots: argv.includes('--screenshots'),
    chromiumPath: value('chromium') ?? '/usr/bin/chromium',
  };
}

async function writePreviews(previews: readonly Preview[], outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const preview of previews) {
    await writeFile(join(outDir, `${preview.name}.html`), preview.html);
    if (preview.text !== undefined) {
      await writeFile(
        join(outDir, `${preview.name}.txt`),
        `Subject: ${preview.subject ?? ''}\n\n${preview.text}`,
      );
    }
  }
}

async function takeScreenshots(previews: readonly Preview[], options: Options): Promise<void> {
  // Loaded only when asked for, so rendering the HTML needs no browser at all.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const views = [
      { suffix: 'phone', viewport: { width: 390, height: 844 }, scale: 2, dark: false, emailsOnly: false },
      {
        suffix: 'phone-dark',
        viewport: { width: 390, height: 844 },
        scale: 2,
        dark: true,
        emailsOnly: false,
      },
      { suffix: 'desktop', viewport: { width: 1280, height: 900 }, scale: 1, dark: false, emailsOnly: true },
    ];
    for (const view of views) {
      const context = await browser.newContext({
        viewport: view.viewport,
        deviceScaleFactor: view.scale,
        isMobile: view.suffix.startsWith('phone'),
        hasTouch: view.suffix.startsWith('phone'),
        colorScheme: view.dark ? 'dark' : 'light',
        javaScriptEnabled: false,
      });
      const tab = await context.newPage();
      for (const preview of previews) {
        if (view.emailsOnly && !preview.isEmail && preview.wide !== true) continue;
        await tab.setContent(preview.html, { waitUntil: 'load' });
        const overflow = await tab.evaluate(() => {
          // This runs in the browser; the project compiles without the DOM types, hence the shape.
          const root = (globalThis as unknown as BrowserGlobals).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        if (overflow > 0) {
          process.stdout.write(
            `WARNING ${preview.name} (${view.suffix}) scrolls sideways by ${overflow}px\n`,
          );
        }
        await tab.screenshot({
          path: join(options.outDir, `${preview.name}.${view.suffix}.png`),
          fullPage: true,
        });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const previews = buildPreviews();
  await writePreviews(previews, options.outDir);
  if (options.screenshots) await takeScreenshots(previews, options);
  process.stdout.write(`Wrote ${previews.length} previews to ${options.outDir}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
