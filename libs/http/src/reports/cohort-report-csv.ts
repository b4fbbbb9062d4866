import {
  COHORT_METRICS,
  type CohortReport,
  OUTCOME_CHANGE_METRICS,
  OUTCOME_METRICS,
  OUTCOME_TIMEPOINTS,
  type ReportCell,
} from '@retrowalk/domain';
import { groupLabel, METRIC_LABELS, OUTCOME_METRIC_LABELS, timepointLabel } from './cohort-report-labels';

import { csvField as quote } from './spreadsheet-cell';

function row(group: string, metric: string, cell: ReportCell): string {
  const value = cell.suppressed || cell.value === null ? '' : String(cell.value);
  return [group, metric, value, cell.suppressed ? 'suppressed' : ''].map(quote).join(',');
}

/**
 * One row per group and metric: `group,metric,value,suppressed`. A suppressed cell has an empty
 * value and `suppressed` in the last column, so a spreadsheet never shows it as zero.
 */
export function cohortReportCsv(report: CohortReport): string {
  const lines = [['group', 'metric', 'value', 'suppressed'].map(quote).join(',')];
  for (const group of [...report.groups, report.total]) {
    const name = groupLabel(report, group.key);
    for (const metric of COHORT_METRICS) lines.push(row(name, METRIC_LABELS[metric], group.metrics[metric]));
    group.levels.forEach((cell, index) => lines.push(row(name, `People now at level ${index + 1}`, cell)));
    group.retention.forEach((cell, index) =>
      lines.push(row(name, `Walked in week ${index + 1} after enrolling (%)`, cell)),
    );
    for (const timepoint of OUTCOME_TIMEPOINTS) {
      const label = timepointLabel(report, timepoint);
      for (const metric of OUTCOME_METRICS) {
        if (timepoint === 'baseline' && OUTCOME_CHANGE_METRICS.has(metric)) continue;
        lines.push(
          row(
            name,
            `Outcomes, ${label}: ${OUTCOME_METRIC_LABELS[metric]}`,
            group.outcomes[timepoint][metric],
          ),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function cohortReportFilename(report: CohortReport): string {
  return `cohort-report_${report.from}_${report.to}_by-${report.groupBy}.csv`;
}
