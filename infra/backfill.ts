import { config } from './config';
import { functions } from './functions';
import { bucket } from './storage';
import { backfillDefinition, backfillRolePermissions, captureSources } from './wiring';

const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const partition = aws.getPartitionOutput();

/** The state machine's name, fixed per stage so its role can name its own executions. */
const stateMachineName = `${$app.name}-${$app.stage}-backfill`;

const functionArns = $util.all(
  Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.arn])),
) as $util.Output<Record<string, string>>;

const role = new aws.iam.Role('BackfillRole', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  }),
});

new aws.iam.RolePolicy('BackfillPolicy', {
  role: role.id,
  policy: $util
    .all([partition.partition, region.region, identity.accountId, bucket.name, functionArns])
    .apply(([partitionName, regionName, account, bucketName, arns]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: backfillRolePermissions({
          partition: partitionName,
          region: regionName,
          account,
          bucket: bucketName,
          stateMachineName,
          functionArns: arns,
          capture: captureSources(config, bucketName),
        }).map((p) => ({
          Effect: 'Allow',
          Action: p.actions,
          Resource: p.resources,
          ...(p.conditions
            ? {
                Condition: Object.fromEntries(p.conditions.map((c) => [c.test, { [c.variable]: c.values }])),
              }
            : {}),
        })),
      }),
    ),
});

/**
 * The backfill state machine (`vigil backfill --aws`): Distributed Maps over the capture hours
 * (profile-capture per file), then each monitor window by window. Its definition is plain data in
 * infra/wiring/backfill.ts, checked by test/infra/backfill-definition.test.ts.
 */
export const backfillStateMachine = new aws.sfn.StateMachine('Backfill', {
  name: stateMachineName,
  type: 'STANDARD',
  roleArn: role.arn,
  definition: $util
    .all([region.region, identity.accountId, bucket.name, functionArns])
    .apply(([regionName, account, bucketName, arns]) =>
      JSON.stringify(
        backfillDefinition({ account, region: regionName, bucket: bucketName, functionArns: arns }),
      ),
    ),
});
