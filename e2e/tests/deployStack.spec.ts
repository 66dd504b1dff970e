import { APIRequestContext, Page } from '@playwright/test';
import { BACKEND, expect, guestToken, test } from './fixtures';

/** The local DynamoDB of the e2e run (app-config.e2e.yaml), where the stack's tables land. */
const DYNAMODB = 'http://127.0.0.1:4577';
const PRINCIPAL = 'arn:aws:iam::111122223333:role/backstage-backend';

/** Fills in the Deploy template with its defaults and the backend's principal, and runs it. */
async function runDeployTemplate(page: Page) {
  await page.goto('/create');
  await expect(
    page.getByText('Deploy the DRS orchestration AWS stack'),
  ).toBeVisible();
  await page.goto('/create/templates/default/deploy-drs-stack');
  // Environment: prod in us-east-1, tables drs-orchestration-prod-*, all defaults.
  await expect(page.getByLabel('Table name prefix')).toHaveValue(
    'drs-orchestration-prod-',
  );
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Backstage backend principal').fill(PRINCIPAL);
  await page.getByRole('button', { name: 'Next' }).click();
  // Runbooks between waves: none.
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
}

/**
 * The log of the task the page shows, as the scaffolder keeps it (the page's log viewer renders
 * only the lines in view).
 */
async function taskLog(page: Page, request: APIRequestContext) {
  const taskId = new URL(page.url()).pathname.split('/').pop();
  const response = await request.get(
    `${BACKEND}/api/scaffolder/v2/tasks/${taskId}/events`,
    { headers: { Authorization: `Bearer ${await guestToken(request)}` } },
  );
  expect(response.ok()).toBeTruthy();
  const events: { type: string; body: { message?: string } }[] =
    await response.json();
  return events
    .filter(event => event.type === 'log')
    .map(event => event.body.message)
    .join('\n');
}

async function localTables(): Promise<string[]> {
  const response = await fetch(DYNAMODB, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      // Signed in form only: dynalite checks the headers are there, not the signature.
      'x-amz-date': '20260101T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=e2e/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: '{}',
  });
  return (await response.json()).TableNames;
}

test('the Deploy template deploys the stack on the local CloudFormation and shows its tables', async ({
  signedIn: page,
  request,
}) => {
  await runDeployTemplate(page);

  const outputs = page.getByTestId('text-output-box');
  await expect(outputs).toContainText('Point the backend at the stack', {
    timeout: 60_000,
  });
  await expect(outputs).toContainText(
    'Stack drs-orchestration-prod is CREATE_COMPLETE',
  );
  await expect(outputs).toContainText('drs-orchestration-prod-plans');
  await expect(outputs).toContainText('drs-orchestration-prod-executions');
  await expect(outputs).toContainText(
    'arn:aws:iam::111122223333:role/drs-orchestration-prod-backend',
  );
  const log = await taskLog(page, request);
  expect(log).toContain('Add PlansTable (AWS::DynamoDB::Table)');
  expect(log).toContain('PlansTable (AWS::DynamoDB::Table) CREATE_COMPLETE');
  expect(log).toContain(
    'drs-orchestration-prod (AWS::CloudFormation::Stack) CREATE_COMPLETE',
  );
  expect(await localTables()).toEqual(
    expect.arrayContaining([
      'drs-orchestration-prod-plans',
      'drs-orchestration-prod-executions',
    ]),
  );

  // The same again: nothing to change, and the task says so.
  await runDeployTemplate(page);
  await expect(outputs).toContainText(
    'Stack drs-orchestration-prod is CREATE_COMPLETE',
    { timeout: 60_000 },
  );
  expect(await taskLog(page, request)).toContain(
    'Stack drs-orchestration-prod is up to date: the change set has no changes.',
  );
});

test("the template editor's dry run validates the template against the local CloudFormation", async ({
  request,
}) => {
  const response = await request.post(`${BACKEND}/api/scaffolder/v2/dry-run`, {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
    data: {
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'deploy-drs-stack-dry-run' },
        spec: {
          type: 'infrastructure',
          steps: [
            {
              id: 'deploy',
              name: 'Deploy the stack',
              action: 'drs:stack:deploy',
              input: {
                region: 'us-east-1',
                environmentName: 'dry',
                tablePrefix: 'drs-orchestration-dry-',
                backstagePrincipalArn: PRINCIPAL,
              },
            },
          ],
        },
      },
      values: {},
      secrets: {},
      directoryContents: [],
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { log } = (await response.json()) as {
    log: { body: { message?: string } }[];
  };
  expect(log.map(entry => entry.body.message).join('\n')).toContain(
    'Template is valid (capabilities needed: CAPABILITY_NAMED_IAM); nothing deployed in a dry run.',
  );
  expect(await localTables()).not.toContain('drs-orchestration-dry-plans');
});
