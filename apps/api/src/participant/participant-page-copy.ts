import { type LinkPurpose, type OutcomeLinkPurpose } from '@retrowalk/application';
import { type ClearancePolicy } from '@retrowalk/domain';
import { type EnrollmentEntity } from '@retrowalk/persistence';

interface Words {
  title: string;
  heading: string;
  message: string;
}

export interface PageCopy {
  ask: Omit<Words, 'message'> & {
    /** One paragraph, or several. */
    message: string | readonly string[];
    buttonLabel: string;
    secondaryNote?: string;
  };
  done: Words;
  /** Set when the link's action has already happened; GET then shows this instead of a button. */
  alreadyDone: Words | null;
  notPossible: Words;
}

/** The words on each participant page: short sentences a tired person on a phone can act on. */
/** Links whose page is a simple question with one button (check-in, "your data" and outcome checks have their own). */
export type ButtonLinkPurpose = Exclude<LinkPurpose, 'check-in' | 'data' | OutcomeLinkPurpose>;

/** What the "cleared" page needs to know beyond the enrolment: who confirms, and whether they were told. */
export interface ClearanceContext {
  policy: ClearancePolicy;
  /** The participant's statement is already with their coach (an open clearance_requested item). */
  requested: boolean;
}

export function participantPageCopy(
  purpose: ButtonLinkPurpose,
  enrollment: EnrollmentEntity,
  clearance: ClearanceContext = { policy: 'coach_confirms', requested: false },
): PageCopy {
  const name = enrollment.firstName;
  const unsubscribed: Words = {
    title: 'Unsubscribed',
    heading: 'You are unsubscribed',
    message:
      'You asked us to stop emailing you, so we will not send anything more. Your programme can enrol you again if you change your mind.',
  };
  switch (purpose) {
    case 'confirm':
      return {
        ask: {
          title: 'Confirm your email',
          heading: `Hi ${name}, one tap to confirm`,
          message: 'Confirm that you would like to receive retro walking reminders at this email address.',
          buttonLabel: 'Yes, send me reminders',
          secondaryNote: 'If you did not sign up, just close this page. Nothing will be sent.',
        },
        done:
          enrollment.status === 'needs_clearance'
            ? {
                title: 'Thank you',
                heading: 'Thank you, you are confirmed',
                message:
                  'Because of what you told us about your health, we will wait for a healthcare professional to say retro walking is OK for you before we send session reminders. We have emailed you the details.',
              }
            : {
                title: 'You are in',
                heading: 'You are in',
                message:
                  'Thank you for confirming. Your welcome email, with how to start safely, is on its way.',
              },
        alreadyDone:
          enrollment.status === 'pending_confirmation'
            ? null
            : enrollment.status === 'unsubscribed'
              ? unsubscribed
              : {
                  title: 'Already confirmed',
                  heading: 'You are already confirmed',
                  message: 'There is nothing more to do here.',
                },
        notPossible: unsubscribed,
      };
    case 'confirm-address':
      return {
        ask: {
          title: 'Confirm your new address',
          heading: `Hi ${name}, is this your address now?`,
          message: 'Confirm that your retro walking reminders should come to this email address from now on.',
          buttonLabel: 'Yes, this is my address',
          secondaryNote: 'Not you? Close this page: no reminders will be sent here.',
        },
        done: {
          title: 'Address confirmed',
          heading: 'Thank you, your address is confirmed',
          message: 'Your reminders will come to this address from now on.',
        },
        alreadyDone:
          enrollment.addressUnconfirmedSince === null
            ? {
                title: 'Already confirmed',
                heading: 'This address is already confirmed',
                message: 'There is nothing more to do here.',
              }
            : null,
        notPossible: {
          title: 'Link out of date',
          heading: 'This link is out of date',
          message: 'The address was changed again after this email was sent. Please use the newest email.',
        },
      };
    case 'pause':
      return {
        ask: {
          title: 'Pause reminders',
          heading: 'Take a break from reminders?',
          message: 'We will stop sending session reminders until you restart them. Your progress is kept.',
          buttonLabel: 'Pause my reminders',
        },
        done: {
          title: 'Reminders paused',
          heading: 'Your reminders are paused',
          message:
            'Rest well. When you are ready, tap the button below, or use the restart link in any of our emails.',
        },
        alreadyDone: null,
        notPossible: {
          title: 'Nothing to pause',
          heading: 'There is nothing to pause',
          message:
            enrollment.status === 'unsubscribed'
              ? unsubscribed.message
              : 'Your reminders are not running at the moment, so there is nothing to pause.',
        },
      };
    case 'resume':
      return {
        ask: {
          title: 'Restart reminders',
          heading: 'Ready to start again?',
          message: 'We will send your session reminders again on your usual days.',
          buttonLabel: 'Restart my reminders',
        },
        done: { title: 'Welcome back', heading: 'Welcome back', message: 'Your reminders are on again.' },
        alreadyDone:
          enrollment.status === 'active'
            ? {
                title: 'Already on',
                heading: 'Your reminders are already on',
                message: 'There is nothing more to do here.',
              }
            : null,
        notPossible: {
          title: 'Cannot restart',
          heading: 'We cannot restart reminders here',
          message:
            enrollment.status === 'needs_clearance'
              ? 'We are waiting for a healthcare professional to say retro walking is OK for you. Your programme will restart your reminders once that is confirmed.'
              : enrollment.status === 'unsubscribed'
                ? unsubscribed.message
                : 'Your reminders cannot be restarted from this link. Please contact your programme.',
        },
      };
    case 'unsubscribe':
      return {
        ask: {
          title: 'Unsubscribe',
          heading: 'Stop all emails?',
          message: 'You will get no more reminders or other emails from this programme.',
          buttonLabel: 'Unsubscribe',
          secondaryNote: 'Just need a break? Use the pause link in any reminder instead.',
        },
        done: unsubscribed,
        alreadyDone: enrollment.status === 'unsubscribed' ? unsubscribed : null,
        notPossible: unsubscribed,
      };
    case 'follow-up-settled':
    case 'follow-up-same':
    case 'follow-up-worse':
    case 'follow-up-red-flag': {
      const answer = FOLLOW_UP_WORDS[purpose];
      return {
        ask:
          purpose === 'follow-up-worse'
            ? {
                // "Worse" may hide a warning sign, so it is asked before anything is decided.
                title: 'How is your knee?',
                heading: 'Your knee is worse: one more question',
                message: [
                  'Is your knee swollen, is the pain sharp, or has it given way?',
                  'If yes, we pause your programme so a doctor or physiotherapist can check your knee. If not, we ease your programme off.',
                ],
                buttonLabel: 'No, none of these',
              }
            : {
                title: 'How is your knee?',
                heading: `Your knee this morning: ${answer}`,
                message:
                  'Tap the button to send your answer. If your knee is swollen, gives way or has sharp pain, stop retro walking and see a doctor or physiotherapist.',
                buttonLabel: `Send: ${answer}`,
              },
        done: { title: 'Thank you', heading: 'Thank you', message: 'We have noted your answer.' },
        alreadyDone: null,
        notPossible: {
          title: 'Nothing to answer',
          heading: 'There is nothing to answer right now',
          message: 'We already have your answer, or your programme is not running at the moment.',
        },
      };
    }
    case 'cleared': {
      const coachConfirms = clearance.policy === 'coach_confirms';
      const coachTold: Words = {
        title: 'Your coach knows',
        heading: 'Thank you, we have told your coach',
        message:
          'Your coach will be in touch to confirm before your programme restarts. Until then, please rest from retro walking.',
      };
      return {
        ask: {
          title: 'Cleared to walk again',
          heading: 'Has a professional said you can start again?',
          message: coachConfirms
            ? 'Only tap the button if a doctor or physiotherapist has checked your knee and said retro walking is fine for you. We will tell your coach, who will confirm with you before your programme restarts.'
            : 'Only tap the button if a doctor or physiotherapist has checked your knee and said retro walking is fine for you. We will restart gently, at an easier level, and let your coach know.',
          buttonLabel: 'Yes, a professional has cleared me',
        },
        done:
          enrollment.status === 'needs_clearance'
            ? coachTold
            : {
                title: 'Welcome back',
                heading: 'Welcome back',
                message: 'Your programme is on again. We have emailed you the level you restart at.',
              },
        alreadyDone:
          enrollment.status === 'active'
            ? {
                title: 'Already on',
                heading: 'Your programme is already running',
                message: 'There is nothing more to do here.',
              }
            : enrollment.status === 'needs_clearance' && clearance.requested
              ? coachTold
              : null,
        notPossible: {
          title: 'Nothing to clear',
          heading: 'There is nothing to clear',
          message: 'Your programme is not waiting for a professional at the moment.',
        },
      };
    }
  }
}

const FOLLOW_UP_WORDS = {
  'follow-up-settled': 'settled',
  'follow-up-same': 'about the same',
  'follow-up-worse': 'worse',
  'follow-up-red-flag': 'swollen, sharp pain or it gave way',
} as const;
