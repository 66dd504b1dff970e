import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DRS_SOURCE_SERVER_IDS,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
  isDrsAvailable,
} from '@drs-orchestration/plugin-drs-common';

/** Shows how to annotate the entity when it names no DRS source servers. */
export function DrsAnnotationGate({
  entity,
  children,
}: {
  entity: Entity;
  children: ReactNode;
}) {
  if (!isDrsAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={[
          ANNOTATION_DRS_SOURCE_SERVER_TAGS,
          ANNOTATION_DRS_SOURCE_SERVER_IDS,
        ]}
      />
    );
  }
  return <>{children}</>;
}
