import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Route, Routes, useParams } from 'react-router-dom';
import { DrsAnnotationGate } from '../DrsAnnotationGate/DrsAnnotationGate';
import { DrsErrorBoundary } from '../DrsErrorBoundary/DrsErrorBoundary';
import { ExecutionDetails } from '../ExecutionDetails/ExecutionDetails';
import { ExecutionHistory } from '../ExecutionHistory/ExecutionHistory';

function ExecutionDetailsRoute({ entityRef }: { entityRef: string }) {
  const { executionId = '' } = useParams();
  // a new ID is a new page: nothing of the previous execution (data, error) carries over
  return (
    <DrsErrorBoundary key={executionId}>
      <ExecutionDetails entityRef={entityRef} executionId={executionId} />
    </DrsErrorBoundary>
  );
}

/**
 * The DR Executions tab of a catalog entity: the history, and under `./:executionId` the
 * details of one execution, so each can be linked to.
 */
export function DrsExecutionsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <DrsAnnotationGate entity={entity}>
      <Routes>
        <Route
          path="/"
          element={
            <DrsErrorBoundary>
              <ExecutionHistory entityRef={entityRef} />
            </DrsErrorBoundary>
          }
        />
        <Route
          path=":executionId"
          element={<ExecutionDetailsRoute entityRef={entityRef} />}
        />
      </Routes>
    </DrsAnnotationGate>
  );
}
