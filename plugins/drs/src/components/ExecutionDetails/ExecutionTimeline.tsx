import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { Box, ButtonBase, makeStyles, Typography } from '@material-ui/core';
import { DateTime } from 'luxon';
import { formatDuration, formatTimestamp } from '../format';
import { Bar, waveBar, waveRows } from './timelineBars';

const useStyles = makeStyles(theme => ({
  row: { display: 'flex', alignItems: 'center', minHeight: 22 },
  label: {
    width: 220,
    flexShrink: 0,
    paddingRight: theme.spacing(1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    justifyContent: 'flex-start',
    textAlign: 'left',
  },
  serverLabel: { paddingLeft: theme.spacing(2) },
  track: {
    position: 'relative',
    flexGrow: 1,
    height: 14,
    backgroundColor: theme.palette.action.hover,
  },
  bar: { position: 'absolute', top: 0, bottom: 0, minWidth: 2 },
  running: { backgroundColor: theme.palette.primary.main },
  ok: { backgroundColor: theme.palette.success.main },
  healthCheck: { backgroundColor: theme.palette.success.light },
  failed: { backgroundColor: theme.palette.error.main },
  other: { backgroundColor: theme.palette.grey[500] },
}));

function Track({
  bars,
  origin,
  totalMs,
}: {
  bars: Bar[];
  origin: number;
  totalMs: number;
}) {
  const classes = useStyles();
  const percent = (iso: string) =>
    Math.min(100, Math.max(0, ((Date.parse(iso) - origin) / totalMs) * 100));
  return (
    <div className={classes.track}>
      {bars.map(bar => {
        const left = percent(bar.start);
        return (
          <div
            key={bar.label}
            role="img"
            aria-label={bar.label}
            title={bar.label}
            className={`${classes.bar} ${classes[bar.kind]}`}
            style={{
              left: `${left}%`,
              width: `${percent(bar.end) - left}%`,
            }}
          />
        );
      })}
    </div>
  );
}

/**
 * Where the time went: one bar per wave on a shared time axis; a wave's row opens to show
 * each server's launch and health-check time, and each step's time before and after them.
 */
export function ExecutionTimeline({
  execution,
  now = DateTime.now(),
}: {
  execution: Execution;
  now?: DateTime;
}) {
  const classes = useStyles();
  const [openWave, setOpenWave] = useState<string>();
  const nowIso = now.toUTC().toISO()!;
  const start = execution.startedAt ?? execution.createdAt;
  const end = execution.endedAt ?? nowIso;
  const origin = Date.parse(start);
  const totalMs = Math.max(Date.parse(end) - origin, 1000);

  return (
    <InfoCard
      title="Timeline"
      subheader={`${formatTimestamp(start)} – ${
        execution.endedAt ? formatTimestamp(end) : 'now'
      } · ${formatDuration(start, end)}`}
    >
      {execution.waves.map(wave => {
        const bar = waveBar(wave, nowIso);
        const open = openWave === wave.name;
        return (
          <Box key={wave.name} mb={0.5}>
            <div className={classes.row}>
              <ButtonBase
                className={classes.label}
                aria-expanded={open}
                onClick={() => setOpenWave(open ? undefined : wave.name)}
              >
                <Typography variant="body2" noWrap>
                  {open ? '▾' : '▸'} {wave.name}
                </Typography>
              </ButtonBase>
              <Track
                bars={bar ? [bar] : []}
                origin={origin}
                totalMs={totalMs}
              />
            </div>
            {open &&
              waveRows(wave, nowIso).map(row => (
                <div key={row.key} className={classes.row}>
                  <Typography
                    variant="caption"
                    className={`${classes.label} ${classes.serverLabel}`}
                  >
                    {row.label}
                  </Typography>
                  <Track bars={row.bars} origin={origin} totalMs={totalMs} />
                </div>
              ))}
          </Box>
        );
      })}
    </InfoCard>
  );
}
