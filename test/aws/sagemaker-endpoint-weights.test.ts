import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  SageMakerClient,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { CloudWatchAlarmStates, SageMakerEndpointWeights } from '@vigil/aws';
import { EndpointWeightsError } from '@vigil/core/bandit';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const sagemaker = mockClient(SageMakerClient);
const cloudwatch = mockClient(CloudWatchClient);
const weights = () => new SageMakerEndpointWeights({ client: new SageMakerClient({}) });

describe('SageMakerEndpointWeights', () => {
  beforeEach(() => {
    sagemaker.reset();
    cloudwatch.reset();
  });

  it('reads the production variants’ current weights as shares', async () => {
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn' }).resolves({
      EndpointName: 'churn',
      EndpointStatus: 'InService',
      ProductionVariants: [
        { VariantName: 'champion', CurrentWeight: 3, DesiredWeight: 3, CurrentInstanceCount: 2 },
        { VariantName: 'challenger', CurrentWeight: 1, DesiredWeight: 1, CurrentInstanceCount: 1 },
      ],
    });
    expect(await weights().current('churn')).toEqual([
      { variant: 'champion', weight: 0.75 },
      { variant: 'challenger', weight: 0.25 },
    ]);
  });

  it('sets weights with UpdateEndpointWeightsAndCapacities, leaving instance counts alone', async () => {
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).resolves({ EndpointArn: 'arn' });
    await weights().update('churn', [
      { variant: 'champion', weight: 0.6 },
      { variant: 'challenger', weight: 0.4 },
    ]);
    const calls = sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      EndpointName: 'churn',
      DesiredWeightsAndCapacities: [
        { VariantName: 'champion', DesiredWeight: 0.6 },
        { VariantName: 'challenger', DesiredWeight: 0.4 },
      ],
    });
  });

  it('refuses an endpoint without weighted variants, saying what to check', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointName: 'churn', ProductionVariants: [] });
    await expect(weights().current('churn')).rejects.toThrow(EndpointWeightsError);
    await expect(weights().current('churn')).rejects.toThrow(/no production variant with a weight/);
  });
});

describe('CloudWatchAlarmStates', () => {
  beforeEach(() => cloudwatch.reset());

  it('names the alarms in ALARM, metric and composite, across pages', async () => {
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [{ AlarmName: 'a' }], NextToken: 't' })
      .resolvesOnce({ CompositeAlarms: [{ AlarmName: 'c' }] });
    const states = new CloudWatchAlarmStates({ client: new CloudWatchClient({}) });
    expect(await states.inAlarm(['a', 'b', 'c'])).toEqual(['a', 'c']);
    const calls = cloudwatch.commandCalls(DescribeAlarmsCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { AlarmNames: ['a', 'b', 'c'], StateValue: 'ALARM', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
      {
        AlarmNames: ['a', 'b', 'c'],
        StateValue: 'ALARM',
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        NextToken: 't',
      },
    ]);
  });

  it('asks nothing when there is no alarm to check', async () => {
    expect(await new CloudWatchAlarmStates({ client: new CloudWatchClient({}) }).inAlarm([])).toEqual([]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });
});
