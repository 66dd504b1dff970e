import { PlanIssue } from '@drs-orchestration/plugin-drs-common';
import { ChoiceField } from './ChoiceField';
import { DurationField } from './DurationField';
import { DrillCleanupChoice, DraftDrillCleanup } from './planDraft';
import { fieldBinder } from './fieldBinder';
import { FieldRow } from './FieldRow';

const choiceLabels: Record<DrillCleanupChoice, string> = {
  never: 'Never: someone terminates them',
  atOnce: 'As soon as the drill ends',
  afterKeepAlive: 'Some time after the drill ends',
};

/** When a drill's recovery instances are terminated; a recovery's never are. */
export function DrillCleanupField({
  cleanup,
  issues,
  onChange,
}: {
  cleanup: DraftDrillCleanup;
  /** The issues of `drillCleanup`: only its keep-alive can be wrong. */
  issues: PlanIssue[] | undefined;
  onChange: (cleanup: DraftDrillCleanup) => void;
}) {
  // only the keep-alive can be wrong: its issues show at it, or at the choice while it is hidden
  const keepAlive = cleanup.choice === 'afterKeepAlive';
  const bind = fieldBinder(
    cleanup,
    change => onChange({ ...cleanup, ...change }),
    keepAlive ? { keepAliveSeconds: issues } : { choice: issues },
    'plan-drill-cleanup',
  );
  return (
    <FieldRow>
      <ChoiceField
        label="Terminate a drill's recovery instances"
        labels={choiceLabels}
        helperText="Drills only: a recovery's instances are never terminated"
        {...bind.choice('choice')}
      />
      {keepAlive && (
        <DurationField
          label="Keep them for"
          required
          defaultUnit="hours"
          {...bind.duration('keepAliveSeconds')}
        />
      )}
    </FieldRow>
  );
}
