import { RootLoggerService } from '@backstage/backend-plugin-api';

export type LogLevel = 'none' | 'error' | 'warn' | 'info' | 'debug';
const LOG_LEVELS: LogLevel[] = ['none', 'error', 'warn', 'info', 'debug'];

/** Log lines on standard error: time, level, the logger's labels, message and metadata. */
export function lineLogger(
  level: LogLevel,
  labels: Record<string, unknown> = {},
): RootLoggerService {
  const log = (at: LogLevel) => (message: string, meta?: unknown) => {
    if (LOG_LEVELS.indexOf(at) > LOG_LEVELS.indexOf(level)) return;
    let detail = '';
    if (meta instanceof Error) detail = ` ${meta.stack}`;
    else if (meta) detail = ` ${JSON.stringify(meta)}`;
    const context = Object.entries(labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    process.stderr.write(
      `${new Date().toISOString()} ${at} ${context} ${message}${detail}\n`,
    );
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: meta => lineLogger(level, { ...labels, ...meta }),
  };
}
