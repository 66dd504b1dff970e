import {
  StatusAborted,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { DrillScheduleStatus } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { Timestamp } from '../Timestamp/Timestamp';

/** Whether any of the schedules is overdue. */
export function isOverdue(schedules: DrillScheduleStatus[] | undefined) {
  return (schedules ?? []).some(schedule => schedule.overdue);
}

/** A schedule's standing: overdue, on schedule, or disabled. */
export function ScheduleChip({ schedule }: { schedule: DrillScheduleStatus }) {
  if (!schedule.enabled) return <StatusAborted>disabled</StatusAborted>;
  if (schedule.overdue) return <StatusError>overdue</StatusError>;
  return <StatusOK>on schedule</StatusOK>;
}

/** One line per scheduled plan: its standing, the schedule, when the next drill is due. */
export function DrillSchedulesSummary({
  schedules,
}: {
  schedules: DrillScheduleStatus[];
}) {
  return (
    <>
      {schedules.map(schedule => (
        <Box key={schedule.planId} mb={1}>
          <ScheduleChip schedule={schedule} />{' '}
          <Typography variant="body2" component="span">
            {schedule.planName}: {schedule.description}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            {schedule.overdue && (
              <>
                Overdue since <Timestamp at={schedule.overdueSince} />;{' '}
              </>
            )}
            {schedule.nextDueAt ? (
              <>
                next drill <Timestamp at={schedule.nextDueAt} />
              </>
            ) : (
              'no drill scheduled'
            )}
            {' · last successful '}
            {schedule.lastSuccessfulDrillAt ? (
              <Timestamp at={schedule.lastSuccessfulDrillAt} />
            ) : (
              'never'
            )}
          </Typography>
        </Box>
      ))}
    </>
  );
}

/** The ops page's flag: the overdue plans of a service, or nothing. */
export function OverdueFlag({
  schedules,
}: {
  schedules: DrillScheduleStatus[] | undefined;
}) {
  const overdue = (schedules ?? []).filter(schedule => schedule.overdue);
  if (overdue.length === 0) return null;
  return (
    <Box>
      <StatusError>drill overdue</StatusError>
      <Typography variant="caption" component="div">
        {overdue.map(schedule => schedule.planName).join(', ')}
      </Typography>
    </Box>
  );
}
