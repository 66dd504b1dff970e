/** Examples of drs:stack:deploy, shown in the scaffolder's action list. */
export const examples = [
  {
    description: 'Deploy the stack for production, with alarm e-mails',
    example: `steps:
  - id: stack
    action: drs:stack:deploy
    name: Deploy the DRS orchestration stack
    input:
      region: us-east-1
      environmentName: prod
      tablePrefix: drs-orchestration-prod-
      alarmEmail: sre-oncall@example.com
      backstagePrincipalArn: arn:aws:iam::123456789012:role/backstage-backend`,
  },
  {
    description:
      'Only validate the template against CloudFormation in another account',
    example: `steps:
  - id: validate
    action: drs:stack:deploy
    name: Validate the stack template
    input:
      accountId: '210987654321'
      region: eu-west-1
      environmentName: staging
      tablePrefix: drs-orchestration-staging-
      backstagePrincipalArn: arn:aws:iam::123456789012:role/backstage-backend
      validateOnly: true`,
  },
  {
    description:
      "Deploy staging beside production in the same account and region: its engine's metrics, alarms and dashboard in a namespace of their own",
    example: `steps:
  - id: stack
    action: drs:stack:deploy
    name: Deploy the DRS orchestration stack for staging
    input:
      region: us-east-1
      environmentName: staging
      tablePrefix: drs-orchestration-staging-
      backstagePrincipalArn: arn:aws:iam::123456789012:role/backstage-staging
      metricsNamespace: DRSOrchestration/staging`,
  },
];
