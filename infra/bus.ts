/** Vigil's own bus, for "Vigil Monitoring Execution" and Vigil's other events. */
export const vigilBus = new sst.aws.Bus('VigilBus');

/** The account's default bus, where S3, SageMaker and CloudWatch publish their events. */
export const defaultBus = sst.aws.Bus.get('DefaultBus', 'default');
