import { createServer } from 'net';
import {
  failureOf,
  stackInput,
  standInContext,
  standInDeployAction,
  useCloudFormationStandIn,
} from '../../__testUtils__/cloudFormationStandIn';

const world = useCloudFormationStandIn();

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise(done => server.close(done));
  return port;
}

describe('drs:stack:deploy errors that say what to do, through the real SDK', () => {
  it('names the unreachable endpoint and the config key to check', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { ctx } = standInContext(stackInput('unreachable'));

    const error = await failureOf(standInDeployAction(endpoint).handler(ctx));

    expect(error.message).toBe(
      `Could not reach ${endpoint} (ECONNREFUSED); nothing was deployed by this attempt. Check drs.cloudFormation.endpoint in app-config and that the stand-in (or proxy) there is running, then run this again.`,
    );
    expect(error.stack).toBe(error.message);
  });

  it('says which credentials AWS rejected and where they are configured', async () => {
    // The stand-in knows no account in eu-west-1: it rejects the key as AWS rejects a bad one.
    const { ctx } = standInContext(
      stackInput('elsewhere', { region: 'eu-west-1' }),
    );

    const error = await failureOf(
      standInDeployAction(world.aws.simulator.endpoint).handler(ctx),
    );

    expect(error.message).toMatch(
      /^AWS rejected the credentials for the main account \(InvalidClientTokenId: The security token included in the request is invalid.*\)\. Check aws\.mainAccount in app-config, or the backend's own credentials \(environment, instance or task role\); renew them if they are temporary and have expired\.$/,
    );
    expect(error.stack).toBe(error.message);
  });
});
