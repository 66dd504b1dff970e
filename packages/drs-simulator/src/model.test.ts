import { enumValues, errorStatus, loadServiceModel } from './model';
import { validateShape } from './shapeValidation';

const model = loadServiceModel();
const strict = { allowUnknownMembers: false };

describe('validateShape', () => {
  const job = {
    jobID: 'drsjob-0123456789abcdef0',
    type: 'LAUNCH',
    status: 'COMPLETED',
    creationDateTime: '2024-05-01T12:00:00.000Z',
    participatingServers: [
      { sourceServerID: 's-0123456789abcdef0', launchStatus: 'LAUNCHED' },
    ],
    tags: { Plan: 'checkout' },
  };

  it('accepts a document that matches the model', () => {
    expect(validateShape(model, 'Job', job, strict)).toEqual([]);
  });

  it('reports missing required members', () => {
    const { jobID: _omitted, ...withoutId } = job;
    expect(validateShape(model, 'Job', withoutId, strict)).toEqual([
      { path: 'jobID', message: 'is required' },
    ]);
  });

  it('reports values outside an enum, with the path', () => {
    const issues = validateShape(
      model,
      'Job',
      {
        ...job,
        participatingServers: [
          { sourceServerID: 's-0123456789abcdef0', launchStatus: 'SUCCEEDED' },
        ],
      },
      strict,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('participatingServers[0].launchStatus');
    expect(issues[0].message).toContain('must be one of PENDING, IN_PROGRESS');
  });

  it('reports IDs out of pattern and length, and timestamps out of format', () => {
    const issues = validateShape(
      model,
      'Job',
      { ...job, jobID: 'job-1', creationDateTime: '2024-05-01 12:00' },
      strict,
    );
    expect(issues.map(i => i.path)).toEqual([
      'jobID',
      'jobID',
      'creationDateTime',
      'creationDateTime',
    ]);
  });

  it('reports wrong types and unknown members unless they are allowed', () => {
    const issues = validateShape(
      model,
      'Job',
      { ...job, participatingServers: {}, jobId: 'typo' },
      strict,
    );
    expect(issues).toEqual([
      { path: 'participatingServers', message: 'must be a list' },
      { path: 'jobId', message: 'is not a member of Job' },
    ]);
    expect(
      validateShape(
        model,
        'Job',
        { ...job, extra: 1 },
        { allowUnknownMembers: true },
      ),
    ).toEqual([]);
  });

  it('checks list lengths, integer bounds and map values', () => {
    expect(
      validateShape(
        model,
        'StartRecoveryRequest',
        { sourceServers: [] },
        strict,
      ),
    ).toEqual([
      { path: 'sourceServers', message: 'must have at least 1 items' },
    ]);
    expect(
      validateShape(model, 'DescribeJobsRequest', { maxResults: 1.5 }, strict),
    ).toEqual([{ path: 'maxResults', message: 'must be an integer' }]);
    expect(
      validateShape(model, 'Job', { ...job, tags: { Plan: 3 } }, strict),
    ).toEqual([{ path: 'tags["Plan"]', message: 'must be a string' }]);
  });

  it('does not expect header-bound members in the body', () => {
    expect(
      validateShape(
        model,
        'ThrottlingException',
        { message: 'Rate exceeded', retryAfterSeconds: '1' },
        strict,
      ),
    ).toEqual([
      {
        path: 'retryAfterSeconds',
        message: 'is not a member of ThrottlingException',
      },
    ]);
  });

  it('reads enums from the model', () => {
    expect(enumValues(model, 'JobStatus')).toEqual([
      'PENDING',
      'STARTED',
      'COMPLETED',
    ]);
    expect(() => enumValues(model, 'Job')).toThrow('not an enum');
  });
});

describe('the SSM and EC2 models', () => {
  const ssm = loadServiceModel('ssm');

  it('hold only the operations served, and every shape they reach', () => {
    expect(Object.keys(ssm.operations).sort()).toEqual([
      'GetAutomationExecution',
      'StartAutomationExecution',
      'StopAutomationExecution',
    ]);
    expect(Object.keys(loadServiceModel('ec2').operations)).toEqual([
      'DescribeInstanceStatus',
    ]);
    for (const service of ['drs', 'ssm', 'ec2'] as const) {
      const { shapes } = loadServiceModel(service);
      for (const [name, shape] of Object.entries(shapes)) {
        const refs = [
          ...Object.values(shape.members ?? {}),
          shape.member,
          shape.key,
          shape.value,
        ].filter(Boolean);
        for (const ref of refs) {
          expect({
            name,
            ref: ref!.shape,
            known: ref!.shape in shapes,
          }).toEqual({ name, ref: ref!.shape, known: true });
        }
      }
    }
  });

  it('has Java patterns that Unicode mode reads', () => {
    for (const service of ['drs', 'ssm', 'ec2'] as const) {
      const patterns = Object.values(loadServiceModel(service).shapes)
        .map(shape => shape.pattern)
        .filter((pattern): pattern is string => pattern !== undefined);
      for (const pattern of patterns) {
        expect(() => new RegExp(pattern, 'u')).not.toThrow();
      }
    }
  });

  it('matches Java’s Unicode classes, as in a target key', () => {
    expect(validateShape(ssm, 'TargetKey', 'tag:Größe', strict)).toEqual([]);
    expect(validateShape(ssm, 'TargetKey', 'tag:a|b', strict)).toHaveLength(1);
  });

  it('gives each modeled error its status: the model’s, else 500 for a fault, 400 otherwise', () => {
    expect(errorStatus(model.shapes.ConflictException)).toBe(409);
    expect(errorStatus(ssm.shapes.InternalServerError)).toBe(500);
    expect(errorStatus(ssm.shapes.IdempotentParameterMismatch)).toBe(400);
  });
});
