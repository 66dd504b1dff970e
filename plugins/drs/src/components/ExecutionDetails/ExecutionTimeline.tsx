import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  Execution,
  ExecutionServer,
  ExecutionWave,
} from '@drs-orchestration/plugin-drs-common';
import { Box, ButtonBase, makeStyles, Typography } from '@material-ui/core';
import { DateTime } from 'luxon';
import { formatDuration, formatTimestamp } from '../format';

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

type BarKind = 'running' | 'ok' | 'healthCheck' | 'failed' | 'other';

interface Bar {
  label: string;
  start: string;
  end: string;
  kind: BarKind;
}

function waveBarKind(wave: ExecutionWave): BarKind {
  if (wave.status === 'COMPLETED') return 'ok';
  if (wave.status === 'FAILED') return 'failed';
  if (wave.status === 'STARTED') return 'running';
  return 'other';
}

function waveBar(wave: ExecutionWave, now: string): Bar | undefined {
  if (!wave.startedAt) return undefined;
  const end =
    wave.endedAt ?? (wave.status === 'STARTED' ? now : wave.startedAt);
  return {
    label: `${wave.name}: ${formatDuration(wave.startedAt, end)}`,
    start: wave.startedAt,
    end,
    kind: waveBarKind(wave),
  };
}

/** A server's time: launching from its wave's start, then until it passed its health check. */
function serverBars(
  server: ExecutionServer,
  wave: ExecutionWave,
  now: string,
): Bar[] {
  const name = server.hostname ?? server.sourceServerId;
  const waveStart = wave.startedAt;
  if (!waveStart) return [];
  if (!server.launchedAt) {
    const end = server.status === 'LAUNCHING' ? now : wave.endedAt ?? waveStart;
    return [
      {
        label: `${name} ${
          server.status === 'FAILED' ? 'failed after' : 'launching'
        }: ${formatDuration(waveStart, end)}`,
        start: waveStart,
        end,
        kind: server.status === 'FAILED' ? 'failed' : 'running',
      },
    ];
  }
  const bars: Bar[] = [
    {
      label: `${name} launched in ${formatDuration(
        waveStart,
        server.launchedAt,
      )}`,
      start: waveStart,
      end: server.launchedAt,
      kind: server.status === 'FAILED' ? 'failed' : 'ok',
    },
  ];
  if (server.healthyAt) {
    bars.push({
      label: `${name} healthy ${formatDuration(
        server.launchedAt,
        server.healthyAt,
      )} after launch`,
      start: server.launchedAt,
      end: server.healthyAt,
      kind: 'healthCheck',
    });
  }
  return bars;
}

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
 * each server's launch and health-check time.
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
              wave.servers.map(server => (
                <div key={server.sourceServerId} className={classes.row}>
                  <Typography
                    variant="caption"
                    className={`${classes.label} ${classes.serverLabel}`}
                  >
                    {server.hostname ?? server.sourceServerId}
                  </Typography>
                  <Track
                    bars={serverBars(server, wave, nowIso)}
                    origin={origin}
                    totalMs={totalMs}
                  />
                </div>
              ))}
          </Box>
        );
      })}
    </InfoCard>
  );
}
