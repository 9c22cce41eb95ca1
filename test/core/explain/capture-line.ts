/** One SageMaker data-capture line for a CSV request and response. */
export function captureLine(features: readonly number[], output: number, id: string, time: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: features.join(','),
        encoding: 'CSV',
      },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(output),
        encoding: 'CSV',
      },
    },
    eventMetadata: { eventId: id, inferenceTime: time },
    eventVersion: '0',
  });
}
