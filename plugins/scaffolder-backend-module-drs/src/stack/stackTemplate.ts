import { readFileSync } from 'fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The CloudFormation template of the DRS orchestration stack, shipped in the package. */
const STACK_TEMPLATE_PATH = resolvePackagePath(
  '@drs-orchestration/plugin-scaffolder-backend-module-drs',
  'templates/drs-orchestration-stack.yaml',
);

export function readStackTemplate(): string {
  return readFileSync(STACK_TEMPLATE_PATH, 'utf8');
}
