import * as z from 'zod';

// SageMaker's model-card content schema (CloudFormation AWS::SageMaker::ModelCard, SageMaker Python
// SDK schema_constraints.py): unknown keys are rejected at every level, strings and lists are bounded.

const text = (max: number) => z.string().max(max);
type OptionalText = z.ZodOptional<z.ZodString>;
/** The fields `names`, each an optional text of at most `max` characters. */
const optionalTexts = <K extends string>(max: number, ...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, text(max).optional()])) as Record<K, OptionalText>;
const axisName = z.string().max(63);
const stringList = (maxItems: number, maxLength = 1024) => z.array(z.string().max(maxLength)).max(maxItems);
const sagemakerName = z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
  message: 'must be 1–63 letters, digits and hyphens, starting and ending with a letter or digit',
});

const axisNames = z.array(axisName).max(20);

/** One kind of `metric_data` item: its `type`, the `value` it holds and its axis names. */
function metricOfType<T extends string, V extends z.ZodType, X extends z.ZodType, Y extends z.ZodType>(
  type: T,
  value: V,
  xAxisName: X,
  yAxisName: Y,
) {
  return z.strictObject({
    name: z.string().min(1).max(255),
    notes: text(1024).optional(),
    type: z.literal(type),
    value,
    x_axis_name: xAxisName.optional(),
    y_axis_name: yAxisName.optional(),
  });
}

/** One `metric_data` item; `value` and the axis names depend on `type`. */
export const metricDataSchema = z.discriminatedUnion('type', [
  metricOfType('number', z.number(), axisName, axisName),
  metricOfType('string', z.string().max(63), axisName, axisName),
  metricOfType('boolean', z.boolean(), axisName, axisName),
  metricOfType(
    'linear_graph',
    z
      .array(z.tuple([z.number(), z.number()]))
      .min(1)
      .max(20),
    axisName,
    axisName,
  ),
  metricOfType('bar_chart', z.array(z.number()).min(1).max(20), axisNames, axisName),
  metricOfType('matrix', z.array(z.array(z.number()).min(1).max(20)).min(1).max(20), axisNames, axisNames),
]);

export const metricGroupSchema = z.strictObject({
  name: z.string().min(1).max(63),
  metric_data: z.array(metricDataSchema),
});

export const evaluationDetailSchema = z.strictObject({
  name: z.string().min(1).max(63),
  evaluation_observation: text(2096).optional(),
  evaluation_job_arn: text(256).optional(),
  datasets: stringList(10).optional(),
  metadata: z.record(z.string(), text(1024)).optional(),
  metric_groups: z.array(metricGroupSchema).optional(),
});

const containerImages = z.strictObject({ container_image: stringList(15) });
const trainingMetric = z.strictObject({
  name: z.string().min(1).max(255),
  value: z.number(),
  notes: text(1024).optional(),
});
const hyperParameter = z.strictObject({
  name: z.string().min(1).max(255),
  value: z.string().min(1).max(255),
});

/** The whole `Content` of a model card. */
export const modelCardContentSchema = z.strictObject({
  model_overview: z
    .strictObject({
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
    .optional(),
  intended_uses: z
    .strictObject({
      ...optionalTexts(2048, 'purpose_of_model', 'intended_uses', 'factors_affecting_model_efficiency'),
      risk_rating: z.enum(['High', 'Medium', 'Low', 'Unknown']).optional(),
      explanations_for_risk_rating: text(2048).optional(),
    })
    .optional(),
  business_details: z
    .strictObject(optionalTexts(2048, 'business_problem', 'business_stakeholders', 'line_of_business'))
    .optional(),
  training_details: z
    .strictObject({
      objective_function: z
        .strictObject({
          function: z
            .strictObject({
              function: z.enum(['Maximize', 'Minimize']).optional(),
              facet: text(63).optional(),
              condition: text(63).optional(),
            })
            .optional(),
          notes: text(1024).optional(),
        })
        .optional(),
      training_observations: text(1024).optional(),
      training_job_details: z
        .strictObject({
          training_arn: text(1024).optional(),
          training_datasets: stringList(15).optional(),
          training_environment: containerImages.optional(),
          training_metrics: z.array(trainingMetric).max(50).optional(),
          user_provided_training_metrics: z.array(trainingMetric).max(50).optional(),
          hyper_parameters: z.array(hyperParameter).max(100).optional(),
          user_provided_hyper_parameters: z.array(hyperParameter).max(100).optional(),
        })
        .optional(),
    })
    .optional(),
  evaluation_details: z.array(evaluationDetailSchema).optional(),
  additional_information: z
    .strictObject({
      ethical_considerations: text(2048).optional(),
      caveats_and_recommendations: text(2048).optional(),
      custom_details: z
        .record(
          z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { message: 'custom_details keys are identifiers' }),
          text(1024),
        )
        .optional(),
    })
    .optional(),
  model_package_details: z
    .strictObject({
      model_package_arn: z.string().min(1).max(2048).optional(),
      model_package_description: text(1024).optional(),
      model_package_group_name: sagemakerName.optional(),
      model_package_name: sagemakerName.optional(),
      model_package_version: z.number().min(1).optional(),
      model_package_status: z.enum(['Pending', 'InProgress', 'Completed', 'Failed', 'Deleting']).optional(),
      model_approval_status: z.enum(['Approved', 'Rejected', 'PendingManualApproval']).optional(),
      approval_description: text(1024).optional(),
      created_by: z.strictObject({ user_profile_name: text(63).optional() }).optional(),
      domain: z.string().optional(),
      task: z.string().optional(),
      source_algorithms: z
        .array(
          z.strictObject({
            algorithm_name: z.string().min(1).max(170),
            model_data_url: text(1024).optional(),
          }),
        )
        .length(1)
        .optional(),
      inference_specification: z
        .strictObject({
          containers: z
            .array(
              z.strictObject({
                image: z.string().min(1).max(255),
                model_data_url: text(1024).optional(),
                nearest_model_name: z.string().optional(),
              }),
            )
            .min(1)
            .max(15),
        })
        .optional(),
    })
    .optional(),
});

export type ModelCardContent = z.infer<typeof modelCardContentSchema>;
export type EvaluationDetail = z.infer<typeof evaluationDetailSchema>;
export type MetricGroup = z.infer<typeof metricGroupSchema>;
export type MetricData = z.infer<typeof metricDataSchema>;

/** SageMaker's model-card name rule (CreateModelCard.ModelCardName). */
export const modelCardNameSchema = sagemakerName;
