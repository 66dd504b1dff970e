import { readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** The SDK packages whose calls need a permission of the backend role, and their IAM prefix. */
const SDK_PACKAGES: Record<string, string> = {
  '@aws-sdk/client-drs': 'drs',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
};

/** lib-dynamodb's document commands are named after the operation without "Item". */
const LIB_DYNAMODB_OPERATIONS: Record<string, string> = {
  Put: 'PutItem',
  Get: 'GetItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

function iamAction(pkg: string, operation: string): string {
  if (pkg !== '@aws-sdk/lib-dynamodb')
    return `${SDK_PACKAGES[pkg]}:${operation}`;
  const mapped = LIB_DYNAMODB_OPERATIONS[operation];
  if (!mapped) {
    throw new Error(
      `No IAM action known for lib-dynamodb's ${operation}; add it to LIB_DYNAMODB_OPERATIONS`,
    );
  }
  return `dynamodb:${mapped}`;
}

const IMPORT = /import\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/g;

/** Local name → imported name, for the value imports from the SDK packages above. */
function sdkImports(
  fileName: string,
  source: string,
): Map<string, { pkg: string; name: string }> {
  const imports = new Map<string, { pkg: string; name: string }>();
  for (const [, typeOnly, clause, pkg] of source.matchAll(IMPORT)) {
    if (!SDK_PACKAGES[pkg] || typeOnly) continue;
    const named = clause.match(/^\{([^}]*)\}$/s);
    if (!named) {
      // A namespace or default import would hide calls from this scanner: refuse it.
      throw new Error(
        `${fileName}: import ${clause} from '${pkg}' cannot be scanned; import commands by name`,
      );
    }
    for (const specifier of named[1]
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)) {
      if (specifier.startsWith('type ')) continue;
      const [name, local = name] = specifier.split(/\s+as\s+/);
      imports.set(local, { pkg, name });
    }
  }
  return imports;
}

/** The IAM actions of the commands a source file sends: `new XCommand(` and `paginateX(`. */
export function awsCallsInSource(fileName: string, source: string): string[] {
  const actions = new Set<string>();
  for (const [local, { pkg, name }] of sdkImports(fileName, source)) {
    const command = name.match(/^(\w+)Command$/);
    const paginator = name.match(/^paginate(\w+)$/);
    const used = command
      ? new RegExp(`new\\s+${local}\\s*\\(`).test(source)
      : paginator && new RegExp(`\\b${local}\\s*\\(`).test(source);
    if (used) actions.add(iamAction(pkg, (command ?? paginator)![1]));
  }
  return [...actions];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    // Test support talks to local servers (dynalite, the simulator), never with the role.
    if (entry.isDirectory()) {
      return ['testing', '__testUtils__'].includes(entry.name)
        ? []
        : sourceFiles(path);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** The IAM actions of every AWS call in a source tree's non-test files. */
export function awsCallsInTree(dir: string): string[] {
  const actions = sourceFiles(dir).flatMap(file =>
    awsCallsInSource(file, readFileSync(file, 'utf8')),
  );
  return [...new Set(actions)].sort();
}

/**
 * The DRS backend's source tree, found through this package's devDependency. The scanner walks
 * all of it, so files may move around inside it.
 */
export const DRS_BACKEND_SOURCE = join(
  dirname(
    require.resolve('@drs-orchestration/plugin-drs-backend/package.json'),
  ),
  'src',
);
