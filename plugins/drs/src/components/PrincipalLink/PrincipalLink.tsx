import { ReactNode } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DRS_SCHEDULER_PRINCIPAL } from '@drs-orchestration/plugin-drs-common';
import { formatTimesIn } from '../format';

/** The engine's own principal (drs-common's engine entry point, which the frontend does not load). */
const DRS_ENGINE_PRINCIPAL = 'plugin:drs/engine';

const SERVICE_LABELS: Record<string, string> = {
  [DRS_SCHEDULER_PRINCIPAL]: 'DRS drill scheduler',
  [DRS_ENGINE_PRINCIPAL]: 'DRS engine',
};

/**
 * A service principal (`plugin:<id>/<name>`) in words, e.g. "DRS drill scheduler"; undefined
 * for anything else.
 */
export function servicePrincipalLabel(principal: string): string | undefined {
  if (SERVICE_LABELS[principal]) return SERVICE_LABELS[principal];
  const match = /^plugin:([^/]+)(?:\/(.+))?$/.exec(principal);
  if (!match) return undefined;
  return match[2] ? `${match[1]} plugin (${match[2]})` : `${match[1]} plugin`;
}

/**
 * Who did something: a user or group as a catalog link by name (with the peek-ahead card), a
 * service principal in words with its raw name on hover, anything else as written.
 */
export function PrincipalLink({
  principal,
}: {
  principal: string | undefined;
}) {
  if (!principal) return <>—</>;
  const label = servicePrincipalLabel(principal);
  if (label) return <span title={principal}>{label}</span>;
  try {
    const ref = parseEntityRef(principal, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    return <EntityRefLink entityRef={ref} defaultKind="user" />;
  } catch {
    return <>{principal}</>;
  }
}

/** Users, groups and service principals as the engine writes them into reasons. */
const PRINCIPAL_IN_TEXT =
  /\b(?:user|group):(?:[\w.-]+\/)?[\w.@-]*\w|\bplugin:[\w-]+(?:\/[\w-]+)?/g;

/**
 * A reason or message as a person reads it: its instants in the viewer's zone (formatTimesIn)
 * and the principals in it as PrincipalLink shows them, e.g. "Cancelled by ana at 25 Nov…".
 */
export function ReasonText({ text }: { text: string }) {
  const formatted = formatTimesIn(text);
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of formatted.matchAll(PRINCIPAL_IN_TEXT)) {
    parts.push(formatted.slice(last, match.index));
    parts.push(<PrincipalLink key={match.index} principal={match[0]} />);
    last = match.index! + match[0].length;
  }
  parts.push(formatted.slice(last));
  return <>{parts}</>;
}
