import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { parse as parseYaml } from 'yaml';
import { deriveSourceServerId } from './ids';
import { InventoryError } from './inventory';
import { loadInventory } from './loadInventory';

const EXAMPLE = resolve(__dirname, '../../../examples/drs-inventory.yaml');

describe('loadInventory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'drs-inventory-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fromYaml(yaml: string) {
    const file = join(dir, `inventory-${Math.random()}.yaml`);
    writeFileSync(file, yaml);
    return loadInventory(file);
  }

  it('loads the repository’s example inventory, deriving IDs it leaves out', () => {
    const raw = parseYaml(readFileSync(EXAMPLE, 'utf8'));
    const inventory = loadInventory(EXAMPLE);
    expect(inventory.accounts).toHaveLength(raw.accounts.length);
    inventory.accounts.forEach((account, a) => {
      account.sourceServers.forEach((server, s) => {
        const written = raw.accounts[a].sourceServers[s];
        expect(server.hostname).toBe(written.hostname);
        expect(server.sourceServerID).toBe(
          written.sourceServerID ??
            deriveSourceServerId(
              account.accountId,
              account.region,
              written.hostname,
            ),
        );
        expect(server.replicationState).toBe(
          written.replicationState ?? 'CONTINUOUS',
        );
      });
    });
  });

  it('derives the same ID from account, region and hostname every time, in the model’s format', () => {
    const id = deriveSourceServerId('111122223333', 'us-east-1', 'web-1');
    expect(id).toMatch(/^s-[0-9a-f]{17}$/);
    expect(deriveSourceServerId('111122223333', 'us-east-1', 'web-1')).toBe(id);
    expect(deriveSourceServerId('111122223333', 'us-west-2', 'web-1')).not.toBe(
      id,
    );
  });

  it('applies defaults and keeps failAt', () => {
    const inventory = fromYaml(`
accounts:
  - accountId: '123456789012'
    region: eu-central-1
    sourceServers:
      - hostname: a
      - hostname: b
        failAt: cleanup
        tags: { Port: 8080 }
`);
    expect(inventory.accounts[0].sourceServers).toEqual([
      expect.objectContaining({
        hostname: 'a',
        tags: {},
        replicationState: 'CONTINUOUS',
        lagSeconds: 0,
      }),
      expect.objectContaining({
        hostname: 'b',
        failAt: 'cleanup',
        tags: { Port: '8080' },
      }),
    ]);
    expect(inventory.accounts[0].sourceServers[0].failAt).toBeUndefined();
  });

  it('reads an EC2 server’s origin, defaulting its zone and account', () => {
    const inventory = fromYaml(`
accounts:
  - accountId: '123456789012'
    region: eu-central-1
    sourceServers:
      - hostname: cross-region
        origin: { region: eu-west-1 }
      - hostname: cross-az
        origin: { region: eu-central-1, availabilityZone: eu-central-1c, accountId: '210987654321' }
      - hostname: on-premises
`);
    const [region, az, onPremises] = inventory.accounts[0].sourceServers;
    expect(region.origin).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
      availabilityZone: 'eu-west-1a',
    });
    expect(az.origin).toEqual({
      accountId: '210987654321',
      region: 'eu-central-1',
      availabilityZone: 'eu-central-1c',
    });
    expect(onPremises.origin).toBeUndefined();
  });

  it.each([
    ['accounts: {}', 'Inventory must have a list `accounts`'],
    [
      'accounts: [{ accountId: 1234, region: us-east-1, sourceServers: [] }]',
      'accounts[0].accountId must be 12 digits',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: mars-1, sourceServers: [] }]",
      'accounts[0].region must be an AWS region',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ tags: {} }] }]",
      'accounts[0].sourceServers[0].hostname is required',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, replicationState: ASLEEP }] }]",
      'accounts[0].sourceServers[0].replicationState must be one of STOPPED',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, sourceServerID: s-1 }] }]",
      'accounts[0].sourceServers[0].sourceServerID must be s- followed by 17',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, failAt: boot }] }]",
      'failAt must be launch or cleanup',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, lagSecond: 3 }] }]",
      'unknown field(s) lagSecond',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a }, { hostname: a }] }]",
      'hostname a is listed twice',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, sourceServerID: s-0123456789abcdef0 }, { hostname: b, sourceServerID: s-0123456789abcdef0 }] }]",
      'is already used by accounts[0].sourceServers[0]',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, origin: { region: mars-1 } }] }]",
      'accounts[0].sourceServers[0].origin.region must be the AWS region',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, origin: { region: us-west-2, availabilityZone: us-east-1a } }] }]",
      'origin.availabilityZone must be an availability zone of us-west-2',
    ],
    [
      "accounts: [{ accountId: '123456789012', region: us-east-1, sourceServers: [{ hostname: a, origin: { region: us-west-2, zone: b } }] }]",
      'origin: unknown field(s) zone',
    ],
    ['accounts: [', 'is not valid YAML'],
  ])('rejects %s', (yaml, message) => {
    expect(() => fromYaml(yaml)).toThrow(InventoryError);
    expect(() => fromYaml(yaml)).toThrow(message);
  });

  it('reads automation documents, applying their defaults', () => {
    const inventory = fromYaml(`
accounts: []
automationDocuments:
  - name: Checkout-Drain
    parameters:
      Group: { required: true }
      Region: { default: [us-east-1, us-west-2] }
      Note:
    outputs: { Drained: '{{ Group }}' }
    outcome: hang
  - name: Checkout-Smoke
    durationSeconds: 5
    timeoutSeconds: 50
    failureMessage: broken
`);
    expect(inventory.automationDocuments).toEqual([
      {
        name: 'Checkout-Drain',
        parameters: {
          Group: { required: true, default: [] },
          Region: { required: false, default: ['us-east-1', 'us-west-2'] },
          Note: { required: false, default: [] },
        },
        outputs: { Drained: ['{{ Group }}'] },
        durationSeconds: 60,
        timeoutSeconds: 600,
        outcome: 'hang',
      },
      {
        name: 'Checkout-Smoke',
        outputs: {},
        durationSeconds: 5,
        timeoutSeconds: 50,
        outcome: 'success',
        failureMessage: 'broken',
      },
    ]);
    expect(fromYaml('accounts: []').automationDocuments).toEqual([]);
  });

  it.each([
    ['automationDocuments: {}', 'automationDocuments must be a list'],
    [
      'automationDocuments: [{ name: Doc-1 }, { name: Doc-1 }]',
      'automationDocuments[1].name Doc-1 is listed twice',
    ],
    ['automationDocuments: [{ name: amzn-thing }]', 'reserved for AWS'],
    [
      'automationDocuments: [{ name: Doc-1, failureMessage: 3 }]',
      'automationDocuments[0].failureMessage must be text',
    ],
    [
      'automationDocuments: [{ name: Doc-1, parameters: [] }]',
      'automationDocuments[0].parameters must be a map',
    ],
    [
      'automationDocuments: [{ name: Doc-1, parameters: { P: { required: yes please } } }]',
      'parameters.P.required must be true or false',
    ],
    [
      'automationDocuments: [{ name: Doc-1, parameters: { P: { optional: true } } }]',
      'unknown field(s) optional',
    ],
    [
      `automationDocuments: [{ name: Doc-1, outputs: { ${'K'.repeat(
        51,
      )}: v } }]`,
      'names are at most 50 characters',
    ],
    [
      "automationDocuments: [{ name: Doc-1, outputs: { K: [''] } }]",
      'outputs.K must be text of 1 to 512 characters',
    ],
    [
      'automationDocuments: [{ name: Doc-1, outputs: [] }]',
      'automationDocuments[0].outputs must be a map',
    ],
    [
      'automationDocuments: [{ name: Doc-1, durationSeconds: -1 }]',
      'durationSeconds must be a number of seconds >= 0',
    ],
    [
      'automationDocuments: [{ name: Doc-1, timeout: 3 }]',
      'unknown field(s) timeout',
    ],
  ])('rejects %s', (yaml, message) => {
    expect(() => fromYaml(`accounts: []\n${yaml}`)).toThrow(message);
  });

  it('names a file it cannot read', () => {
    expect(() => loadInventory(join(dir, 'missing.yaml'))).toThrow(
      /Cannot read inventory .*missing\.yaml/,
    );
  });
});
