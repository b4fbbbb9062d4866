// Participant pages behind signed email links. Named exports only; controllers choose which to show.
export { renderActionPage, type ActionPageModel } from './action-page';
export { renderCheckInFormPage, type CheckInFormPageModel } from './check-in-form-page';
export { renderResultPage, type ResultPageModel, type ResultTone } from './result-page';
export { renderLinkProblemPage, type LinkProblemKind, type LinkProblemPageModel } from './link-problem-page';
export { type PageMessage } from './page-layout';
export {
  type DataRightsPageModel,
  type EraseConfirmPageModel,
  renderDataRightsPage,
  renderEraseConfirmPage,
} from './data-rights-page';
export { renderOutcomeCheckPage, type OutcomeCheckPageModel } from './outcome-check-page';
