import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import { DR_EXECUTIONS_TAB_PATH, DR_PLANS_TAB_PATH } from '../routes';

/** Links into an entity's DR tabs from anywhere: the overview card, the ops page, another tab. */
export function useDrsLinks() {
  const entityLink = useEntityRefLink();
  return useMemo(
    () => ({
      plans: (entityRef: string) =>
        `${entityLink(entityRef)}/${DR_PLANS_TAB_PATH}`,
      executions: (entityRef: string) =>
        `${entityLink(entityRef)}/${DR_EXECUTIONS_TAB_PATH}`,
      execution: (entityRef: string, executionId: string) =>
        `${entityLink(
          entityRef,
        )}/${DR_EXECUTIONS_TAB_PATH}/${encodeURIComponent(executionId)}`,
    }),
    [entityLink],
  );
}
