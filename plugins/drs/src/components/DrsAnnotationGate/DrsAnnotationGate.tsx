import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  ANNOTATION_DRS_ACCOUNT_ID,
  ANNOTATION_DRS_REGION,
  ANNOTATION_DRS_SOURCE_SERVER_IDS,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
  isDrsAvailable,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';

/** The entity's catalog-info.yaml head with the DRS annotations to add, ready to copy. */
export function annotationSnippet(entity: Entity): string {
  return [
    `apiVersion: ${entity.apiVersion}`,
    `kind: ${entity.kind}`,
    'metadata:',
    `  name: ${entity.metadata.name}`,
    '  annotations:',
    '    # the DRS source servers of this service: by tags, or by IDs',
    `    ${ANNOTATION_DRS_SOURCE_SERVER_TAGS}: Application=${entity.metadata.name}`,
    `    # ${ANNOTATION_DRS_SOURCE_SERVER_IDS}: s-1234567890abcdef0,s-0fedcba0987654321`,
    '    # optional: where DRS replicates them, when not the backend default',
    `    # ${ANNOTATION_DRS_ACCOUNT_ID}: '123456789012'`,
    `    # ${ANNOTATION_DRS_REGION}: us-east-1`,
  ].join('\n');
}

/** Shows how to annotate the entity when it names no DRS source servers. */
export function DrsAnnotationGate({
  entity,
  children,
}: {
  entity: Entity;
  children: ReactNode;
}) {
  if (isDrsAvailable(entity)) return <>{children}</>;
  return (
    <EmptyState
      missing="field"
      title="This service names no DRS source servers"
      description={`Add the ${ANNOTATION_DRS_SOURCE_SERVER_TAGS} or ${ANNOTATION_DRS_SOURCE_SERVER_IDS} annotation to ${entity.metadata.name}'s catalog-info.yaml; its DR plans, drills and health show here once the catalog reads it.`}
      action={
        <Box maxWidth={720}>
          <Typography variant="body1" gutterBottom>
            Add the annotation to the entity's YAML:
          </Typography>
          <CodeSnippet
            text={annotationSnippet(entity)}
            language="yaml"
            showLineNumbers
            showCopyCodeButton
            customStyle={{ background: 'inherit', fontSize: '115%' }}
          />
        </Box>
      }
    />
  );
}
