import {
  CloudWatchClient,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { loadServiceModel } from './model';
import { validateShape } from './shapeValidation';
import {
  ACCOUNT,
  clientConfig,
  rawCloudFormationCall,
  REGION,
  rejectionOf,
  STRICT,
  START_TIME,
  useTestSimulator,
} from './__testUtils__/harness';
import { parseXml } from './__testUtils__/queryWire';

const model = loadServiceModel('monitoring');

describe('CloudWatch PutMetricData', () => {
  const world = useTestSimulator();
  const cloudWatch = () => new CloudWatchClient(clientConfig(world.simulator));

  it('serves the SDK and logs the batch as sent, checked against the model', async () => {
    const input = {
      Namespace: 'DRSOrchestration',
      MetricData: [
        { MetricName: 'EngineHeartbeat', Value: 1, Unit: 'Count' as const },
        {
          MetricName: 'CycleDuration',
          Value: 0.25,
          Unit: 'Seconds' as const,
          Timestamp: new Date('2024-05-01T12:00:00.000Z'),
          Dimensions: [{ Name: 'Engine', Value: 'drs' }],
        },
        { MetricName: 'DrsErrors', Values: [0, 2], Counts: [1, 3] },
      ],
    };
    await cloudWatch().send(new PutMetricDataCommand(input));
    const { metricData, byOperation } = world.simulator.calls();
    expect(byOperation).toEqual({ PutMetricData: 1 });
    expect(metricData).toEqual([
      {
        accountId: ACCOUNT,
        region: REGION,
        receivedAt: START_TIME,
        namespace: 'DRSOrchestration',
        metricData: [
          { MetricName: 'EngineHeartbeat', Value: 1, Unit: 'Count' },
          {
            MetricName: 'CycleDuration',
            Value: 0.25,
            Unit: 'Seconds',
            Timestamp: '2024-05-01T12:00:00.000Z',
            Dimensions: [{ Name: 'Engine', Value: 'drs' }],
          },
          { MetricName: 'DrsErrors', Values: [0, 2], Counts: [1, 3] },
        ],
      },
    ]);
    // What was logged is a request the model accepts.
    expect(
      validateShape(
        model,
        'PutMetricDataInput',
        {
          Namespace: metricData[0].namespace,
          MetricData: metricData[0].metricData,
        },
        STRICT,
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'a value that is not finite',
      [{ MetricName: 'CycleDuration', Value: NaN }],
      'InvalidParameterValueException',
      /The value NaN for parameter MetricData\.member\.1\.Value is invalid/,
    ],
    [
      'a unit the model does not list',
      [{ MetricName: 'CycleDuration', Value: 1, Unit: 'Hours' }],
      'InvalidParameterValueException',
      /Unit must be one of Seconds/,
    ],
    [
      'a datum without its name',
      [{ Value: 1 }],
      'MissingRequiredParameterException',
      /MetricData\.1\.MetricName is required|MetricName/,
    ],
    [
      'both a value and values',
      [{ MetricName: 'DrsErrors', Value: 1, Values: [1] }],
      'InvalidParameterCombinationException',
      /mutually exclusive/,
    ],
    [
      'more than 1000 datums',
      Array.from({ length: 1001 }, () => ({ MetricName: 'X', Value: 1 })),
      'InvalidParameterValueException',
      /must not have a size greater than 1000/,
    ],
  ])(
    'refuses %s with the modeled error',
    async (_, metricData, code, message) => {
      const error = await rejectionOf(
        cloudWatch().send(
          new PutMetricDataCommand({
            Namespace: 'DRSOrchestration',
            MetricData: metricData as never,
          }),
        ),
      );
      expect(error.name).toBe(code);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(message);
      expect(world.simulator.calls().metricData).toEqual([]);
    },
  );

  it('answers in the query envelope of the model, and keeps CloudFormation apart', async () => {
    const raw = await rawCloudFormationCall(
      world.simulator,
      {
        Action: 'PutMetricData',
        Version: model.metadata.apiVersion,
        Namespace: 'DRSOrchestration',
        'MetricData.member.1.MetricName': 'EngineHeartbeat',
        'MetricData.member.1.Value': '1',
      },
      {
        authorization: `AWS4-HMAC-SHA256 Credential=x/20240501/${REGION}/monitoring/aws4_request, SignedHeaders=host, Signature=00`,
      },
    );
    expect(raw.status).toBe(200);
    const { root, namespace } = parseXml(raw.text);
    expect([root, namespace]).toEqual([
      'PutMetricDataResponse',
      model.metadata.xmlNamespace,
    ]);
    expect(world.simulator.calls().metricData).toHaveLength(1);
  });
});
