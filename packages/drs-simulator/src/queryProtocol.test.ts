import { loadServiceModel } from './model';
import { decodeQuery, encodeXml } from './queryProtocol';

const model = loadServiceModel('ec2');
const params = (entries: Record<string, string>) =>
  new Map(Object.entries(entries));

describe('EC2 query protocol', () => {
  it('reads lists, structures and scalars by the model’s query names', () => {
    expect(
      decodeQuery(
        model,
        'DescribeInstanceStatusRequest',
        params({
          Action: 'DescribeInstanceStatus',
          Version: '2016-11-15',
          'InstanceId.1': 'i-0123456789abcdef0',
          'InstanceId.2': 'i-01234567',
          'Filter.1.Name': 'instance-state-name',
          'Filter.1.Value.1': 'running',
          'Filter.1.Value.2': 'pending',
          'Filter.2.Name': 'event.code',
          IncludeAllInstances: 'true',
          MaxResults: '50',
          DryRun: 'false',
        }),
        'ec2',
      ),
    ).toEqual({
      input: {
        InstanceIds: ['i-0123456789abcdef0', 'i-01234567'],
        Filters: [
          { Name: 'instance-state-name', Values: ['running', 'pending'] },
          { Name: 'event.code' },
        ],
        IncludeAllInstances: true,
        MaxResults: 50,
        DryRun: false,
      },
      unknownParameters: [],
      issues: [],
    });
  });

  it('reads a bare key as the empty list the SDK sends, and reports what it cannot read', () => {
    expect(
      decodeQuery(
        model,
        'DescribeInstanceStatusRequest',
        params({
          Filter: '',
          MaxResults: 'ten',
          DryRun: 'yes',
          'InstanceId.2': 'i-0123456789abcdef0',
        }),
        'ec2',
      ),
    ).toEqual({
      input: { Filters: [] },
      unknownParameters: ['InstanceId.2'],
      issues: [
        { path: 'MaxResults', message: 'has an invalid value (ten)' },
        { path: 'DryRun', message: 'has an invalid value (yes)' },
      ],
    });
  });

  it('writes elements by locationName, list items as <item>, text escaped', () => {
    expect(
      encodeXml(model, 'DescribeInstanceStatusResult', {
        InstanceStatuses: [
          {
            InstanceId: 'i-0123456789abcdef0',
            AvailabilityZone: 'a<b>&"c"',
            InstanceState: { Code: 16, Name: 'running' },
            InstanceStatus: {
              Status: 'impaired',
              Details: [
                {
                  Name: 'reachability',
                  Status: 'failed',
                  ImpairedSince: Date.parse('2024-05-01T12:00:00Z'),
                },
              ],
            },
          },
        ],
      }),
    ).toBe(
      '<instanceStatusSet><item><availabilityZone>a&lt;b&gt;&amp;&quot;c&quot;</availabilityZone>' +
        '<instanceId>i-0123456789abcdef0</instanceId><instanceState><code>16</code><name>running</name></instanceState>' +
        '<instanceStatus><details><item><impairedSince>2024-05-01T12:00:00.000Z</impairedSince>' +
        '<name>reachability</name><status>failed</status></item></details><status>impaired</status></instanceStatus>' +
        '</item></instanceStatusSet>',
    );
  });
});
