import type { PlanIssue } from './planIssues';
import type { RecoveryPlanInput } from './types';

/** A plan's `failbackWaveOrder` must name each of its waves exactly once. */
export function failbackOrderIssues(
  plan: Pick<RecoveryPlanInput, 'waves' | 'failbackWaveOrder'>,
): PlanIssue[] {
  const order = plan.failbackWaveOrder;
  if (order === undefined) return [];
  const names = plan.waves.map(wave => wave.name);
  const unknown = order.filter(name => !names.includes(name));
  const repeated = order.filter((name, i) => order.indexOf(name) !== i);
  const missing = names.filter(name => !order.includes(name));
  const problems = [
    ...(unknown.length > 0
      ? [`names no wave ${unknown.map(n => `"${n}"`).join(', ')}`]
      : []),
    ...(repeated.length > 0
      ? [`names ${[...new Set(repeated)].map(n => `"${n}"`).join(', ')} twice`]
      : []),
    ...(missing.length > 0
      ? [`leaves out ${missing.map(n => `"${n}"`).join(', ')}`]
      : []),
  ];
  if (problems.length === 0) return [];
  return [
    {
      path: 'failbackWaveOrder',
      message: `The failback order ${problems.join(
        '; ',
      )}: name every wave once, in the order a failback runs them, or remove it to fail back in reverse order`,
      severity: 'error',
    },
  ];
}
