// asl-validator 4.0.0 ships JavaScript only: the part of its API the backfill definition test calls.
declare module 'asl-validator' {
  interface AslValidation {
    isValid: boolean;
    errors: { 'Error code': string; Message: string }[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidation;
}
