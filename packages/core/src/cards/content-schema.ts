import * as z from 'zod';

// SageMaker's model-card content schema (CloudFormation AWS::SageMaker::ModelCard, SageMaker Python
// SDK schema_constraints.py): unknown keys are rejected at every level, strings and lists are bounded.

const text = (max: number) => z.string().max(max);
const axisName = z.string().max(63);
const stringList = (maxItems: number, maxLength = 1024) => z.array(z.string().max(maxLength)).max(maxItems);
const sagemakerName = z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
  message: 'must be 1–63 letters, digits and hyphens, starting and ending with a letter or digit',
});

const commonMetric = { name: z.string().min(1).max(255), notes: text(1024).optional() };

/** One `metric_data` item; `value` and the axis names depend on `type`. */
export const metricDataSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...commonMetric,
      type: z.literal('number'),
      value: z.number(),
      x_axis_name: axisName.optional(),
      y_axis_name: axisName.optional(),
    })
    .strict(),
  z
    .object({
      ...commonMetric,
      type: z.literal('string'),
      value: z.string().max(63),
      x_axis_name: axisName.optional(),
      y_axis_name: axisName.optional(),
    })
    .strict(),
  z
    .object({
      ...commonMetric,
      type: z.literal('boolean'),
      value: z.boolean(),
      x_axis_name: axisName.optional(),
      y_axis_name: axisName.optional(),
    })
    .strict(),
  z
    .object({
      ...commonMetric,
      type: z.literal('linear_graph'),
      value: z
        .array(z.tuple([z.number(), z.number()]))
        .min(1)
        .max(20),
      x_axis_name: axisName.optional(),
      y_axis_name: axisName.optional(),
    })
    .strict(),
  z
    .object({
      ...commonMetric,
      type: z.literal('bar_chart'),
      value: z.array(z.number()).min(1).max(20),
      x_axis_name: z.array(axisName).max(20).optional(),
      y_axis_name: axisName.optional(),
    })
    .strict(),
  z
    .object({
      ...commonMetric,
      type: z.literal('matrix'),
      value: z.array(z.array(z.number()).min(1).max(20)).min(1).max(20),
      x_axis_name: z.array(axisName).max(20).optional(),
      y_axis_name: z.array(axisName).max(20).optional(),
    })
    .strict(),
]);

export const metricGroupSchema = z
  .object({ name: z.string().min(1).max(63), metric_data: z.array(metricDataSchema) })
  .strict();

export const evaluationDetailSchema = z
  .object({
    name: z.string().min(1).max(63),
    evaluation_observation: text(2096).optional(),
    evaluation_job_arn: text(256).optional(),
    datasets: stringList(10).optional(),
    metadata: z.record(z.string(), text(1024)).optional(),
    metric_groups: z.array(metricGroupSchema).optional(),
  })
  .strict();

const containerImages = z.object({ container_image: stringList(15) }).strict();
const trainingMetric = z
  .object({ name: z.string().min(1).max(255), value: z.number(), notes: text(1024).optional() })
  .strict();
const hyperParameter = z
  .object({ name: z.string().min(1).max(255), value: z.string().min(1).max(255) })
  .strict();

/** The whole `Content` of a model card. */
export const modelCardContentSchema = z
  .object({
    model_overview: z
      .object({
        model_description: text(1024).optional(),
        model_owner: text(1024).optional(),
        model_creator: text(1024).optional(),
        problem_type: text(1024).optional(),
        algorithm_type: text(1024).optional(),
        model_id: text(1024).optional(),
        model_name: text(1024).optional(),
        model_version: z.number().min(1).optional(),
        model_artifact: stringList(15).optional(),
        inference_environment: containerImages.optional(),
      })
      .strict()
      .optional(),
    intended_uses: z
      .object({
        purpose_of_model: text(2048).optional(),
        intended_uses: text(2048).optional(),
        factors_affecting_model_efficiency: text(2048).optional(),
        risk_rating: z.enum(['High', 'Medium', 'Low', 'Unknown']).optional(),
        explanations_for_risk_rating: text(2048).optional(),
      })
      .strict()
      .optional(),
    business_details: z
      .object({
        business_problem: text(2048).optional(),
        business_stakeholders: text(2048).optional(),
        line_of_business: text(2048).optional(),
      })
      .strict()
      .optional(),
    training_details: z
      .object({
        objective_function: z
          .object({
            function: z
              .object({
                function: z.enum(['Maximize', 'Minimize']).optional(),
                facet: text(63).optional(),
                condition: text(63).optional(),
              })
              .strict()
              .optional(),
            notes: text(1024).optional(),
          })
          .strict()
          .optional(),
        training_observations: text(1024).optional(),
        training_job_details: z
          .object({
            training_arn: text(1024).optional(),
            training_datasets: stringList(15).optional(),
            training_environment: containerImages.optional(),
            training_metrics: z.array(trainingMetric).max(50).optional(),
            user_provided_training_metrics: z.array(trainingMetric).max(50).optional(),
            hyper_parameters: z.array(hyperParameter).max(100).optional(),
            user_provided_hyper_parameters: z.array(hyperParameter).max(100).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    evaluation_details: z.array(evaluationDetailSchema).optional(),
    additional_information: z
      .object({
        ethical_considerations: text(2048).optional(),
        caveats_and_recommendations: text(2048).optional(),
        custom_details: z
          .record(
            z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { message: 'custom_details keys are identifiers' }),
            text(1024),
          )
          .optional(),
      })
      .strict()
      .optional(),
    model_package_details: z
      .object({
        model_package_arn: z.string().min(1).max(2048).optional(),
        model_package_description: text(1024).optional(),
        model_package_group_name: sagemakerName.optional(),
        model_package_name: sagemakerName.optional(),
        model_package_version: z.number().min(1).optional(),
        model_package_status: z.enum(['Pending', 'InProgress', 'Completed', 'Failed', 'Deleting']).optional(),
        model_approval_status: z.enum(['Approved', 'Rejected', 'PendingManualApproval']).optional(),
        approval_description: text(1024).optional(),
        created_by: z
          .object({ user_profile_name: text(63).optional() })
          .strict()
          .optional(),
        domain: z.string().optional(),
        task: z.string().optional(),
        source_algorithms: z
          .array(
            z
              .object({ algorithm_name: z.string().min(1).max(170), model_data_url: text(1024).optional() })
              .strict(),
          )
          .length(1)
          .optional(),
        inference_specification: z
          .object({
            containers: z
              .array(
                z
                  .object({
                    image: z.string().min(1).max(255),
                    model_data_url: text(1024).optional(),
                    nearest_model_name: z.string().optional(),
                  })
                  .strict(),
              )
              .min(1)
              .max(15),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ModelCardContent = z.infer<typeof modelCardContentSchema>;
export type EvaluationDetail = z.infer<typeof evaluationDetailSchema>;
export type MetricGroup = z.infer<typeof metricGroupSchema>;
export type MetricData = z.infer<typeof metricDataSchema>;

/** SageMaker's model-card name rule (CreateModelCard.ModelCardName). */
export const modelCardNameSchema = sagemakerName;
